import type pg from 'pg';
import { FILTER_ATTRIBUTES } from '../../generated/catalogue.js';
import { foldText } from '../../lib/text.js';
import { entityFacts } from '../fact-index.js';
import { ChunkedArray, fieldOf, frequencyOf, InvertedIndexBuilder } from '../inverted-index.js';
import { RequestWork } from '../../lib/work.js';
import type { EntityModel, EvidenceModel, FactModel, RelationshipModel } from '../models.js';
import { isPartialDate } from '../models.js';
import { addSearchDocuments } from '../search-index.js';
import { RECORD_KINDS, type RecordTexts } from '../records.js';
import type { SeedGraph } from '../seed.js';
import { KIND_RANK, PRECISION_RANK } from '../timeline-order.js';
import { DATED_ATTRIBUTES, isSymmetric } from '../vocabulary.js';
import { methodsMask } from './conditions.js';
import { copyRows, type CopyValue } from './copy.js';
import { attributesJson, evidenceJson } from './rows.js';
import { VERSION_CHANNEL } from './version-feed.js';

/** Evidence quote documents are numbered from here, after every entity, as the search index numbers them. */
export const QUOTE_DOCUMENTS = 2 ** 40;
/**
 * Taken for the whole of a load and of a commit (a transaction-level advisory lock), so that loads
 * and changes of one database run one after the other, whichever replica makes them.
 */
export const GRAPH_LOCK = 0x656e7465;

/** The tables made from the records: what a load and a commit replace. */
const GRAPH_TABLES = ['search_field', 'search_document', 'search_posting', 'search_term', 'evidence_span', 'dated', 'adjacency', 'relationship_count', 'relationship', 'entity_name', 'entity_count', 'entity', 'merged_id'];

/** What a load writes besides the graph. */
export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** The texts the seed was checked against, by source id: kept for Evidence.context and for curation. */
  sourceTexts?: ReadonlyMap<string, string>;
  /** The seed's records (see RecordingSeedBuilder): kept so that the graph can take changes. */
  records?: RecordTexts;
}

export interface LoadProgress {
  /** The table being written, or `indexes` once they are built again (`rows` is then how many). */
  table: string;
  /** Rows written to it so far. */
  rows: number;
  /** Whether the table is complete. */
  done: boolean;
}

/**
 * Replaces the graph in the database with a checked seed graph (see loadSeed, which applies the
 * seed rules): every table emptied and written with COPY inside one transaction, the version set and
 * announced to every replica on commit. Anything that fails rolls the whole load back, leaving the
 * database as it was. The tables' indexes are dropped before the rows go in and built again after,
 * from their own definitions, which is several times faster than keeping them up to date row by
 * row; the price is that queries wait while a load runs (its locks are held until it commits). The
 * schema must be migrated already.
 */
export async function loadGraph(client: pg.Client, graph: SeedGraph, options: LoadOptions = {}): Promise<void> {
  const onProgress = options.onProgress ?? (() => {});
  const records = options.records ?? null;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [GRAPH_LOCK]);
    // Index builds sort in memory up to this much; a load runs one at a time.
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await replaceGraph(client, graph, records?.mergedIds() ?? new Map(), onProgress);
    // A new seed starts a new journal: the entries of the old one changed records that are gone.
    await client.query('TRUNCATE source_text, record, journal');
    await copyRows(client, 'source_text', ['source_id', 'text'], [...(options.sourceTexts ?? [])], (row) => `the text of ${String(row[0])}`);
    if (records) await copyRows(client, 'record', ['kind', 'key', 'seq', 'record'], recordRows(records), (row) => `the ${String(row[0])} record ${String(row[1])}`, (rows, done) => onProgress({ table: 'record', rows, done }));
    await client.query(
      `INSERT INTO graph_state (singleton, version, seed_version, changed_at) VALUES (true, $1, $2, now())
       ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, seed_version = excluded.seed_version, changed_at = excluded.changed_at`,
      [graph.version, records ? graph.version : null],
    );
    // Delivered when the transaction commits, and only then.
    await client.query('SELECT pg_notify($1, $2)', [VERSION_CHANNEL, graph.version]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  // Fresh statistics, so that the planner knows the sizes it plans for.
  for (const table of [...GRAPH_TABLES, 'record']) await client.query(`ANALYZE ${table}`);
}

/**
 * Replaces the graph tables with a checked graph, inside the caller's transaction: every table
 * emptied and written with COPY, its indexes dropped first and built again after.
 */
export async function replaceGraph(client: pg.ClientBase, graph: SeedGraph, mergedIds: ReadonlyMap<string, string>, onProgress: (progress: LoadProgress) => void = () => {}): Promise<void> {
  const indexes = await dropIndexes(client);
  await client.query(`TRUNCATE ${GRAPH_TABLES.join(', ')}`);
  await writeGraph(client, graph, onProgress);
  await copyRows(client, 'merged_id', ['id', 'survivor'], [...mergedIds], (row) => `the merged id ${String(row[0])}`);
  for (const statement of indexes) await client.query(statement);
  onProgress({ table: 'indexes', rows: indexes.length, done: true });
}

/** Every record, kind by kind in the order each kind's records were recorded. */
function* recordRows(records: RecordTexts): Generator<CopyValue[]> {
  let seq = 0;
  for (const kind of RECORD_KINDS) for (const [key, text] of records.texts(kind)) yield [kind, key, seq++, text];
}

/**
 * Drops every index and key of the graph tables, returning the statements that make them again,
 * read from the catalogue: the migrations stay the one place they are defined.
 */
async function dropIndexes(client: pg.ClientBase): Promise<string[]> {
  const { rows: keys } = await client.query<{ table_name: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c WHERE c.conrelid = ANY($1::regclass[]) AND c.contype IN ('p', 'u')`,
    [GRAPH_TABLES],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [GRAPH_TABLES],
  );
  for (const key of keys) await client.query(`ALTER TABLE ${key.table_name} DROP CONSTRAINT ${key.name}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  return [...keys.map((key) => `ALTER TABLE ${key.table_name} ADD CONSTRAINT ${key.name} ${key.definition}`), ...indexes.map((index) => index.definition)];
}

async function writeGraph(client: pg.ClientBase, graph: SeedGraph, onProgress: (progress: LoadProgress) => void): Promise<void> {
  const { entities, edges } = graph;
  const progress = (table: string) => (rows: number, done: boolean) => onProgress({ table, rows, done });
  const degree = new Int32Array(entities.length);
  for (let row = 0; row < edges.length; row++) {
    degree[edges.fromOf(row)]!++;
    degree[edges.toOf(row)]!++;
  }

  await copyRows(
    client,
    'entity',
    ENTITY_COLUMNS,
    mapRows(entities, (entity, seq) => entityRow(entity, seq, degree[seq]!)),
    (row) => `entity ${String(row[1])}`,
    progress('entity'),
  );
  await copyRows(
    client,
    'entity_count',
    ['type', 'count'],
    countsByType(entities),
    (row) => `the count of ${String(row[0])}`,
  );
  await copyRows(
    client,
    'entity_name',
    NAME_COLUMNS,
    (function* () {
      for (let seq = 0; seq < entities.length; seq++) yield* nameRowsOf(entities[seq]!, seq);
    })(),
    (row) => `a name of entity number ${String(row[0])}`,
    progress('entity_name'),
  );
  await copyRows(
    client,
    'relationship',
    RELATIONSHIP_COLUMNS,
    mapRows(edges, (edge, seq) => relationshipRow(edge, seq)),
    (row) => `relationship ${String(row[1])} ${String(row[2])} → ${String(row[3])}`,
    progress('relationship'),
  );
  await copyRows(client, 'relationship_count', ['type', 'count'], countsByType(edges), (row) => `the count of ${String(row[0])}`);
  await copyRows(client, 'adjacency', ADJACENCY_COLUMNS, adjacencyRows(graph), () => 'an adjacency row', progress('adjacency'));
  await copyRows(
    client,
    'dated',
    DATED_COLUMNS,
    (function* () {
      for (let seq = 0; seq < entities.length; seq++) yield* datedRowsOf(entities[seq]!, seq);
    })(),
    (row) => `a date of entity number ${String(row[0])}`,
    progress('dated'),
  );
  await copyRows(
    client,
    'evidence_span',
    SPAN_COLUMNS,
    spanRows(graph),
    (row) => `evidence in ${String(row[0])}`,
    progress('evidence_span'),
  );
  await writeSearchIndex(client, graph, progress);
}

function* mapRows<T>(items: Iterable<T>, toRow: (item: T, index: number) => CopyValue[]): Generator<CopyValue[]> {
  let index = 0;
  for (const item of items) yield toRow(item, index++);
}

function* countsByType(items: Iterable<{ type: string }>): Generator<CopyValue[]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.type, (counts.get(item.type) ?? 0) + 1);
  for (const [type, count] of counts) yield [type, count];
}

/** The methods a list of evidence was obtained by, a bit each (see METHOD_BITS). */
export function evidenceMethods(evidence: readonly EvidenceModel[]): number {
  return methodsMask(evidence.map((item) => item.method));
}

/** The folded values of the text attributes filters can test (a country's code, a source's title). */
function foldedAttributes(entity: EntityModel): Record<string, string> {
  const folded: Record<string, string> = {};
  for (const [attribute, kind] of Object.entries(FILTER_ATTRIBUTES[entity.type] ?? {})) {
    const value = (entity as unknown as Record<string, unknown>)[attribute];
    if (kind === 'string' && typeof value === 'string') folded[attribute] = foldText(value);
  }
  return folded;
}

export const ENTITY_COLUMNS = ['seq', 'id', 'type', 'name', 'aliases', 'labels', 'description', 'attributes', 'folded', 'mentions', 'degree'];
export const RELATIONSHIP_COLUMNS = ['seq', 'type', 'from_id', 'to_id', 'on_behalf_of_id', 'capacity', 'capacity_folded', 'role', 'note', 'ordinal', 'evidence', 'methods'];
export const ADJACENCY_COLUMNS = ['node', 'outgoing', 'rel', 'type', 'other', 'is_symmetric', 'methods'];
export const NAME_COLUMNS = ['entity', 'folded', 'is_code'];
export const DATED_COLUMNS = ['entity', 'attribute', 'kind', 'kind_rank', 'earliest', 'latest', 'precision_rank'];
export const SPAN_COLUMNS = ['source_id', 'start_at', 'end_at', 'subject_id', 'kind', 'attribute', 'method', 'place', 'evidence'];

/** An entity's row (ENTITY_COLUMNS). */
export function entityRow(entity: EntityModel, seq: number, degree: number): CopyValue[] {
  return [
    seq,
    entity.id,
    entity.type,
    entity.name,
    entity.aliases,
    entity.labels,
    entity.description,
    attributesJson(entity),
    foldedAttributes(entity),
    entity.mentions.map(evidenceJson),
    degree,
  ];
}

/** A relationship's row (RELATIONSHIP_COLUMNS). */
export function relationshipRow(edge: RelationshipModel, seq: number): CopyValue[] {
  return [
    seq,
    edge.type,
    edge.fromId,
    edge.toId,
    edge.onBehalfOfId,
    edge.capacity,
    edge.capacity === null ? null : foldText(edge.capacity),
    edge.role,
    edge.note,
    edge.ordinal,
    edge.evidence.map(evidenceJson),
    evidenceMethods(edge.evidence),
  ];
}

/** An entity's distinct folded names, aliases and labels, and a country's folded code (NAME_COLUMNS). */
export function* nameRowsOf(entity: EntityModel, seq: number): Generator<CopyValue[]> {
  const names = new Set([entity.name, ...entity.aliases, ...entity.labels.map((label) => label.text)].map(foldText));
  for (const name of names) yield [seq, name, false];
  if (entity.type === 'Country') yield [seq, foldText(entity.code), true];
}

/** A relationship from each end it is listed at (see the adjacency table; ADJACENCY_COLUMNS). */
export function* adjacencyRowsOf(type: RelationshipModel['type'], from: number, to: number, rel: number, methods: number): Generator<CopyValue[]> {
  const symmetric = isSymmetric(type);
  yield [from, true, rel, type, to, symmetric, methods];
  yield [to, false, rel, type, from, symmetric, methods];
  if (symmetric) {
    yield [to, true, rel, type, from, symmetric, methods];
    yield [from, false, rel, type, to, symmetric, methods];
  }
}

function* adjacencyRows(graph: SeedGraph): Generator<CopyValue[]> {
  const { edges } = graph;
  for (let row = 0; row < edges.length; row++) yield* adjacencyRowsOf(edges.typeOf(row), edges.fromOf(row), edges.toOf(row), row, evidenceMethods(edges.edge(row).evidence));
}

/** An entity's dated attributes that have a value (DATED_COLUMNS). */
export function* datedRowsOf(entity: EntityModel, seq: number): Generator<CopyValue[]> {
  for (const { attribute, kind } of DATED_ATTRIBUTES[entity.type] ?? []) {
    const date = (entity as unknown as Record<string, unknown>)[attribute];
    if (isPartialDate(date)) yield [seq, attribute, kind, KIND_RANK[kind], date.earliest, date.latest, PRECISION_RANK[date.precision]];
  }
}

/** A fact with one evidence item, without its place (see SPAN_COLUMNS). */
type Span = [evidence: EvidenceModel, subjectId: string, kind: FactModel['kind'], attribute: string | null];

/** An entity's facts in the order the memory store lists them (see entityFacts). */
export function* entitySpans(entity: EntityModel): Generator<Span> {
  for (const { evidence, subjectId, kind, attribute } of entityFacts(entity)) yield [evidence, subjectId, kind, attribute];
}

export function* relationshipSpans(edge: RelationshipModel): Generator<Span> {
  for (const evidence of edge.evidence) yield [evidence, edge.id, 'RELATIONSHIP', null];
}

/** Facts as rows (SPAN_COLUMNS), numbered from `place`. */
export function* spanRowsOf(spans: Iterable<Span>, place: number): Generator<CopyValue[]> {
  for (const [evidence, subjectId, kind, attribute] of spans) {
    yield [evidence.sourceId, evidence.start, evidence.end, subjectId, kind, attribute ?? '', evidence.method, place++, evidenceJson(evidence)];
  }
}

/**
 * Every fact with one evidence item, as the memory store lists them (see findEvidence): each
 * entity's, then every relationship's evidence.
 */
function* spanRows(graph: SeedGraph): Generator<CopyValue[]> {
  yield* spanRowsOf(
    (function* () {
      for (const entity of graph.entities) yield* entitySpans(entity);
      for (const edge of graph.edges) yield* relationshipSpans(edge);
    })(),
    0,
  );
}

/** The search index of src/store/search-index.ts, built the same way and written as tables. */
async function writeSearchIndex(client: pg.ClientBase, graph: SeedGraph, progress: (table: string) => (rows: number, done: boolean) => void): Promise<void> {
  const builder = new InvertedIndexBuilder();
  const entityCount = graph.entities.length;
  const entityLengths = new Uint16Array(entityCount * 3);
  // Per quote document, in typed chunks (there are as many as evidence items): its relationship
  // and its length. Its place among the relationship's evidence follows from the quotes before it.
  const quotes = { relationship: new ChunkedArray((size) => new Uint32Array(size)), length: new ChunkedArray((size) => new Uint16Array(size)) };
  const totals = await addSearchDocuments<EntityModel, RelationshipModel>(builder, graph.entities, graph.edges, {
    entity: (_entity, seq, lengths) => entityLengths.set(lengths, seq * 3),
    quote: (_edge, relationship, _quote, length) => {
      quotes.relationship.push(relationship);
      quotes.length.push(length);
    },
  });
  const typeOfId = (id: string) => id.slice(0, id.indexOf(':'));
  const documents = function* (): Generator<CopyValue[]> {
    for (let seq = 0; seq < entityCount; seq++) {
      yield [seq, seq, null, null, graph.entities[seq]!.type, null, null];
    }
    let item = 0;
    for (let quote = 0; quote < quotes.relationship.length; quote++) {
      const relationship = quotes.relationship.get(quote);
      item = quote > 0 && quotes.relationship.get(quote - 1) === relationship ? item + 1 : 0;
      const from = graph.edges.fromIdOf(relationship);
      const to = graph.edges.toIdOf(relationship);
      yield [QUOTE_DOCUMENTS + quote, null, relationship, item, null, typeOfId(from), typeOfId(to)];
    }
  };
  const index = await builder.build(new RequestWork());
  const documentId = (document: number) => (document < entityCount ? document : QUOTE_DOCUMENTS + document - entityCount);
  await copyRows(
    client,
    'search_document',
    ['doc', 'entity', 'relationship', 'item', 'entity_type', 'from_type', 'to_type'],
    documents(),
    (row) => `search document ${String(row[0])}`,
    progress('search_document'),
  );
  await copyRows(
    client,
    'search_term',
    ['id', 'term', 'utf16_length', 'df_name', 'df_alias', 'df_description', 'df_quote'],
    mapRows(index.terms, (term, id) => [id, term, term.length, ...index.documentFrequency.subarray(id * 4, id * 4 + 4)]),
    (row) => `search term ${String(row[1])}`,
    progress('search_term'),
  );
  await copyRows(
    client,
    'search_posting',
    ['term', 'doc', 'field', 'frequency', 'length'],
    (function* () {
      for (let term = 0; term < index.terms.length; term++) {
        for (let at = index.termStart[term]!; at < index.termStart[term + 1]!; at++) {
          const packed = index.postingField[at]!;
          const document = index.postingDocument[at]!;
          const field = fieldOf(packed);
          const length = document < entityCount ? entityLengths[document * 3 + field]! : quotes.length.get(document - entityCount);
          yield [term, documentId(document), field, frequencyOf(packed), length];
        }
      }
    })(),
    () => 'a search posting',
    progress('search_posting'),
  );
  const fieldDocuments = [entityCount, entityCount, entityCount, quotes.relationship.length];
  await copyRows(
    client,
    'search_field',
    ['field', 'documents', 'total_length'],
    totals.map((total, field) => [field, fieldDocuments[field]!, total]),
    () => 'search field statistics',
  );
}
