import { LRUCache } from 'lru-cache';
import type { RequestWork } from '../lib/work.js';
import type {
  ChangeRequest,
  GraphStatistics,
  GraphStore,
  JournalEntry,
  JournalQuery,
  SearchOptions,
  SearchResults,
  WritableGraphStore,
} from './graph-store.js';
import { WriteConflictError } from './graph-store.js';
import { JournalError, JournalFile, JournalWriteError } from './journal-file.js';
import { readSourceTexts } from './load.js';
import { MemoryGraphStore } from './memory-store.js';
import type { Direction, EntityModel, FactModel, GroupCountModel, NodeModel, RelationshipModel, RelationshipType, TimelineEntryModel } from './models.js';
import type { EntityQuery, EvidenceQuery, GroupCountQuery, Page, RelationshipListKey, RelationshipPageRequest, TimelineQuery } from './query.js';
import { RecordingSeedBuilder, RecordSet, recordsReferencing, versionOf, type RecordRef } from './records.js';
import { buildSeedGraph, type SeedGraph } from './seed.js';
import { readSeed } from './seed-files.js';
import type { Json } from './seed-rules.js';
import { meetsJournalQuery } from './journal-query.js';

export interface LiveMemoryStoreOptions {
  seedDir: string;
  /** Texts of the seed's sources (SOURCE_TEXTS_DIR); facts can cite only sources whose text the store holds. */
  sourceTextsDir: string | null;
  /** Where the journal and the texts of added sources are kept (JOURNAL_DIR). */
  journalDir: string;
  /** Where warnings go, such as a torn last line dropped from the journal. */
  warn?: (message: string) => void;
  /** The clock entries are stamped with; the system clock when omitted. */
  now?: () => Date;
}


/** Snapshots for as-of lookups kept at once; each is a whole graph. */
const SNAPSHOTS_KEPT = 4;

/**
 * The embedded store, writable: the graph as records (the seed's, then every journal entry's), a
 * journal on disk, and a MemoryGraphStore built from the records. A commit builds a new
 * MemoryGraphStore from the changed records by the seed's own builder, appends and fsyncs the
 * journal entry, then swaps the new graph in; a request keeps the graph it started with
 * (`snapshot`). Every build checks the whole graph again, so it costs what loading does: fine for
 * the graphs this store is for, and why large graphs belong on PostgreSQL (README, "Curation").
 */
export class LiveMemoryStore implements WritableGraphStore {
  private current: MemoryGraphStore;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  private readonly snapshots = new LRUCache<number, Promise<GraphStore>>({ max: SNAPSHOTS_KEPT });
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly seedVersion: string,
    private readonly records: RecordSet,
    private readonly entries: JournalEntry[],
    private readonly texts: Map<string, string>,
    private readonly journal: JournalFile,
    graph: SeedGraph,
    private readonly now: () => Date,
  ) {
    this.current = this.storeOf(graph, entries.length);
  }

  /**
   * Loads the seed, keeping its records, and replays the journal over it: each entry's records must
   * be as the entry found them (so an edited seed that contradicts the journal is named, not
   * silently overwritten), and the result is built and checked once.
   */
  static async open(options: LiveMemoryStoreOptions): Promise<LiveMemoryStore> {
    const warn = options.warn ?? ((message: string) => console.warn(message));
    const texts = options.sourceTextsDir ? await readSourceTexts(options.sourceTextsDir) : new Map<string, string>();
    const { journal, entries, sourceTexts } = await JournalFile.open(options.journalDir, warn);
    try {
      for (const [id, text] of sourceTexts) texts.set(id, text);
      const records = new RecordSet();
      const builder = new RecordingSeedBuilder(records, { sourceTexts: texts, parallelFromBytes: Infinity });
      await readSeed(options.seedDir, builder);
      let graph = builder.finish();
      const seedVersion = graph.version;
      for (const entry of entries) {
        for (const change of entry.changes) {
          const found = records.get(change);
          if (JSON.stringify(found) !== JSON.stringify(change.before)) {
            throw new JournalError(
              `journal entry ${entry.sequence} (${entry.operation} by ${entry.actor}) found ${change.kind} ${change.key} ${change.before === null ? 'absent' : 'as it recorded it'}, but the seed and the entries before it give ${found === null ? 'none' : 'another'}; the seed was changed under the journal`,
            );
          }
          records.set(change, change.after);
        }
      }
      if (entries.length > 0) graph = buildSeedGraph([records.toSeedFile('the seed with the journal replayed')], { sourceTexts: texts });
      return new LiveMemoryStore(seedVersion, records, entries, texts, journal, graph, options.now ?? (() => new Date()));
    } catch (error) {
      await journal.close();
      throw error;
    }
  }

  private storeOf(graph: SeedGraph, sequence: number, records: RecordSet = this.records): MemoryGraphStore {
    graph.version = versionOf(this.seedVersion, sequence);
    return new MemoryGraphStore(graph, this.texts, records.mergedIds());
  }

  get version(): string {
    return this.current.version;
  }

  /** The graph a request reads from start to end, whatever is committed meanwhile. */
  snapshot(): GraphStore {
    return this.current;
  }

  /** The number of entities and relationships held now. */
  get size(): { entities: number; relationships: number } {
    return this.current.size;
  }

  statistics(): GraphStatistics {
    return this.current.statistics();
  }

  warmUp(): Promise<void> {
    return this.current.warmUp();
  }

  getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>> {
    return this.current.getNodes(ids);
  }

  getNodeNow(id: string): NodeModel | null {
    return this.current.getNodeNow(id);
  }

  getRelationships(nodeIds: readonly string[], types: readonly RelationshipType[] | null, direction: Direction, work?: RequestWork): Promise<RelationshipModel[][]> {
    return this.current.getRelationships(nodeIds, types, direction, work);
  }

  listRelationships(keys: readonly RelationshipListKey[], page: RelationshipPageRequest, work?: RequestWork): Promise<Array<Page<RelationshipModel>>> {
    return this.current.listRelationships(keys, page, work);
  }

  findByName(foldedNames: readonly string[]): Promise<EntityModel[][]> {
    return this.current.findByName(foldedNames);
  }

  listEntities(query: EntityQuery, work?: RequestWork): Promise<Page<EntityModel>> {
    return this.current.listEntities(query, work);
  }

  listTimeline(query: TimelineQuery, work?: RequestWork): Promise<Page<TimelineEntryModel>> {
    return this.current.listTimeline(query, work);
  }

  countGroups(query: GroupCountQuery, work?: RequestWork): Promise<Page<GroupCountModel>> {
    return this.current.countGroups(query, work);
  }

  search(query: string, options: SearchOptions, work?: RequestWork): Promise<SearchResults> {
    return this.current.search(query, options, work);
  }

  findEvidence(query: EvidenceQuery, work?: RequestWork): Promise<Page<FactModel>> {
    return this.current.findEvidence(query, work);
  }

  getSourceTexts(sourceIds: readonly string[]): Promise<Array<string | null>> {
    return this.current.getSourceTexts(sourceIds);
  }

  async head(): Promise<number> {
    return this.entries.length;
  }

  async readRecords(refs: readonly RecordRef[]): Promise<Array<Json | null>> {
    return refs.map((ref) => this.records.get(ref));
  }

  async findReferences(entityId: string): Promise<Array<RecordRef & { record: Json }>> {
    return recordsReferencing(this.records, entityId);
  }

  /**
   * Commits a checked change: builds the graph from the changed records (the seed's builder checks
   * every record), stores the texts of added sources, appends and fsyncs the journal entry, and only
   * then swaps the new graph in. Any failure before the entry is durable leaves the records, the
   * journal and the served graph as they were.
   */
  commit(request: ChangeRequest): Promise<JournalEntry> {
    // One commit at a time, whatever the caller does: each is checked against the one before it.
    const committed = this.writing.then(() => this.commitNow(request));
    this.writing = committed.catch(() => {});
    return committed;
  }

  private async commitNow(request: ChangeRequest): Promise<JournalEntry> {
    if (request.basedOn !== this.entries.length) throw new WriteConflictError(this.entries.length);
    for (const change of request.changes) {
      if (JSON.stringify(this.records.get(change)) !== JSON.stringify(change.before)) throw new WriteConflictError(this.entries.length);
    }
    if (this.journal.unavailable) throw new JournalWriteError(`The journal takes no more entries: ${this.journal.unavailable}.`);
    const candidate = this.records.copy();
    for (const change of request.changes) candidate.set(change, change.after);
    const texts = new Map(this.texts);
    for (const [id, text] of request.sourceTexts) texts.set(id, text);
    const graph = buildSeedGraph([candidate.toSeedFile('the graph')], { sourceTexts: texts });
    const previous = this.entries.at(-1);
    const now = this.now().toISOString();
    const entry: JournalEntry = {
      sequence: this.entries.length + 1,
      at: previous && previous.at > now ? previous.at : now,
      operation: request.operation,
      actor: request.actor,
      reason: request.reason,
      changes: request.changes,
    };
    for (const [id, text] of request.sourceTexts) await this.journal.storeSourceText(id, text);
    await this.journal.append(entry);
    // Durable: from here on the change is applied, in memory as on disk.
    for (const [id, text] of request.sourceTexts) this.texts.set(id, text);
    for (const change of request.changes) this.records.set(change, change.after);
    this.entries.push(entry);
    this.current = this.storeOf(graph, entry.sequence);
    // Indexes built on first use are built now, in slices, so the next search does not wait for them.
    this.current.warmUp().catch(() => {});
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  async readJournal(query: JournalQuery): Promise<JournalEntry[]> {
    const found: JournalEntry[] = [];
    for (let i = Math.max(0, query.after); i < this.entries.length && found.length < query.first; i++) {
      const entry = this.entries[i]!;
      if (meetsJournalQuery(entry, query)) found.push(entry);
    }
    return found;
  }

  async countJournal(query: Omit<JournalQuery, 'after' | 'first'>): Promise<number> {
    let count = 0;
    for (const entry of this.entries) if (meetsJournalQuery(entry, { ...query, after: 0, first: 0 })) count++;
    return count;
  }

  async sequenceAt(time: string): Promise<number> {
    // Entries are in time order: the last one at or before the time, by binary search.
    let [low, high] = [0, this.entries.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]!.at <= time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The graph as it stood after an entry: the records now, with every later entry undone, built again. */
  snapshotAt(sequence: number): Promise<GraphStore> {
    if (sequence >= this.entries.length) return Promise.resolve(this.current);
    let built = this.snapshots.get(sequence);
    if (!built) {
      const records = this.records.copy();
      for (let i = this.entries.length - 1; i >= sequence; i--) {
        const { changes } = this.entries[i]!;
        for (let c = changes.length - 1; c >= 0; c--) records.set(changes[c]!, changes[c]!.before);
      }
      built = Promise.resolve(this.storeOf(buildSeedGraph([records.toSeedFile('the graph as it stood')], { sourceTexts: this.texts }), sequence, records));
      this.snapshots.set(sequence, built);
    }
    return built;
  }

  watch(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.journal.close();
  }
}
