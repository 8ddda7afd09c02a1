-- Up Migration

-- The write side (issue 16): the graph as records, the journal of changes, and the ids merged into
-- other entities. A load writes the seed's records; a commit changes records, appends its journal
-- entry and brings the graph tables of 0001 in line, in one transaction (src/store/postgres/curation.ts).

-- Every record of the graph, as the seed holds it (see src/store/records.ts): kind is source,
-- entity, relationship, sameAs or mergedId. `record` is json, not jsonb, so it reads back with the
-- text it was written with: a change names the record it found by that text.
CREATE TABLE record (
  kind text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  -- The order records were first recorded in, which the graph is built in; a changed record keeps its place.
  seq bigint NOT NULL,
  record json NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX record_in_order ON record (seq);

-- One row per accepted change, in sequence order.
CREATE TABLE journal (
  sequence bigint PRIMARY KEY,
  -- ISO 8601 UTC, never earlier than the entry before.
  at text COLLATE "C" NOT NULL,
  operation text NOT NULL,
  actor text NOT NULL,
  reason text,
  changes json NOT NULL,
  -- The ids the entry is about (entryIsAbout) and the ids it changes (entryChanges), for history and filters.
  about text[] NOT NULL,
  subjects text[] NOT NULL
);
CREATE INDEX journal_by_time ON journal (at, sequence);
CREATE INDEX journal_about ON journal USING gin (about);
CREATE INDEX journal_subjects ON journal USING gin (subjects);

-- Ids merged into another entity, each with the id it resolves to.
CREATE TABLE merged_id (
  id text COLLATE "C" PRIMARY KEY,
  survivor text COLLATE "C" NOT NULL
);

-- The digest of the seed the journal starts from: the graph's version is it, then `-<sequence>`.
ALTER TABLE graph_state ADD COLUMN seed_version text;

-- A commit changes the rows of the records it changes, found by these.
CREATE INDEX adjacency_by_rel ON adjacency (rel);
CREATE INDEX evidence_span_by_subject ON evidence_span (subject_id);
CREATE INDEX evidence_span_in_order ON evidence_span (place);
CREATE INDEX search_document_by_relationship ON search_document (relationship) WHERE relationship IS NOT NULL;

-- Down Migration
DROP INDEX search_document_by_relationship, evidence_span_in_order, evidence_span_by_subject, adjacency_by_rel;
ALTER TABLE graph_state DROP COLUMN seed_version;
DROP TABLE merged_id, journal, record;
