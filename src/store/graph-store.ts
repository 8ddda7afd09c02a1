import type { RequestWork } from '../lib/work.js';
import type { Direction, RelationshipModel, RelationshipType, EntityModel, EntityTypeName, EvidenceModel, FactModel, GroupCountModel, NodeModel, SearchField, TimelineEntryModel } from './models.js';
import type { EntityQuery, EvidenceQuery, GroupCountQuery, Page, RelationshipListKey, RelationshipPageRequest, TimelineQuery } from './query.js';

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
}

export interface SearchResults {
  /** The page asked for, best first. */
  matches: SearchMatch[];
  /** How many nodes match in all. */
  totalCount: number;
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
  /** The size of the graph now; cheap to call, since the cost of every operation is priced with it. */
  statistics(): GraphStatistics;
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
   * For each node id, in id order, all its relationships of the given types (all types when null) in
   * the given direction, in recording order. Symmetric relationships count as both outgoing and
   * incoming; with BOTH, each appears once. For traversal, which caps what it visits.
   */
  getRelationships(nodeIds: readonly string[], types: readonly RelationshipType[] | null, direction: Direction, work?: RequestWork): Promise<RelationshipModel[][]>;
  /** For each key, in key order, one page of its relationships and how many there are in all. */
  listRelationships(keys: readonly RelationshipListKey[], page: RelationshipPageRequest, work?: RequestWork): Promise<Array<Page<RelationshipModel>>>;
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
}
