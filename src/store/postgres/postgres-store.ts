import { createHash } from 'node:crypto';
import pg from 'pg';
import { parseGlobalId, relationshipId } from '../../lib/global-id.js';
import { abandoned, type RequestWork } from '../../lib/work.js';
import type { ChangeRequest, GraphStatistics, GraphStore, JournalEntry, JournalQuery, RelationshipPage, SearchOptions, SearchResults, StoreReadiness, WritableGraphStore } from '../graph-store.js';
import type { RecordRef } from '../records.js';
import type { Json } from '../seed-rules.js';
import type { Direction, EntityModel, EntityTypeName, FactModel, GroupCountModel, NodeModel, PartialDateModel, RelationshipModel, RelationshipType, TimelineEntryModel } from '../models.js';
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from '../models.js';
import type { EntityQuery, EvidenceQuery, EvidenceTest, GroupCountQuery, OrderKey, Page, PageRequest, Position, RelationshipListKey, RelationshipPageRequest, TimelineQuery } from '../query.js';
import { DATED_ATTRIBUTES } from '../vocabulary.js';
import { conditionSql, methodsMask, relationCountSql } from './conditions.js';
import { ErrorCode } from '../../errors.js';
import { databaseError, EmptyDatabaseError } from './database-errors.js';
import { checkPosition, entityPositionKinds, FACT_POSITION_KINDS, GROUP_POSITION_KINDS, relationshipPositionKinds, TIMELINE_POSITION_KINDS } from '../positions.js';
import { afterSql, ID_SLOT, NAME_SLOT, orderBySql, type Slot } from './keyset.js';
import { addRow, pagePlan, rowOf, type PageRead, type PageRow } from './relationship-pages.js';
import { migrate } from './migrate.js';
import { Aliases, hasNul, Params } from './params.js';
import { entityColumnList, entityColumns, entityFrom, evidenceFrom, selectList, relationshipColumns, relationshipFrom, type EntityRow, type EvidenceJson, type RelationshipRow } from './rows.js';
import { searchInDatabase } from './search.js';
import { VersionFeed } from './version-feed.js';
import { PostgresWrites } from './writes.js';

export interface PostgresStoreOptions {
  /** A connection string: postgres://user:password@host:port/database. */
  url: string;
  /** Most connections each of the store's three pools keeps open (see PostgresGraphStore.pools). */
  poolSize: number;
  /** Longest a statement may run before the database cancels it. */
  statementTimeoutMs: number;
  /** Longest the store waits for a new connection. */
  connectTimeoutMs?: number;
  /** How long an idle connection stays open (10 s when omitted; 0 keeps it until the store closes). */
  idleTimeoutMs?: number;
  /** Where the store says what it does: migrations applied, connection lost and regained. */
  log?: (message: string) => void;
  /** The clock journal entries are stamped with; the system clock when omitted. */
  now?: () => Date;
}


/** bigint columns (sequence numbers, counts) as numbers: none comes near 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** A node's half-edges in a direction; with BOTH a symmetric relationship is listed once, as outgoing. */
function directionSql(a: string, direction: Direction): string {
  switch (direction) {
    case 'OUTGOING':
      return `${a}.outgoing`;
    case 'INCOMING':
      return `NOT ${a}.outgoing`;
    case 'BOTH':
      return `(${a}.outgoing OR NOT ${a}.is_symmetric)`;
  }
}

/** Outgoing before incoming, each in recording order: the order of the index adjacency_by_node. */
const LISTED_ORDER = 'a.outgoing DESC, a.rel';

/**
 * The store's three pools of connections. A statement whose text is one of a small fixed set (the
 * hot paths: nodes by id, relationship pages, names) is prepared on a `prepared` connection, which
 * runs it with one plan made for any values (plan_cache_mode force_generic_plan). PostgreSQL's
 * default planned each execution again for its values, because a plan for an array of unknown
 * length always looked costlier than one for the array at hand: that doubled the database's CPU
 * per lookup (bench/RESULTS.md, "Scale on PostgreSQL"). A statement whose text varies with what a
 * client sends (filters, orderings, search) runs on a `planned` connection, planned for its values,
 * so that, for instance, a name prefix can use its index. Search runs on connections of its own,
 * planned the same way: a backend that has run searches, whose memory grew for their postings,
 * faulted about 100 pages in again for each later relationship filter, and the filter's CPU in the
 * database went from 2.3 to 3.6-8.7 ms at 10⁴ entities (bench/scale-probe.ts with the search probe
 * run before the filter, 2026-12-07); on connections apart it stays at 2.2-2.3 ms.
 */
interface Pools {
  planned: pg.Pool;
  prepared: pg.Pool;
  search: pg.Pool;
}

/**
 * The graph in PostgreSQL, behind the same interface and with the same answers as the memory
 * store. Every method is one statement (getNodes two when asked for entities and relationships at
 * once, run side by side), so a DataLoader batch is one round trip; filtering, ordering, keyset
 * paging, counting, grouping and search run in the database. The store holds no graph data and
 * caches nothing: any number of replicas can serve one database. Its `version` is the database's,
 * kept current by a LISTEN connection (see VersionFeed).
 */
export class PostgresGraphStore implements WritableGraphStore {
  #version: string;
  private readonly feed: VersionFeed;
  private readonly writes: PostgresWrites;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  /** The last journal entry handed to the listeners (see watch); null until the feed first connects. */
  private delivered: number | null = null;
  private delivering: Promise<void> = Promise.resolve();
  /** The graph's size as last read, and the version it was read at (see statistics). */
  private counts: { statistics: GraphStatistics; version: string };
  private counting: Promise<void> | null = null;

  private constructor(
    private readonly pools: Pools,
    config: pg.ClientConfig,
    version: string,
    statistics: GraphStatistics,
    private readonly statementTimeoutMs: number,
    log: (message: string) => void,
    private readonly now: () => Date,
  ) {
    this.#version = version;
    this.counts = { statistics, version };
    this.writes = new PostgresWrites(pools.planned, (text, values) => this.query(text, values));
    this.feed = new VersionFeed(
      config,
      (next) => {
        this.version = next;
      },
      (connected) => log(connected ? 'graph database connection regained' : 'graph database connection lost; reconnecting'),
      () => this.deliverJournal(),
    );
  }

  get version(): string {
    return this.#version;
  }

  /** A new version, heard from the database: the counts are read again for it. */
  set version(next: string) {
    if (next === this.#version) return;
    this.#version = next;
    this.recount();
  }

  /**
   * The counts of entities and relationships by type, kept from the last read: a new version (heard
   * through the version feed) reads them again, in one statement over two small tables, and until it
   * is read the previous counts price operations.
   */
  statistics(): GraphStatistics {
    if (this.counts.version !== this.#version) this.recount();
    return this.counts.statistics;
  }

  private recount(): void {
    if (this.counting) return;
    const version = this.#version;
    this.counting = readStatistics((text) => this.query(text, []))
      .then((statistics) => {
        this.counts = { statistics, version };
      })
      // An unreachable database keeps the old counts; the next call tries again.
      .catch(() => {})
      .finally(() => {
        this.counting = null;
      });
  }

  /**
   * Connects, brings the schema up to date and reads the graph's version. Throws when the database
   * cannot be reached, and EmptyDatabaseError when it holds no graph.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresGraphStore> {
    const log = options.log ?? (() => {});
    const config: pg.ClientConfig = {
      connectionString: options.url,
      application_name: 'entente',
      statement_timeout: options.statementTimeoutMs,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
      keepAlive: true,
      types,
    };
    // Migrations may take longer than a query may: their connection has no statement timeout.
    const client = new pg.Client({ ...config, statement_timeout: 0 });
    await client.connect();
    let version: string | undefined;
    let statistics: GraphStatistics;
    try {
      const applied = await migrate(client, log);
      if (applied.length > 0) log(`graph database schema migrated: ${applied.join(', ')}`);
      version = (await client.query<{ version: string }>('SELECT version FROM graph_state')).rows[0]?.version;
      statistics = await readStatistics(async (text) => (await client.query(text)).rows);
    } finally {
      await client.end();
    }
    if (version === undefined) throw new EmptyDatabaseError();
    const pool = (settings: string | undefined) => {
      const made = new pg.Pool({ ...config, options: settings, max: options.poolSize, idleTimeoutMillis: options.idleTimeoutMs ?? 10_000 });
      // A pooled connection that fails while idle is dropped by the pool; the next query makes a new one.
      made.on('error', () => {});
      return made;
    };
    const pools: Pools = { planned: pool(undefined), prepared: pool('-c plan_cache_mode=force_generic_plan'), search: pool(undefined) };
    const store = new PostgresGraphStore(pools, config, version, statistics, options.statementTimeoutMs, log, options.now ?? (() => new Date()));
    await store.feed.start();
    return store;
  }

  /**
   * The process ids of the database's backends serving this store's connections (all of its pools,
   * which it opens first): for benchmarks that read their CPU time.
   */
  async serverProcesses(): Promise<number[]> {
    const all: pg.Pool[] = Object.values(this.pools);
    const clients = await Promise.all(all.flatMap((pool) => Array.from({ length: pool.options.max }, () => pool.connect())));
    try {
      return await Promise.all(clients.map(async (client) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid));
    } finally {
      for (const client of clients) client.release();
    }
  }

  /** Closes every connection; the store must not be used after. */
  async close(): Promise<void> {
    await this.feed.stop();
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
  }

  /**
   * Runs one statement, turning a lost database into SERVICE_UNAVAILABLE and a statement timeout
   * into REQUEST_TIMEOUT. A statement of the hot paths, whose text comes from a small fixed set,
   * is `prepared`: each connection plans it once and reuses the plan. Texts that vary with what a
   * client sends (filters) are not, so that no client can make a connection hold plans without end.
   * `settings` (SET LOCAL statements) hold for this statement alone: it runs in a transaction of its own.
   */
  private async query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
    prepared = false,
    work?: RequestWork,
    settings?: string,
    pool = prepared ? this.pools.prepared : this.pools.planned,
  ): Promise<R[]> {
    work?.stopIfAbandoned();
    const config = prepared ? { name: statementName(text), text, values } : { text, values };
    const signal = work?.signal;
    try {
      const rows = signal || settings ? await this.onClient<R>(pool, config, signal, settings) : (await pool.query<R>(config)).rows;
      // Rows a statement returns are what the request touched here; what the database read to find them is its own.
      work?.step(rows.length);
      return rows;
    } catch (error) {
      if (signal?.aborted) throw abandoned();
      throw databaseError(error, this.statementTimeoutMs);
    }
  }

  /**
   * Runs a statement on a connection of its own, with `settings` for it alone, and one that the
   * request's signal can stop: when it aborts, the database is asked to cancel the statement
   * (pg_cancel_backend on the connection's backend), which ends it with an error. The connection
   * goes back to the pool only once the cancel request is answered, so a late cancel cannot reach
   * a statement of another request. With settings, a failure anywhere rolls the transaction back
   * before the connection goes back, and one that cannot take the ROLLBACK is closed instead.
   */
  private async onClient<R extends pg.QueryResultRow>(pool: pg.Pool, config: pg.QueryConfig, signal: AbortSignal | undefined, settings: string | undefined): Promise<R[]> {
    const client = await pool.connect();
    let cancelling: Promise<unknown> | null = null;
    let broken = false;
    const cancel = () => {
      cancelling = this.pools.planned.query('SELECT pg_cancel_backend($1)', [(client as unknown as { processID: number }).processID]).catch(() => {});
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (signal?.aborted) throw abandoned();
      if (!settings) return (await client.query<R>(config)).rows;
      try {
        // Inside the try: the settings can fail (or be cancelled) after BEGIN has opened the transaction.
        await client.query(`BEGIN; ${settings}`);
        const { rows } = await client.query<R>(config);
        await client.query('COMMIT');
        return rows;
      } catch (error) {
        // Outside a transaction ROLLBACK only warns; a connection that cannot take it is closed.
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      }
    } finally {
      signal?.removeEventListener('abort', cancel);
      await cancelling;
      client.release(broken);
    }
  }

  async checkReady(): Promise<StoreReadiness> {
    try {
      const rows = await this.query<{ version: string }>('SELECT version FROM graph_state', []);
      if (rows[0]) this.version = rows[0].version;
      return { ready: true, database: 'reachable' };
    } catch (error) {
      return { ready: false, database: (error as { extensions?: { code?: unknown } }).extensions?.code === ErrorCode.SERVICE_UNAVAILABLE ? 'unreachable' : 'failing' };
    }
  }

  async getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>> {
    const entityIds: string[] = [];
    const relationshipKeys = { type: [] as string[], from: [] as string[], to: [] as string[] };
    for (const id of ids) {
      if (hasNul(id)) continue;
      if (!id.startsWith('Relationship:')) {
        entityIds.push(id);
        continue;
      }
      const parsed = parseGlobalId(id);
      if (parsed?.kind !== 'relationship') continue;
      relationshipKeys.type.push(parsed.edgeType);
      relationshipKeys.from.push(parsed.fromId);
      relationshipKeys.to.push(parsed.toId);
    }
    const [entities, relationships] = await Promise.all([
      // An id merged into another entity (curation) names the entity it was merged into.
      entityIds.length === 0
        ? []
        : this.query<EntityRow & { asked: string }>(
            `SELECT k.id AS asked, ${entityColumns('e')} FROM unnest($1::text[]) AS k(id)
               LEFT JOIN merged_id m ON m.id = k.id
               JOIN entity e ON e.id = coalesce(m.survivor, k.id)`,
            [entityIds],
            true,
          ),
      relationshipKeys.type.length === 0
        ? []
        : this.query<RelationshipRow & { asked_from: string; asked_to: string }>(
            `SELECT k.from_id AS asked_from, k.to_id AS asked_to, ${relationshipColumns('r')}
               FROM unnest($1::text[], $2::text[], $3::text[]) AS k(type, from_id, to_id)
               LEFT JOIN merged_id mf ON mf.id = k.from_id
               LEFT JOIN merged_id mt ON mt.id = k.to_id
               JOIN relationship r ON r.type = k.type AND r.from_id = coalesce(mf.survivor, k.from_id) AND r.to_id = coalesce(mt.survivor, k.to_id)`,
            [relationshipKeys.type, relationshipKeys.from, relationshipKeys.to],
            true,
          ),
    ]);
    const found = new Map<string, NodeModel>();
    for (const row of entities) found.set(row.asked, entityFrom(row));
    for (const row of relationships) found.set(relationshipId(row.asked_from, row.type, row.asked_to), relationshipFrom(row));
    return ids.map((id) => found.get(id) ?? null);
  }

  async getRelationships(nodeIds: readonly string[], types: readonly RelationshipType[] | null, direction: Direction, work?: RequestWork): Promise<RelationshipModel[][]> {
    const rows = await this.query<RelationshipRow & { i: number }>(
      `SELECT k.i, ${relationshipColumns('r')}
         FROM unnest($1::text[]) WITH ORDINALITY AS k(id, i)
         JOIN entity n ON n.id = k.id
         JOIN adjacency a ON a.node = n.seq AND ${directionSql('a', direction)} AND ($2::text[] IS NULL OR a.type = ANY($2::text[]))
         JOIN relationship r ON r.seq = a.rel
        ORDER BY k.i, ${LISTED_ORDER}`,
      [nodeIds.map((id) => (hasNul(id) ? '' : id)), types],
      true,
      work,
    );
    const lists: RelationshipModel[][] = nodeIds.map(() => []);
    for (const row of rows) lists[row.i - 1]!.push(relationshipFrom(row));
    return lists;
  }

  /** A page's next level, and a node with its first page, are read in the page's statement. */
  readonly readsAhead = true;

  async listRelationships(keys: readonly RelationshipListKey[], page: RelationshipPageRequest, work?: RequestWork): Promise<RelationshipPage[]> {
    checkPosition(page.after, relationshipPositionKinds(page.orderBy));
    if (page.next) checkPosition(page.next.page.after, relationshipPositionKinds(page.next.page.orderBy));
    const params = new Params();
    const ids = params.add(
      keys.map((key) => (hasNul(key.nodeId) ? '' : key.nodeId)),
      'text[]',
    );
    const typeLists = params.add(
      keys.map((key) => typesOf(key.types)),
      'text[]',
    );
    const directions = params.add(
      keys.map((key) => key.direction),
      'text[]',
    );
    // Without an evidence test, null: every relationship counts.
    const methods = params.add(
      keys.map((key) => methodsOf(key.evidence)),
      'int[]',
    );
    const plan = pagePlan(page, { types: 'k.types', direction: 'k.direction', methods: 'k.methods' }, 'n', params, '');
    const next = page.next;
    const nextPlan =
      next &&
      pagePlan(next.page, { types: params.add(typesOf(next.types), 'text'), direction: params.add(next.direction, 'text'), methods: params.add(methodsOf(next.evidence), 'int') }, 'n2', params, '2');
    const rows = await this.query<PageRow & { i: number; total: number; next_total?: number; next_rows?: unknown[][] | null }>(
      `SELECT k.i, c.total, ${selectList(plan.columns)}${nextPlan ? ', nx.next_total, nx.next_rows' : ''}${page.node ? `, ${selectList(entityColumnList('n', 'node_'))}` : ''}
         FROM unnest(${ids}, ${typeLists}, ${directions}, ${methods}) WITH ORDINALITY AS k(id, types, direction, methods, i)
         JOIN entity n ON n.id = k.id
         CROSS JOIN LATERAL (SELECT ${plan.total} AS total) c
         LEFT JOIN LATERAL (${plan.rows}) p ON true
         ${plan.joins}
         ${
           nextPlan
             ? // The next page of each other end: its rows as JSON arrays of the plan's columns, in one array.
               `LEFT JOIN LATERAL (
                  SELECT ${nextPlan.total} AS next_total,
                         (SELECT json_agg(json_build_array(${nextPlan.columns.map((column) => column.sql).join(', ')}) ORDER BY p2.place)
                            FROM (${nextPlan.rows}) p2 ${nextPlan.joins}) AS next_rows
                    FROM entity n2 WHERE n2.seq = p.other
                ) nx ON true`
             : ''
         }
        ORDER BY k.i, p.place`,
      params.values,
      // Prepared when its orderings are short: one text per ordering, cursor or not, columns read
      // (evidence, the other ends by id, summary or whole) and page read ahead, so some hundreds of
      // texts at most, each prepared once per connection.
      page.orderBy.length <= 2 && (!next || next.page.orderBy.length <= 2),
      work,
    );
    const pages = keys.map((): PageRead => ({ items: [], totalCount: 0, hasNextPage: false }));
    const nextPages = keys.map((): PageRead[] => []);
    // The next level's rows come inside the rows of this one: touched as much as if read apart.
    let nestedRows = 0;
    for (const found of rows) {
      const listed = pages[found.i - 1]!;
      listed.totalCount = found.total;
      if (page.node && !listed.node) listed.node = entityFrom(found, 'node_');
      const before = listed.items.length;
      addRow(listed, found, plan, page.first);
      if (nextPlan && listed.items.length > before) {
        const nextPage: PageRead = { items: [], totalCount: found.next_total!, hasNextPage: false };
        for (const values of found.next_rows ?? []) addRow(nextPage, rowOf(values, nextPlan), nextPlan, next!.page.first);
        nestedRows += found.next_rows?.length ?? 0;
        nextPages[found.i - 1]!.push(nextPage);
      }
    }
    if (nestedRows > 0) work?.step(nestedRows);
    return nextPlan ? pages.map((listed, i) => ({ ...listed, next: nextPages[i] })) : pages;
  }

  async findByName(foldedNames: readonly string[]): Promise<EntityModel[][]> {
    const rows = await this.query<EntityRow & { i: number }>(
      `SELECT k.i, ${entityColumns('e')}
         FROM unnest($1::text[]) WITH ORDINALITY AS k(name, i)
         JOIN LATERAL (SELECT DISTINCT n.entity FROM entity_name n WHERE n.folded = k.name) m ON true
         JOIN entity e ON e.seq = m.entity
        ORDER BY k.i, e.seq`,
      [foldedNames.map((name) => (hasNul(name) ? '' : name))],
      true,
    );
    const lists: EntityModel[][] = foldedNames.map(() => []);
    for (const row of rows) lists[row.i - 1]!.push(entityFrom(row));
    return lists;
  }

  /** The SQL of an ordering key of an entity `e`, and how it compares. */
  private orderSlot(key: OrderKey, descending: boolean, params: Params): Slot {
    const order = descending ? 'desc' : 'asc';
    switch (key.by) {
      case 'name':
        return { ...NAME_SLOT('e'), order };
      case 'degree':
        return { sql: 'e.degree', order, nullable: false };
      case 'date':
        // Text keys compare by the names' collation, as in memory; a date's days sort the same either way.
        return { sql: `((e.attributes -> ${params.add(key.attribute, 'text')} ->> 'earliest') COLLATE entente_name)`, order, nullable: true };
      case 'relationCount':
        return { sql: relationCountSql('e', key.path, params), order, nullable: false };
    }
  }

  async listEntities(query: EntityQuery, work?: RequestWork): Promise<Page<EntityModel>> {
    checkPosition(query.after, entityPositionKinds(query.orderBy));
    const params = new Params();
    const aliases = new Aliases();
    const type = query.type === null ? null : params.add(query.type, 'text');
    const filters = [type === null ? 'true' : `e.type = ${type}`, query.condition === null ? 'true' : conditionSql(query.condition, 'e', params, aliases)].join(' AND ');
    const slots = [...query.orderBy.map((ordering) => this.orderSlot(ordering.key, ordering.descending, params)), NAME_SLOT('e'), ID_SLOT('e')];
    // An unfiltered list is counted from the per-type counts, not row by row.
    const total =
      query.condition !== null
        ? `(SELECT count(*)::int FROM entity e WHERE ${filters})`
        : type === null
          ? '(SELECT coalesce(sum(count), 0)::int FROM entity_count)'
          : `(SELECT coalesce(sum(count), 0)::int FROM entity_count WHERE type = ${type})`;
    const page = await this.countedPage<EntityRow>(
      { total, columns: entityColumns('e'), from: 'entity e', filters, slots, params },
      query,
      // Unfiltered lists have one text per type and ordering: the pages of a list are all one plan.
      query.condition === null && query.orderBy.length <= 1,
      work,
    );
    return { ...page, items: page.items.map(({ row, position }) => ({ node: entityFrom(row), position })) };
  }

  async listTimeline(query: TimelineQuery, work?: RequestWork): Promise<Page<TimelineEntryModel>> {
    checkPosition(query.after, TIMELINE_POSITION_KINDS);
    const params = new Params();
    const filters = [
      query.types === null ? 'true' : `e.type = ANY(${params.add(query.types, 'text[]')})`,
      query.from === null ? 'true' : `d.earliest >= ${params.add(query.from.earliest, 'text')}`,
      query.to === null ? 'true' : `d.latest <= ${params.add(query.to.latest, 'text')}`,
    ].join(' AND ');
    // First day, finer precision first, name, kind, id.
    const slots: Slot[] = [
      { sql: 'd.earliest', order: 'asc', nullable: false },
      { sql: 'd.precision_rank', order: 'asc', nullable: false },
      NAME_SLOT('e'),
      { sql: 'd.kind_rank', order: 'asc', nullable: false },
      ID_SLOT('e'),
    ];
    const page = await this.countedPage<EntityRow & { attribute: string; kind: TimelineEntryModel['kind'] }>(
      {
        total: `(SELECT count(*)::int FROM dated d JOIN entity e ON e.seq = d.entity WHERE ${filters})`,
        columns: `${entityColumns('e')}, d.attribute, d.kind`,
        from: 'dated d JOIN entity e ON e.seq = d.entity',
        filters,
        slots,
        params,
      },
      query,
      false,
      work,
    );
    return {
      ...page,
      items: page.items.map(({ row, position }) => {
        const entity = entityFrom(row);
        const verb = DATED_ATTRIBUTES[entity.type]?.find((dated) => dated.attribute === row.attribute)?.verb ?? row.attribute;
        const date = (entity as unknown as Record<string, PartialDateModel>)[row.attribute]!;
        return { node: { date, kind: row.kind, entity, label: `${entity.name} ${verb}` }, position };
      }),
    };
  }

  /**
   * One page of rows in the order of `slots`, after a position, with the number of rows that meet
   * the filters, in one statement: the count, then the page (one row more than asked, to know
   * whether more follow). Each row comes with its position.
   */
  private async countedPage<R>(
    statement: { with?: string; total: string; columns: string; from: string; filters: string; slots: readonly Slot[]; params: Params },
    request: PageRequest,
    prepared = false,
    work?: RequestWork,
  ): Promise<{ items: Array<{ row: R; position: Position }>; totalCount: number; hasNextPage: boolean }> {
    const { total, columns, from, filters, slots, params } = statement;
    const after = request.after === null ? 'true' : afterSql(slots, request.after, params);
    const rows = await this.query<R & { total: number; place: number | null } & Record<string, unknown>>(
      `${statement.with ? `WITH ${statement.with} ` : ''}SELECT c.total, p.*
         FROM (SELECT ${total} AS total) c
         LEFT JOIN LATERAL (
           SELECT ${columns}, ${slots.map((slot, s) => `${slot.sql} AS k${s}`).join(', ')}, row_number() OVER (ORDER BY ${orderBySql(slots)}) AS place
             FROM ${from}
            WHERE ${filters} AND ${after}
            ORDER BY ${orderBySql(slots)}
            LIMIT ${params.add(request.first + 1, 'int')}
         ) p ON true
        ORDER BY p.place`,
      params.values,
      prepared,
      work,
    );
    const found = rows.filter((row) => row.place !== null);
    return {
      items: found.slice(0, request.first).map((row) => ({ row, position: slots.map((_, s) => row[`k${s}`] as string | number | null) })),
      totalCount: rows[0]?.total ?? 0,
      hasNextPage: found.length > request.first,
    };
  }

  async countGroups(query: GroupCountQuery, work?: RequestWork): Promise<Page<GroupCountModel>> {
    checkPosition(query.after, GROUP_POSITION_KINDS);
    const params = new Params();
    const type = params.add(query.type, 'text');
    const by = query.by;
    let groups: string;
    if ('attribute' in by) {
      let value: string;
      switch (by.attribute) {
        case 'KIND':
        case 'STATUS': {
          const attribute = params.add(by.attribute.toLowerCase(), 'text');
          value = `(CASE WHEN jsonb_typeof(e.attributes -> ${attribute}) = 'string' THEN e.attributes ->> ${attribute} END)`;
          break;
        }
        case 'ENTITY_TYPE':
          value = 'upper(e.type)';
          break;
        case 'YEAR': {
          const first = DATED_ATTRIBUTES[query.type]?.[0];
          value = first ? `left(e.attributes -> ${params.add(first.attribute, 'text')} ->> 'iso', 4)` : 'NULL::text';
          break;
        }
      }
      // A group's members in name order, as the memory store lists them.
      groups = `members AS (
          SELECT e.id, ${value} AS value, row_number() OVER (ORDER BY e.name, e.id) AS place FROM entity e WHERE e.type = ${type}
        ), groups AS (
          SELECT NULL::text AS entity_id, value, value COLLATE entente_name AS name, value COLLATE "C" AS key, count(*)::int AS count, array_agg(id ORDER BY place) AS member_ids
            FROM members WHERE value IS NOT NULL GROUP BY value
        )`;
    } else {
      groups = `members AS (
          SELECT e.seq, e.id, row_number() OVER (ORDER BY e.name, e.id) AS place FROM entity e WHERE e.type = ${type}
        ), links AS (
          SELECT DISTINCT a.other, m.id AS member_id, m.place
            FROM members m JOIN adjacency a ON a.node = m.seq AND ${directionSql('a', by.direction)} AND a.type = ${params.add(by.relationship, 'text')}
        ), groups AS (
          SELECT o.id AS entity_id, NULL::text AS value, o.name AS name, o.id AS key, count(*)::int AS count, array_agg(l.member_id ORDER BY l.place) AS member_ids
            FROM links l JOIN entity o ON o.seq = l.other
           GROUP BY o.seq, o.id, o.name
        )`;
    }
    // Largest first, then by name or value, then by key.
    const slots: Slot[] = [
      { sql: 'g.count', order: 'desc', nullable: false },
      { sql: 'g.name', order: 'asc', nullable: false },
      { sql: 'g.key', order: 'id', nullable: false },
    ];
    const page = await this.countedPage<{ entity_id: string | null; value: string | null; count: number; member_ids: string[] }>(
      { with: groups, total: '(SELECT count(*)::int FROM groups)', columns: 'g.entity_id, g.value, g.count, g.member_ids', from: 'groups g', filters: 'true', slots, params },
      query,
      false,
      work,
    );
    return {
      ...page,
      items: page.items.map(({ row, position }) => ({ node: { entityId: row.entity_id, value: row.value, count: row.count, memberIds: row.member_ids }, position })),
    };
  }

  search(query: string, options: SearchOptions, work?: RequestWork): Promise<SearchResults> {
    return searchInDatabase((text, values, settings) => this.query(text, values, false, work, settings, this.pools.search), query, options);
  }

  async findEvidence(query: EvidenceQuery, work?: RequestWork): Promise<Page<FactModel>> {
    checkPosition(query.after, FACT_POSITION_KINDS);
    if (hasNul(query.sourceId)) return { items: [], totalCount: 0, hasNextPage: false };
    const params = new Params();
    const filters = [
      `s.source_id = ${params.add(query.sourceId, 'text')}`,
      `s.start_at < ${params.add(query.end, 'float8')}`,
      `s.end_at > ${params.add(query.start, 'float8')}`,
      ...(query.methods ? [`s.method = ANY(${params.add(query.methods, 'text[]')})`] : []),
    ].join(' AND ');
    // Where the evidence starts and ends, then subject id, kind and attribute (the memory store's fact positions).
    const slots: Slot[] = [
      { sql: 's.start_at', order: 'asc', nullable: false },
      { sql: 's.end_at', order: 'asc', nullable: false },
      { sql: 's.subject_id', order: 'id', nullable: false },
      { sql: 's.kind', order: 'id', nullable: false },
      { sql: 's.attribute', order: 'id', nullable: false },
    ];
    const page = await this.countedPage<{ subject_id: string; kind: FactModel['kind']; attribute: string; evidence: EvidenceJson }>(
      {
        total: `(SELECT count(*)::int FROM evidence_span s WHERE ${filters})`,
        columns: 's.subject_id, s.kind, s.attribute, s.evidence',
        from: 'evidence_span s',
        filters,
        slots,
        params,
      },
      query,
      query.after === null && !query.methods,
      work,
    );
    return {
      ...page,
      items: page.items.map(({ row, position }) => ({
        node: { subjectId: row.subject_id, kind: row.kind, attribute: row.attribute === '' ? null : row.attribute, evidence: evidenceFrom(row.evidence) },
        position,
      })),
    };
  }

  head(): Promise<number> {
    return this.writes.head();
  }

  readRecords(refs: readonly RecordRef[]): Promise<Array<Json | null>> {
    return this.writes.readRecords(refs);
  }

  findReferences(entityId: string): Promise<Array<RecordRef & { record: Json }>> {
    return this.writes.findReferences(entityId);
  }

  /**
   * Commits a checked change in one transaction (see PostgresWrites.commit). This replica serves the
   * new version at once; every other hears it, and the entry, when the transaction commits.
   */
  async commit(request: ChangeRequest): Promise<JournalEntry> {
    let committed: { entry: JournalEntry; version: string };
    try {
      committed = await this.writes.commit(request, this.now);
    } catch (error) {
      // A change refused (a conflict, the seed rules) goes back as it is; an unreachable database is made clear.
      throw databaseError(error, this.statementTimeoutMs);
    }
    this.version = committed.version;
    this.deliverJournal();
    return committed.entry;
  }

  readJournal(query: JournalQuery): Promise<JournalEntry[]> {
    return this.writes.readJournal(query);
  }

  countJournal(query: Omit<JournalQuery, 'after' | 'first'>): Promise<number> {
    return this.writes.countJournal(query);
  }

  sequenceAt(time: string): Promise<number> {
    return this.writes.sequenceAt(time);
  }

  async snapshotAt(sequence: number): Promise<GraphStore> {
    return sequence >= (await this.head()) ? this : this.writes.snapshotAt(sequence);
  }

  /**
   * Hands every entry committed from now on to the listener, in sequence order, whichever replica
   * committed it: each replica LISTENs for entries (VersionFeed) and reads those it has not handed
   * on yet, so an entry made while its connection was away is handed on when it is back.
   */
  watch(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the entries after the last one handed on and hands them to every listener, one reading at a time. */
  private deliverJournal(): void {
    this.delivering = this.delivering
      .then(async () => {
        if (this.delivered === null || this.listeners.size === 0) {
          this.delivered = await this.head();
          return;
        }
        for (;;) {
          const entries = await this.readJournal({ after: this.delivered, first: 100 });
          for (const entry of entries) {
            this.delivered = entry.sequence;
            for (const listener of this.listeners) listener(entry);
          }
          if (entries.length < 100) return;
        }
      })
      // The database is away: the feed reconnects and asks again.
      .catch(() => {});
  }

  async getSourceTexts(sourceIds: readonly string[]): Promise<Array<string | null>> {
    const rows = await this.query<{ i: number; text: string }>(
      `SELECT k.i, t.text FROM unnest($1::text[]) WITH ORDINALITY AS k(id, i) JOIN source_text t ON t.source_id = k.id`,
      [sourceIds.map((id) => (hasNul(id) ? '' : id))],
      true,
    );
    const texts: Array<string | null> = sourceIds.map(() => null);
    for (const row of rows) texts[row.i - 1] = row.text;
    return texts;
  }
}

/** The counts of entities and relationships of every type, from the tables a load or a write keeps. */
async function readStatistics(query: (text: string) => Promise<Array<Record<string, unknown>>>): Promise<GraphStatistics> {
  const rows = (await query(`SELECT 'E' AS kind, type, count FROM entity_count UNION ALL SELECT 'R', type, count FROM relationship_count`)) as Array<{ kind: 'E' | 'R'; type: string; count: number }>;
  const entities = Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])) as Record<EntityTypeName, number>;
  const relationships = Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, 0])) as Record<RelationshipType, number>;
  for (const row of rows) {
    if (row.kind === 'E') entities[row.type as EntityTypeName] = Number(row.count);
    else relationships[row.type as RelationshipType] = Number(row.count);
  }
  return { entities, relationships };
}

/** A key's relationship types as the statements take them: comma-separated, or null for all. */
function typesOf(types: readonly RelationshipType[] | null): string | null {
  return types === null ? null : types.join(',');
}

/** The methods an evidence test accepts as a bit set (see METHOD_BITS), or null when it tests none. */
function methodsOf(evidence: EvidenceTest | null | undefined): number | null {
  return evidence?.methods === undefined ? null : methodsMask(evidence.methods);
}

/** Names of prepared statements by their text: the texts are a small fixed set, hashed once each. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `entente_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}
