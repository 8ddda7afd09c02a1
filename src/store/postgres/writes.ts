import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import type { ChangeRequest, GraphStore, JournalEntry, JournalQuery } from '../graph-store.js';
import { WriteConflictError } from '../graph-store.js';
import { idsAbout, idsChanged } from '../journal-query.js';
import { MemoryGraphStore } from '../memory-store.js';
import { RECORD_KINDS, RecordSet, versionOf, type RecordKind, type RecordRef } from '../records.js';
import { buildSeedGraph } from '../seed.js';
import type { Json } from '../seed-rules.js';
import { applyChanges } from './apply-changes.js';
import { GRAPH_LOCK, replaceGraph } from './load-graph.js';
import { JOURNAL_CHANNEL, VERSION_CHANNEL } from './version-feed.js';

/** Snapshots for as-of lookups kept at once; each is a whole graph. */
const SNAPSHOTS_KEPT = 4;

/** Runs one statement the way the store does (failures become clear GraphQL errors). */
export type Run = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => Promise<R[]>;

/** Raised by a commit on a database loaded without its records, which cannot take changes. */
export class NoRecordsError extends Error {
  constructor() {
    super('This database was loaded without its records, so it takes no changes; load it again with `npm run db:load -- --seed <dir>`.');
    this.name = 'NoRecordsError';
  }
}

interface JournalRow {
  sequence: number;
  at: string;
  operation: JournalEntry['operation'];
  actor: string;
  reason: string | null;
  changes: string;
}

const JOURNAL_COLUMNS = 'j.sequence, j.at, j.operation, j.actor, j.reason, j.changes::text AS changes';

function entryFrom(row: JournalRow): JournalEntry {
  return { sequence: row.sequence, at: row.at, operation: row.operation, actor: row.actor, reason: row.reason, changes: JSON.parse(row.changes) as JournalEntry['changes'] };
}

/** The filters of a journal query as SQL about the journal row `j`, with their values. */
function journalFilters(query: Omit<JournalQuery, 'after' | 'first'>, values: unknown[]): string {
  const parts: string[] = [];
  const add = (value: unknown, type: string) => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  if (query.operations) parts.push(`j.operation = ANY(${add(query.operations, 'text[]')})`);
  // The arrays hold exactly the ids entryIsAbout and entryChanges look for (src/store/journal-query.ts).
  if (query.about) parts.push(`j.about && ${add(query.about, 'text[]')}`);
  if (query.subjects) parts.push(`j.subjects && ${add(query.subjects, 'text[]')}`);
  return parts.length === 0 ? 'true' : parts.join(' AND ');
}

/**
 * The write side of the PostgreSQL store (see WritableGraphStore): the graph's records, the journal
 * and the texts of sources live in tables (migration 0002); a commit changes records, appends its
 * entry and makes the graph tables again from the records by the seed's own builder, all in one
 * transaction under the graph's advisory lock, so that two replicas committing at once run one after
 * the other and the second is refused with WriteConflictError (its change was checked against an
 * older head). Nothing is half applied: any failure rolls the transaction back.
 */
export class PostgresWrites {
  private readonly snapshots = new LRUCache<number, Promise<GraphStore>>({ max: SNAPSHOTS_KEPT });

  constructor(
    private readonly pool: pg.Pool,
    private readonly run: Run,
  ) {}

  async head(): Promise<number> {
    const rows = await this.run<{ head: number }>('SELECT coalesce(max(sequence), 0)::int AS head FROM journal', []);
    return rows[0]!.head;
  }

  async readRecords(refs: readonly RecordRef[]): Promise<Array<Json | null>> {
    const rows = await this.run<{ i: number; record: string }>(
      'SELECT k.i, r.record::text AS record FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(kind, key, i) JOIN record r ON r.kind = k.kind AND r.key = k.key',
      [refs.map((ref) => ref.kind), refs.map((ref) => ref.key)],
    );
    const found: Array<Json | null> = refs.map(() => null);
    for (const row of rows) found[row.i - 1] = JSON.parse(row.record) as Json;
    return found;
  }

  /** What recordsReferencing (src/store/records.ts) finds, found in SQL, in the same order. */
  async findReferences(entityId: string): Promise<Array<RecordRef & { record: Json }>> {
    const rows = await this.run<{ kind: RecordKind; key: string; record: string }>(
      `SELECT r.kind, r.key, r.record::text AS record FROM record r
        WHERE (r.kind = 'mergedId' AND r.record ->> 'survivor' = $1::text)
           OR (r.kind <> 'mergedId' AND (
                (r.kind = 'relationship' AND $1::text IN (r.record ->> 'from', r.record ->> 'to', r.record ->> 'onBehalfOf'))
             OR (r.kind = 'sameAs' AND r.record ->> 'entity' = $1::text)
             OR (r.key <> $1::text AND jsonb_path_exists(r.record::jsonb, '$.**.speaker ? (@ == $id)', jsonb_build_object('id', $1::text)))))
        ORDER BY array_position($2::text[], r.kind::text), r.seq`,
      [entityId, RECORD_KINDS],
    );
    return rows.map((row) => ({ kind: row.kind, key: row.key, record: JSON.parse(row.record) as Json }));
  }

  async readJournal(query: JournalQuery): Promise<JournalEntry[]> {
    const values: unknown[] = [query.after, query.first];
    const rows = await this.run<JournalRow>(
      `SELECT ${JOURNAL_COLUMNS} FROM journal j WHERE j.sequence > $1::bigint AND ${journalFilters(query, values)} ORDER BY j.sequence LIMIT $2::int`,
      values,
    );
    return rows.map(entryFrom);
  }

  async countJournal(query: Omit<JournalQuery, 'after' | 'first'>): Promise<number> {
    const values: unknown[] = [];
    const rows = await this.run<{ count: number }>(`SELECT count(*)::int AS count FROM journal j WHERE ${journalFilters(query, values)}`, values);
    return rows[0]!.count;
  }

  async sequenceAt(time: string): Promise<number> {
    // Entries are in time order: the last made at or before the time is the one with the largest sequence.
    const rows = await this.run<{ sequence: number }>('SELECT coalesce(max(sequence), 0)::int AS sequence FROM journal WHERE at <= $1::text', [time]);
    return rows[0]!.sequence;
  }

  /**
   * Applies a checked change in one transaction: the journal head and every record the change
   * found must be as they were when it was checked, or WriteConflictError; then the records are
   * changed, the entry appended, the texts of added sources stored, the graph tables made again
   * from the records (a SeedError if they do not build), the version moved on and announced.
   * Returns the entry and the new version.
   */
  async commit(request: ChangeRequest, now: () => Date): Promise<{ entry: JournalEntry; version: string }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const result = await this.commitIn(client, request, now);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }

  private async commitIn(client: pg.PoolClient, request: ChangeRequest, now: () => Date): Promise<{ entry: JournalEntry; version: string }> {
    // Making the graph again takes what a load takes; the statement timeout is for queries.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [GRAPH_LOCK]);
    const state = (await client.query<{ seed_version: string | null }>('SELECT seed_version FROM graph_state')).rows[0];
    if (!state?.seed_version) throw new NoRecordsError();
    const last = (await client.query<{ sequence: number; at: string }>('SELECT sequence, at FROM journal ORDER BY sequence DESC LIMIT 1')).rows[0];
    const head = last?.sequence ?? 0;
    if (request.basedOn !== head) throw new WriteConflictError(head);
    const { rows: found } = await client.query<{ kind: string; key: string; record: string }>(
      'SELECT r.kind, r.key, r.record::text AS record FROM unnest($1::text[], $2::text[]) AS k(kind, key) JOIN record r ON r.kind = k.kind AND r.key = k.key',
      [request.changes.map((change) => change.kind), request.changes.map((change) => change.key)],
    );
    const current = new Map(found.map((row) => [`${row.kind} ${row.key}`, row.record]));
    for (const change of request.changes) {
      // Records are stored as JSON.stringify wrote them, so equal records have equal text.
      if ((current.get(`${change.kind} ${change.key}`) ?? null) !== (change.before === null ? null : JSON.stringify(change.before))) throw new WriteConflictError(head);
    }
    for (const change of request.changes) {
      if (change.after === null) {
        await client.query('DELETE FROM record WHERE kind = $1 AND key = $2', [change.kind, change.key]);
        continue;
      }
      const text = JSON.stringify(change.after);
      const updated = await client.query('UPDATE record SET record = $3::json WHERE kind = $1 AND key = $2', [change.kind, change.key, text]);
      // A new record goes after every other, as the memory store's record maps put it.
      if (updated.rowCount === 0) await client.query('INSERT INTO record (kind, key, seq, record) SELECT $1, $2, coalesce(max(seq), -1) + 1, $3::json FROM record', [change.kind, change.key, text]);
    }
    for (const [id, text] of request.sourceTexts) await client.query('INSERT INTO source_text (source_id, text) VALUES ($1, $2)', [id, text]);
    const time = now().toISOString();
    const entry: JournalEntry = {
      sequence: head + 1,
      at: last && last.at > time ? last.at : time,
      operation: request.operation,
      actor: request.actor,
      reason: request.reason,
      changes: request.changes,
    };
    await client.query('INSERT INTO journal (sequence, at, operation, actor, reason, changes, about, subjects) VALUES ($1, $2, $3, $4, $5, $6::json, $7::text[], $8::text[])', [
      entry.sequence,
      entry.at,
      entry.operation,
      entry.actor,
      entry.reason,
      JSON.stringify(entry.changes),
      idsAbout(entry),
      idsChanged(entry),
    ]);
    // The rows the change touches, changed in place (readers are not held up); a change that removes
    // entities or merges ids makes the graph tables again from every record instead. Either way the
    // seed's builder checks the records, and a SeedError rolls the whole change back.
    if (!(await applyChanges(client, request))) {
      const { records, texts } = await readGraphRecords(client);
      const graph = buildSeedGraph([records.toSeedFile('the graph')], { sourceTexts: texts });
      await replaceGraph(client, graph, records.mergedIds());
    }
    const version = versionOf(state.seed_version, entry.sequence);
    await client.query('UPDATE graph_state SET version = $1, changed_at = now()', [version]);
    // Delivered when the transaction commits, and only then: every replica's version and change feed move on.
    await client.query('SELECT pg_notify($1, $2), pg_notify($3, $4)', [VERSION_CHANNEL, version, JOURNAL_CHANNEL, String(entry.sequence)]);
    return { entry, version };
  }

  /**
   * The graph as it stood after an entry, read-only: the records now with every later entry undone,
   * built by the seed's builder into a memory store (as the writable memory store does). Costs what
   * building the graph costs; the last few asked for are kept.
   */
  snapshotAt(sequence: number): Promise<GraphStore> {
    let built = this.snapshots.get(sequence);
    if (!built) {
      built = this.buildSnapshot(sequence);
      built.catch(() => this.snapshots.delete(sequence));
      this.snapshots.set(sequence, built);
    }
    return built;
  }

  private async buildSnapshot(sequence: number): Promise<GraphStore> {
    const client = await this.pool.connect();
    try {
      // One snapshot of the database for records, journal and texts alike.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { records, texts } = await readGraphRecords(client);
      const { rows } = await client.query<JournalRow>(`SELECT ${JOURNAL_COLUMNS} FROM journal j WHERE j.sequence > $1 ORDER BY j.sequence DESC`, [sequence]);
      const state = (await client.query<{ seed_version: string }>('SELECT seed_version FROM graph_state')).rows[0]!;
      await client.query('COMMIT');
      for (const row of rows) {
        const { changes } = entryFrom(row);
        for (let c = changes.length - 1; c >= 0; c--) records.set(changes[c]!, changes[c]!.before);
      }
      const graph = buildSeedGraph([records.toSeedFile('the graph as it stood')], { sourceTexts: texts });
      graph.version = versionOf(state.seed_version, sequence);
      return new MemoryGraphStore(graph, texts, records.mergedIds());
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Every record in the order it was recorded, and the texts of the sources. */
async function readGraphRecords(client: pg.ClientBase): Promise<{ records: RecordSet; texts: Map<string, string> }> {
  const records = new RecordSet();
  const { rows } = await client.query<{ kind: RecordKind; key: string; record: string }>('SELECT kind, key, record::text AS record FROM record ORDER BY seq');
  for (const row of rows) records.set({ kind: row.kind, key: row.key }, JSON.parse(row.record) as Json);
  const texts = new Map((await client.query<{ source_id: string; text: string }>('SELECT source_id, text FROM source_text')).rows.map((row) => [row.source_id, row.text]));
  return { records, texts };
}
