-- Up Migration

-- The graph as PostgreSQL holds it. Every table is keyed by a sequence number that keeps the order
-- records were added in (the seed's, then curation's), which is the order the store answers in
-- where no other order is asked for. Entities and relationships are rows with their evidence as
-- JSON beside them, so reading a node is reading one row; what a query filters, orders or searches
-- by lives in its own indexed table or column.

-- Names sort the way the memory store sorts them (Intl.Collator('en')): ICU's English collation,
-- nondeterministic so that names the collator calls equal tie and fall through to the id.
CREATE COLLATION entente_name (provider = icu, locale = 'en', deterministic = false);

-- The version of the graph: replaced by every load and write, announced on the channel
-- entente_graph so that every replica hears it.
CREATE TABLE graph_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entity (
  seq bigint PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  type text NOT NULL,
  name text COLLATE entente_name NOT NULL,
  aliases jsonb NOT NULL,
  labels jsonb NOT NULL,
  description text,
  -- The type's own attributes by name; a date is {iso, precision, earliest, latest, qualifier, isInferred, evidence}.
  attributes jsonb NOT NULL,
  -- Text attributes folded for matching (src/lib/text.ts foldText), by name.
  folded jsonb NOT NULL,
  mentions jsonb NOT NULL,
  -- The number of relationships of any type, a symmetric one once: what `orderBy: DEGREE` sorts by.
  degree integer NOT NULL
);
CREATE INDEX entity_by_type_and_name ON entity (type, name, id);
CREATE INDEX entity_by_name ON entity (name, id);

-- How many entities of each type there are: an unfiltered list's totalCount without counting rows.
CREATE TABLE entity_count (
  type text PRIMARY KEY,
  count bigint NOT NULL
);

-- Every folded name, alias and label of an entity (and a country's code, which only name look-ups
-- use): equality and prefix conditions on names are index range scans here.
CREATE TABLE entity_name (
  entity bigint NOT NULL,
  folded text COLLATE "C" NOT NULL,
  is_code boolean NOT NULL
);
CREATE INDEX entity_name_by_folded ON entity_name (folded, entity);
CREATE INDEX entity_name_by_entity ON entity_name (entity);

CREATE TABLE relationship (
  seq bigint PRIMARY KEY,
  type text NOT NULL,
  from_id text COLLATE "C" NOT NULL,
  to_id text COLLATE "C" NOT NULL,
  on_behalf_of_id text COLLATE "C",
  capacity text,
  capacity_folded text,
  role text,
  note text,
  ordinal integer,
  evidence jsonb NOT NULL,
  -- The methods its evidence was obtained by, a bit each (src/store/relationship-table.ts METHOD_BITS), for evidence filters.
  methods smallint NOT NULL,
  UNIQUE (type, from_id, to_id)
);

-- How many relationships of each type there are: the store's statistics without counting rows.
CREATE TABLE relationship_count (
  type text PRIMARY KEY,
  count bigint NOT NULL
);

-- Each relationship seen from each of its ends. A symmetric relationship reads the same both ways,
-- so it is outgoing and incoming at both ends (four rows); any other has one row at each end.
CREATE TABLE adjacency (
  node bigint NOT NULL,
  outgoing boolean NOT NULL,
  rel bigint NOT NULL,
  type text NOT NULL,
  other bigint NOT NULL,
  is_symmetric boolean NOT NULL,
  -- The relationship's evidence methods (relationship.methods), so that evidence filters read the index alone.
  methods smallint NOT NULL
);
-- A node's relationships in the order they are listed: outgoing ones first, each direction in
-- recording order. With the other columns included, listing, counting and filtering by them read
-- the index alone.
CREATE UNIQUE INDEX adjacency_by_node ON adjacency (node, outgoing DESC, rel) INCLUDE (type, other, is_symmetric, methods);

-- Every dated attribute of an entity that has a value, for the timeline.
CREATE TABLE dated (
  entity bigint NOT NULL,
  attribute text NOT NULL,
  kind text NOT NULL,
  kind_rank smallint NOT NULL,
  -- Sorted as the memory store sorts every text key, by the names' collation (for dates it is the calendar's order).
  earliest text COLLATE entente_name NOT NULL,
  latest text COLLATE "C" NOT NULL,
  -- Finer first: DAY 0, MONTH 1, YEAR 2.
  precision_rank smallint NOT NULL,
  PRIMARY KEY (entity, attribute)
);
CREATE INDEX dated_by_time ON dated (earliest, precision_rank);

-- Every fact with its evidence item, by where the item lies in its source: what factsIn pages
-- through. kind is MENTION, DATE, ATTRIBUTE, SAME_AS or RELATIONSHIP; attribute is the date's or
-- attribute's name, or the sameAs link's URI, '' for the others (as the memory store's positions
-- hold it); place is the order of recording, for facts that tie on all of these.
CREATE TABLE evidence_span (
  source_id text COLLATE "C" NOT NULL,
  start_at bigint NOT NULL,
  end_at bigint NOT NULL,
  subject_id text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  attribute text COLLATE "C" NOT NULL,
  method text NOT NULL,
  place bigint NOT NULL,
  evidence jsonb NOT NULL
);
CREATE INDEX evidence_span_by_place ON evidence_span (source_id, start_at, end_at, subject_id, kind, attribute, place);

-- The text of each source the seed was checked against, when the load was given it: what
-- Evidence.context quotes sentences from.
CREATE TABLE source_text (
  source_id text COLLATE "C" PRIMARY KEY,
  text text NOT NULL
);

-- Full-text search: an inverted index with the statistics BM25+ needs (see src/store/search-index.ts).
-- Documents are entities (doc = entity seq) and relationship evidence quotes (doc = 2^40 + the
-- quote's number), so that entities come first where scores tie.
CREATE TABLE search_term (
  id integer PRIMARY KEY,
  term text COLLATE "C" NOT NULL UNIQUE,
  -- The term's length in UTF-16 code units, as the ranking weighs prefix matches by it.
  utf16_length integer NOT NULL,
  -- Documents whose name, aliases, description and quote hold the term.
  df_name integer NOT NULL,
  df_alias integer NOT NULL,
  df_description integer NOT NULL,
  df_quote integer NOT NULL
);

CREATE TABLE search_posting (
  term integer NOT NULL,
  doc bigint NOT NULL,
  -- 0 name, 1 aliases and labels, 2 description, 3 evidence quote.
  field smallint NOT NULL,
  frequency smallint NOT NULL,
  -- The field's length in words (at most 65535), kept here so that scoring a posting reads nothing else.
  length integer NOT NULL,
  PRIMARY KEY (term, doc, field)
);

CREATE TABLE search_document (
  doc bigint PRIMARY KEY,
  entity bigint,
  relationship bigint,
  item integer,
  -- The entity's type, or the types of the relationship's ends (read from their ids).
  entity_type text,
  from_type text,
  to_type text
);

-- Per field: how many documents have it, and how many words they hold in all.
CREATE TABLE search_field (
  field smallint PRIMARY KEY,
  documents bigint NOT NULL,
  total_length bigint NOT NULL
);

-- Down Migration
DROP TABLE search_field, search_document, search_posting, search_term, source_text, evidence_span, dated, adjacency, relationship_count, relationship, entity_name, entity_count, entity, graph_state;
DROP COLLATION entente_name;
