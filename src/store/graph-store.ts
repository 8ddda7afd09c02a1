import type { RequestWork } from '../lib/work.js';
import type { Direction, RelationshipModel, RelationshipType, EntityModel, EntityTypeName, EvidenceModel, FactModel, GroupCountModel, NodeModel, SearchField, TimelineEntryModel } from './models.js';
import type { EntityQuery, EvidenceQuery, GroupCountQuery, Page, RelationshipListKey, RelationshipPageRequest, TimelineQuery } from './query.js';
import type { RecordRef } from './records.js';
import type { Json } from './seed-rules.js';

export interface SearchOptions {
  /** Only entities of these types, and relationships touching one; every node when null. */
  types: ReadonlySet<EntityTypeName> | null;
  includeRelationships: boolean;
  /** The page: matches [offset, offset + limit) of the ranked list. */
  offset: number;
  limit: number;
}

/** One match of a search: where it was found and which folded terms matched. */
export interface SearchMatch {
  nodeId: string;
  score: number;
  field: SearchField;
  /** The text the best match was found in. */
  text: string;
  /** The folded index terms that matched, to mark them in `text`. */
  terms: string[];
  evidence: EvidenceModel | null;
  /** Whether the whole query, folded, is the entity's name or one of its aliases or labels; such matches rank first. */
  isExactMatch: boolean;
}

export interface SearchResults {
  /** The page asked for, best first. */
  matches: SearchMatch[];
  /** How many nodes match in all. */
  totalCount: number;
}

/** A page of a node's relationships. */
export interface RelationshipPage extends Page<RelationshipModel> {
  /**
   * Optional: the entities at the other ends of the page's relationships, when the store read them
   * anyway. A database store reads them in the same statement; the request's loaders keep them, so
   * resolving `other` costs no second round trip.
   */
  others?: readonly EntityModel[];
  /**
   * Optional: for each item, the page of its other end's relationships that the request's `next`
   * asked for, when the store read it with this page; the request's loaders keep them.
   */
  next?: readonly RelationshipPage[];
  /** Optional: the node whose page this is, whole, when the request asked for it (`node`) and it exists. */
  node?: EntityModel;
}

/** Whether a store can answer now, for /ready: a database store says whether its database is reachable. */
export interface StoreReadiness {
  ready: boolean;
  /** `reachable`, or why not: `unreachable` (no connection) or `failing` (it connects but cannot answer). */
  database: 'reachable' | 'unreachable' | 'failing';
}

/** How big the graph is, for pricing an operation before it runs (see src/limits/query-cost.ts). */
export interface GraphStatistics {
  /** Entities of each type. */
  entities: Readonly<Record<EntityTypeName, number>>;
  /** Relationships of each type. */
  relationships: Readonly<Record<RelationshipType, number>>;
}

/**
 * What resolvers may ask of the graph. Every method is asynchronous and batch-first, so a database
 * can serve it and a DataLoader can sit in front of it, and work that grows with the graph
 * (filtering, ordering, paging, counting, grouping, search) is asked of the store, never done by
 * resolvers over whole lists. Both stores pass one contract suite (tests/store-contract.ts).
 *
 * Every method that can do work that grows with the graph takes the request's `work` (see
 * RequestWork): a store counts what it touches there, lets other requests run between slices of
 * its work, and stops when the request is abandoned. Without it the work is sliced but unmeasured.
 */
export interface GraphStore {
  /** Changes on every write to the graph; anything cached from the store keys on it. */
  readonly version: string;
  /**
   * Optional: whether the store can answer now, for /ready. A store that holds the graph in the
   * process cannot lose it and leaves this out.
   */
  checkReady?(): Promise<StoreReadiness>;
  /** The size of the graph now; cheap to call, since the cost of every operation is priced with it. */
  statistics(): GraphStatistics;
  /**
   * Optional: the store one request reads, fixed for the whole request, for a store whose graph is
   * replaced by writes (the memory store swaps in a new graph): reads in flight keep their graph.
   */
  snapshot?(): GraphStore;
  /** Optional: builds what the store would otherwise build on first use, a slice at a time, while serving. */
  warmUp?(): Promise<void>;
  /** One result per id, in id order; null for an id that names nothing. */
  getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>>;
  /**
   * Optional: one node at once, for a store that holds the graph in memory and can answer without
   * waiting. It must answer exactly as `getNodes` does; a store that wraps another and changes what
   * `getNodes` answers must not pass this one through.
   */
  getNodeNow?(id: string): NodeModel | null;
  /**
   * Optional: true for a store that reads a page's `next` and `node` (RelationshipPageRequest) in
   * the page's own statement, as a database does; otherwise nothing is worked out to ask for them.
   */
  readonly readsAhead?: boolean;
  /**
   * For each node id, in id order, all its relationships of the given types (all types when null) in
   * the given direction, in recording order. Symmetric relationships count as both outgoing and
   * incoming; with BOTH, each appears once. For traversal, which caps what it visits.
   */
  getRelationships(nodeIds: readonly string[], types: readonly RelationshipType[] | null, direction: Direction, work?: RequestWork): Promise<RelationshipModel[][]>;
  /** For each key, in key order, one page of its relationships and how many there are in all. */
  listRelationships(keys: readonly RelationshipListKey[], page: RelationshipPageRequest, work?: RequestWork): Promise<RelationshipPage[]>;
  /** For each folded name, in order, the entities whose name, alias or label folds to it. */
  findByName(foldedNames: readonly string[]): Promise<EntityModel[][]>;
  /** One page of a filtered, ordered list of entities, with the number that meet the condition. */
  listEntities(query: EntityQuery, work?: RequestWork): Promise<Page<EntityModel>>;
  /** Dated facts in time order: by first day, finer precision first, then name, id and kind. */
  listTimeline(query: TimelineQuery, work?: RequestWork): Promise<Page<TimelineEntryModel>>;
  /** One page of the entities of a type counted per group, largest group first, then by name or value. */
  countGroups(query: GroupCountQuery, work?: RequestWork): Promise<Page<GroupCountModel>>;
  /**
   * One page of the matches of a full-text search, best first, and how many nodes match in all (see
   * SearchIndex for the ranking rules).
   */
  search(query: string, options: SearchOptions, work?: RequestWork): Promise<SearchResults>;
  /** One page of the facts whose evidence from a source overlaps [start, end), ordered by where the evidence starts. */
  findEvidence(query: EvidenceQuery, work?: RequestWork): Promise<Page<FactModel>>;
  /**
   * Optional: for each source id, in order, the source's full text when the store holds it, checked
   * against the source's SHA-256 and length; null otherwise. A store without texts leaves this out,
   * and evidence then has no context.
   */
  getSourceTexts?(sourceIds: readonly string[]): Promise<Array<string | null>>;
}

/**
 * The write side: a store the graph can grow in while it serves. Everything that does not depend on
 * how a store keeps the graph lives outside it (src/curation/): reading mutations into record
 * changes, checking them by the seed's rules, the journal entry's shape, history, as-of lookups and
 * the change feed. A store keeps records (src/store/records.ts), commits a checked change together
 * with its journal entry, all or nothing, and reads its journal back.
 *
 * Writes are serialised by the curation layer within one process; across processes (replicas of
 * one database) `commit` refuses a change checked against an older journal head (WriteConflictError),
 * and the curation layer checks it again against the new head.
 */
export interface WritableGraphStore extends GraphStore {
  /** The sequence number of the last journal entry; 0 before any. */
  head(): Promise<number>;
  /** The records as they stand now, one per ref, in order; null where none has the key. */
  readRecords(refs: readonly RecordRef[]): Promise<Array<Json | null>>;
  /**
   * Every record that names the entity other than its own: relationships from or to it or on its
   * behalf, sameAs links of it, records whose evidence gives it as speaker, and ids merged into it.
   * For merging entities.
   */
  findReferences(entityId: string): Promise<Array<RecordRef & { record: Json }>>;
  /**
   * Applies a checked change and appends its journal entry at once: both are durable before this
   * resolves, or neither happened. Source texts the change adds are stored first. Throws
   * WriteConflictError when `basedOn` is not the head any more, and a SeedError when the records
   * would not build (the curation layer's check makes that a broken invariant).
   */
  commit(request: ChangeRequest): Promise<JournalEntry>;
  /** Journal entries in sequence order after `after`, at most `first`, that meet the query. */
  readJournal(query: JournalQuery): Promise<JournalEntry[]>;
  /** How many entries meet the query's filters (its `after` and `first` are not read). */
  countJournal(query: Omit<JournalQuery, 'after' | 'first'>): Promise<number>;
  /** The sequence of the last entry made at or before the time (ISO 8601); 0 when none was. */
  sequenceAt(time: string): Promise<number>;
  /** The graph as it stood after the entry with this sequence (0: the seed alone), read-only. */
  snapshotAt(sequence: number): Promise<GraphStore>;
  /** Calls the listener with each entry committed from now on, in sequence order; returns how to stop. */
  watch(listener: (entry: JournalEntry) => void): () => void;
}

/** Whether a store takes writes (see WritableGraphStore). */
export function isWritable(store: GraphStore): store is WritableGraphStore {
  return typeof (store as Partial<WritableGraphStore>).commit === 'function';
}

/** What one operation of curation does; the journal names it. */
export type ChangeOperation = 'ADD_SOURCE' | 'ADD_ENTITIES' | 'ADD_FACTS' | 'CORROBORATE' | 'RETRACT_FACT' | 'MERGE_ENTITIES';

/** What a change did to one fact or entity, as its history shows it. */
export type ChangeAction = 'ADDED' | 'CORROBORATED' | 'CHANGED' | 'RETRACTED' | 'MERGED';

/** One record a change touched: the record before and after (null: absent), in seed form. */
export interface RecordChange extends RecordRef {
  action: ChangeAction;
  before: Json | null;
  after: Json | null;
}

/** A change the curation layer has checked, for a store to commit. */
export interface ChangeRequest {
  /** The journal head the change was checked against. */
  basedOn: number;
  operation: ChangeOperation;
  /** The name of the key that made the change; never the key. */
  actor: string;
  reason: string | null;
  changes: readonly RecordChange[];
  /** Texts of the sources the change adds, by source id; their SHA-256 and length are in the source records. */
  sourceTexts: ReadonlyMap<string, string>;
}

/** One accepted change, as the journal keeps it: who, when, what and why. */
export interface JournalEntry {
  sequence: number;
  /** When the change was committed, in ISO 8601 UTC; never earlier than the entry before it. */
  at: string;
  operation: ChangeOperation;
  actor: string;
  reason: string | null;
  changes: readonly RecordChange[];
}

export interface JournalQuery {
  /** Entries with a sequence greater than this. */
  after: number;
  first: number;
  /** Only entries that touch one of these ids, or a relationship from or to one (see entryIsAbout); every entry when null. */
  about?: readonly string[] | null;
  /** Only entries that change one of these facts or entities themselves (see entryChanges): a history. */
  subjects?: readonly string[] | null;
  /** Only entries of these operations; every entry when null. */
  operations?: readonly ChangeOperation[] | null;
}

/** Raised by `commit` when the journal moved on since the change was checked. */
export class WriteConflictError extends Error {
  constructor(readonly head: number) {
    super(`The journal moved on to entry ${head} while the change was checked.`);
    this.name = 'WriteConflictError';
  }
}
