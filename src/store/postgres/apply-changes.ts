import type pg from 'pg';
import { parseGlobalId } from '../../lib/global-id.js';
import type { ChangeRequest } from '../graph-store.js';
import { MAX_FREQUENCY } from '../inverted-index.js';
import type { RelationshipModel } from '../models.js';
import { RecordSet, type RecordKind } from '../records.js';
import { aliasText, MAX_LENGTH, tokenize } from '../search-index.js';
import { buildSeedGraph } from '../seed.js';
import type { Json } from '../seed-rules.js';
import { copyRows } from './copy.js';
import {
  ADJACENCY_COLUMNS,
  adjacencyRowsOf,
  DATED_COLUMNS,
  datedRowsOf,
  ENTITY_COLUMNS,
  entityRow,
  entitySpans,
  evidenceMethods,
  NAME_COLUMNS,
  nameRowsOf,
  QUOTE_DOCUMENTS,
  RELATIONSHIP_COLUMNS,
  relationshipRow,
  relationshipSpans,
  SPAN_COLUMNS,
  spanRowsOf,
} from './load-graph.js';
import { evidenceFrom, type EvidenceJson } from './rows.js';

const DF_COLUMNS = ['df_name', 'df_alias', 'df_description', 'df_quote'];
const ENTITY_FIELDS = [0, 1, 2];
const QUOTE_FIELD = 3;

/** The words of each field of a search document, as the search index reads them (fields without words are left out). */
type DocumentFields = Map<number, string[]>;

function entityFields(entity: { name: string; aliases: readonly string[]; labels: ReadonlyArray<{ text: string }>; description: string | null }): DocumentFields {
  return new Map([
    [0, tokenize(entity.name)],
    [1, tokenize(aliasText(entity as Parameters<typeof aliasText>[0]))],
    [2, tokenize(entity.description ?? '')],
  ]);
}

/**
 * Brings the graph tables in line with a change's records row by row, inside the commit's
 * transaction: the rows, names, dates, facts and search postings of the entities and relationships
 * the change touches, the degrees of the entities at their ends, the counts and the search
 * statistics. The models are made by the seed's own builder from the changed records and the
 * records they name (so an entity's row is what a load would write). Returns false, touching
 * nothing, for a change it does not handle this way (an entity removed, as a merge does, or a
 * merged id): the caller then makes the tables again from all records.
 *
 * New entities and relationships are numbered after every other. Where the memory store, which
 * builds its graph again, would place a new source before the other entities, this store places it
 * last: answers differ only in the order of equal-scored search hits and of entities sharing a name.
 */
export async function applyChanges(client: pg.ClientBase, request: ChangeRequest): Promise<boolean> {
  if (request.changes.some((change) => change.kind === 'mergedId' || ((change.kind === 'entity' || change.kind === 'source') && change.after === null))) return false;
  const entityIds = new Set<string>();
  const relationshipKeys = new Set<string>();
  for (const change of request.changes) {
    if (change.kind === 'entity' || change.kind === 'source') entityIds.add(change.key);
    else if (change.kind === 'relationship') relationshipKeys.add(change.key);
    else for (const record of [change.before, change.after]) if (record && typeof record.entity === 'string') entityIds.add(record.entity);
  }
  const graph = await buildAffected(client, entityIds, relationshipKeys);
  const stats = { entities: 0, quotes: 0 };
  const removedTerms = new Set<string>();
  const removeDocument = (doc: number, fields: DocumentFields) => removePostings(client, doc, fields, removedTerms);

  for (const id of entityIds) {
    const entity = graph.entities[graph.entityIndex.get(id)!]!;
    const old = (await client.query<{ seq: number; name: string; aliases: string[]; labels: Array<{ text: string }>; description: string | null }>('SELECT seq, name, aliases, labels, description FROM entity WHERE id = $1', [id])).rows[0];
    let seq: number;
    if (old) {
      seq = old.seq;
      await removeDocument(seq, entityFields(old));
      const row = entityRow(entity, seq, 0);
      await client.query(
        `UPDATE entity SET type = $2, name = $3, aliases = $4::jsonb, labels = $5::jsonb, description = $6, attributes = $7::jsonb, folded = $8::jsonb, mentions = $9::jsonb WHERE seq = $1`,
        [seq, ...row.slice(2, 10).map((value) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : value))],
      );
      await client.query('DELETE FROM entity_name WHERE entity = $1', [seq]);
      await client.query('DELETE FROM dated WHERE entity = $1', [seq]);
      await client.query("DELETE FROM evidence_span WHERE subject_id = $1 AND kind <> 'RELATIONSHIP'", [id]);
    } else {
      seq = await next(client, 'entity', 'seq');
      await copyRows(client, 'entity', ENTITY_COLUMNS, [entityRow(entity, seq, 0)], () => `entity ${id}`);
      await client.query('INSERT INTO entity_count (type, count) VALUES ($1, 1) ON CONFLICT (type) DO UPDATE SET count = entity_count.count + 1', [entity.type]);
      await client.query('INSERT INTO search_document (doc, entity, entity_type) VALUES ($1, $1, $2)', [seq, entity.type]);
      stats.entities++;
    }
    await addDocument(client, seq, entityFields(entity));
    await copyRows(client, 'entity_name', NAME_COLUMNS, nameRowsOf(entity, seq), () => `a name of ${id}`);
    await copyRows(client, 'dated', DATED_COLUMNS, datedRowsOf(entity, seq), () => `a date of ${id}`);
    await copyRows(client, 'evidence_span', SPAN_COLUMNS, spanRowsOf(entitySpans(entity), await next(client, 'evidence_span', 'place')), () => `evidence of ${id}`);
  }

  const ends = new Set<number>();
  for (const key of relationshipKeys) {
    const parsed = parseGlobalId(key);
    if (parsed?.kind !== 'relationship') throw new Error(`not a relationship key: ${key}`);
    const old = (
      await client.query<{ seq: number; evidence: EvidenceJson[] }>('SELECT seq, evidence FROM relationship WHERE type = $1 AND from_id = $2 AND to_id = $3', [parsed.edgeType, parsed.fromId, parsed.toId])
    ).rows[0];
    const index = graph.edges.length === 0 ? -1 : findEdge(graph.edges, key);
    const edge = index === -1 ? null : graph.edges.edge(index);
    let seq: number;
    if (old) {
      seq = old.seq;
      for (const { doc, item } of (await client.query<{ doc: number; item: number }>('SELECT doc, item FROM search_document WHERE relationship = $1', [seq])).rows) {
        await removeDocument(doc, new Map([[QUOTE_FIELD, tokenize(evidenceFrom(old.evidence[item]!).quote)]]));
        stats.quotes--;
      }
      await client.query('DELETE FROM search_document WHERE relationship = $1', [seq]);
      await client.query("DELETE FROM evidence_span WHERE subject_id = $1 AND kind = 'RELATIONSHIP'", [key]);
      const { rows } = await client.query<{ node: number }>('DELETE FROM adjacency WHERE rel = $1 RETURNING node', [seq]);
      for (const row of rows) ends.add(row.node);
      if (!edge) {
        await client.query('DELETE FROM relationship WHERE seq = $1', [seq]);
        await client.query('UPDATE relationship_count SET count = count - 1 WHERE type = $1', [parsed.edgeType]);
        continue;
      }
      const row = relationshipRow(edge, seq);
      await client.query(
        'UPDATE relationship SET on_behalf_of_id = $2, capacity = $3, capacity_folded = $4, role = $5, note = $6, ordinal = $7, evidence = $8::jsonb, methods = $9 WHERE seq = $1',
        [seq, row[4], row[5], row[6], row[7], row[8], row[9], JSON.stringify(row[10]), row[11]],
      );
    } else {
      if (!edge) continue;
      seq = await next(client, 'relationship', 'seq');
      await copyRows(client, 'relationship', RELATIONSHIP_COLUMNS, [relationshipRow(edge, seq)], () => `relationship ${key}`);
      await client.query('INSERT INTO relationship_count (type, count) VALUES ($1, 1) ON CONFLICT (type) DO UPDATE SET count = relationship_count.count + 1', [edge.type]);
    }
    const seqs = await entitySeqs(client, [edge.fromId, edge.toId]);
    const [from, to] = [seqs.get(edge.fromId)!, seqs.get(edge.toId)!];
    ends.add(from).add(to);
    await copyRows(client, 'adjacency', ADJACENCY_COLUMNS, adjacencyRowsOf(edge.type, from, to, seq, evidenceMethods(edge.evidence)), () => `an adjacency row of ${key}`);
    await copyRows(client, 'evidence_span', SPAN_COLUMNS, spanRowsOf(relationshipSpans(edge), await next(client, 'evidence_span', 'place')), () => `evidence of ${key}`);
    let doc = Math.max(QUOTE_DOCUMENTS, await next(client, 'search_document', 'doc'));
    const typeOf = (id: string) => id.slice(0, id.indexOf(':'));
    for (const [item, evidence] of edge.evidence.entries()) {
      await client.query('INSERT INTO search_document (doc, relationship, item, from_type, to_type) VALUES ($1, $2, $3, $4, $5)', [doc, seq, item, typeOf(edge.fromId), typeOf(edge.toId)]);
      await addDocument(client, doc, new Map([[QUOTE_FIELD, tokenize(evidence.quote)]]));
      stats.quotes++;
      doc++;
    }
  }
  // A node's degree counts each of its relationships once, a symmetric one too (see adjacency).
  await client.query('UPDATE entity e SET degree = (SELECT count(*) FROM adjacency a WHERE a.node = e.seq AND (a.outgoing OR NOT a.is_symmetric)) WHERE e.seq = ANY($1::bigint[])', [[...ends]]);
  await client.query('UPDATE search_field SET documents = documents + $1 WHERE field = ANY($2::smallint[])', [stats.entities, ENTITY_FIELDS]);
  await client.query('UPDATE search_field SET documents = documents + $1 WHERE field = $2', [stats.quotes, QUOTE_FIELD]);
  // A term no document holds any more is no term of the index (as after a load).
  await client.query('DELETE FROM search_term WHERE term = ANY($1::text[]) AND df_name = 0 AND df_alias = 0 AND df_description = 0 AND df_quote = 0', [[...removedTerms]]);
  return true;
}

/**
 * The models of the changed entities and relationships, built by the seed's builder from their
 * records and every record they name (ends, sources, speakers, and what those name in turn), with
 * the texts of the sources among them: the builder checks them as a load would.
 */
async function buildAffected(client: pg.ClientBase, entityIds: ReadonlySet<string>, relationshipKeys: ReadonlySet<string>): Promise<ReturnType<typeof buildSeedGraph>> {
  const records = new RecordSet();
  const entityRef = (id: string) => ({ kind: (id.startsWith('Source:') ? 'source' : 'entity') as RecordKind, key: id });
  const wanted = [...[...entityIds].map(entityRef), ...[...relationshipKeys].map((key) => ({ kind: 'relationship' as RecordKind, key }))];
  const seen = new Set<string>();
  while (wanted.length > 0) {
    const batch = wanted.splice(0).filter((ref) => !seen.has(`${ref.kind} ${ref.key}`));
    for (const ref of batch) seen.add(`${ref.kind} ${ref.key}`);
    if (batch.length === 0) break;
    const { rows } = await client.query<{ kind: RecordKind; key: string; record: string }>(
      `SELECT r.kind, r.key, r.record::text AS record FROM unnest($1::text[], $2::text[]) AS k(kind, key) JOIN record r ON r.kind = k.kind AND r.key = k.key
       UNION ALL
       -- The sameAs links of the changed entities come with them.
       SELECT r.kind, r.key, r.record::text FROM record r WHERE r.kind = 'sameAs' AND starts_with(r.key, 'SameAs:') AND r.record ->> 'entity' = ANY($3::text[])`,
      [batch.map((ref) => ref.kind), batch.map((ref) => ref.key), batch.filter((ref) => entityIds.has(ref.key)).map((ref) => ref.key)],
    );
    for (const row of rows) {
      const record = JSON.parse(row.record) as Json;
      records.set({ kind: row.kind, key: row.key }, record);
      for (const id of namedIds(record)) wanted.push(entityRef(id));
    }
  }
  const sources = [...records.all('source')].map(([key]) => key);
  const texts = new Map((await client.query<{ source_id: string; text: string }>('SELECT source_id, text FROM source_text WHERE source_id = ANY($1::text[])', [sources])).rows.map((row) => [row.source_id, row.text]));
  return buildSeedGraph([records.toSeedFile('the changed records and what they name')], { sourceTexts: texts });
}

/** The entity and source ids a record names: its ends, its country, its sameAs entity, and its evidence's sources and speakers. */
function namedIds(record: Json): Set<string> {
  const ids = new Set<string>();
  const walk = (value: unknown, key: string | null): void => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, null));
    else if (typeof value === 'object' && value !== null) for (const [inner, item] of Object.entries(value)) walk(item, inner);
    else if (typeof value === 'string' && key !== null && ['from', 'to', 'onBehalfOf', 'entity', 'source', 'speaker'].includes(key) && parseGlobalId(value)?.kind === 'entity') ids.add(value);
  };
  walk(record, null);
  return ids;
}

function findEdge(edges: { length: number; edge(index: number): RelationshipModel }, key: string): number {
  for (let row = 0; row < edges.length; row++) if (edges.edge(row).id === key) return row;
  return -1;
}

/** The number after the largest in a column (0 for an empty table). */
async function next(client: pg.ClientBase, table: string, column: string): Promise<number> {
  return (await client.query<{ next: number }>(`SELECT coalesce(max(${column}), -1) + 1 AS next FROM ${table}`)).rows[0]!.next;
}

async function entitySeqs(client: pg.ClientBase, ids: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ id: string; seq: number }>('SELECT id, seq FROM entity WHERE id = ANY($1::text[])', [ids]);
  return new Map(rows.map((row) => [row.id, row.seq]));
}

/** A field's distinct words with how often each occurs (at most MAX_FREQUENCY, as the index counts). */
function frequencies(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, Math.min((counts.get(word) ?? 0) + 1, MAX_FREQUENCY));
  return counts;
}

/**
 * Takes a document's postings out of the index, with its part of the terms' document frequencies
 * and the fields' lengths; adds the terms to `touched`.
 */
async function removePostings(client: pg.ClientBase, doc: number, fields: DocumentFields, touched: Set<string>): Promise<void> {
  for (const [field, words] of fields) {
    if (words.length === 0) continue;
    const terms = [...frequencies(words).keys()];
    for (const term of terms) touched.add(term);
    await client.query(`UPDATE search_term SET ${DF_COLUMNS[field]} = ${DF_COLUMNS[field]} - 1 WHERE term = ANY($1::text[])`, [terms]);
    await client.query('DELETE FROM search_posting p USING search_term t WHERE p.term = t.id AND t.term = ANY($1::text[]) AND p.doc = $2 AND p.field = $3', [terms, doc, field]);
    await client.query('UPDATE search_field SET total_length = total_length - $1 WHERE field = $2', [words.length, field]);
  }
}

/** Puts a document's postings in the index (new terms get new ids), with the terms' document frequencies and the fields' lengths. */
async function addDocument(client: pg.ClientBase, doc: number, fields: DocumentFields): Promise<void> {
  for (const [field, words] of fields) {
    if (words.length === 0) continue;
    const counts = frequencies(words);
    const terms = [...counts.keys()];
    await client.query(
      `INSERT INTO search_term (id, term, utf16_length, df_name, df_alias, df_description, df_quote)
       SELECT m.base + k.i, k.term, k.length, 0, 0, 0, 0
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(term, length, i), (SELECT coalesce(max(id), -1) AS base FROM search_term) m
        WHERE NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = k.term)`,
      [terms, terms.map((term) => term.length)],
    );
    await client.query(`UPDATE search_term SET ${DF_COLUMNS[field]} = ${DF_COLUMNS[field]} + 1 WHERE term = ANY($1::text[])`, [terms]);
    await client.query(
      `INSERT INTO search_posting (term, doc, field, frequency, length)
       SELECT t.id, $3, $4, k.frequency, $5 FROM unnest($1::text[], $2::int[]) AS k(term, frequency) JOIN search_term t ON t.term = k.term`,
      [terms, [...counts.values()], doc, field, Math.min(words.length, MAX_LENGTH)],
    );
    await client.query('UPDATE search_field SET total_length = total_length + $1 WHERE field = $2', [words.length, field]);
  }
}
