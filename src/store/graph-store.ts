import type { Direction, RelationshipModel, RelationshipType, EntityModel, EntityTypeName, EvidenceModel, FactModel, GroupCountModel, NodeModel, SearchField, TimelineEntryModel } from './models.js';
import type { EntityQuery, GroupCountQuery, Page, RelationshipListKey, RelationshipPageRequest, TimelineQuery } from './query.js';

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

/**
 * What resolvers may ask of the graph. Every method is asynchronous and batch-first, so a database
 * can serve it and a DataLoader can sit in front of it, and work that grows with the graph
 * (filtering, ordering, paging, counting, grouping, search) is asked of the store, never done by
 * resolvers over whole lists. Both stores pass one contract suite (tests/store-contract.test.ts).
 */
export interface GraphStore {
  /** Changes on every write to the graph; anything cached from the store keys on it. */
  readonly version: string;
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
  getRelationships(nodeIds: readonly string[], types: readonly RelationshipType[] | null, direction: Direction): Promise<RelationshipModel[][]>;
  /** For each key, in key order, one page of its relationships and how many there are in all. */
  listRelationships(keys: readonly RelationshipListKey[], page: RelationshipPageRequest): Promise<Array<Page<RelationshipModel>>>;
  /** For each folded name, in order, the entities whose name, alias or label folds to it. */
  findByName(foldedNames: readonly string[]): Promise<EntityModel[][]>;
  /** One page of a filtered, ordered list of entities, with the number that meet the condition. */
  listEntities(query: EntityQuery): Promise<Page<EntityModel>>;
  /** Dated facts in time order: by first day, finer precision first, then name, id and kind. */
  listTimeline(query: TimelineQuery): Promise<Page<TimelineEntryModel>>;
  /** The entities of a type counted per group, largest group first, then by name or value. */
  countGroups(query: GroupCountQuery): Promise<GroupCountModel[]>;
  /**
   * One page of the matches of a full-text search, best first, and how many nodes match in all (see
   * SearchIndex for the ranking rules).
   */
  search(query: string, options: SearchOptions): Promise<SearchResults>;
  /** Every fact whose evidence from a source overlaps [start, end), ordered by where the evidence starts. */
  findEvidence(sourceId: string, start: number, end: number): Promise<FactModel[]>;
  /**
   * Optional: for each source id, in order, the source's full text when the store holds it, checked
   * against the source's SHA-256 and length; null otherwise. A store without texts leaves this out,
   * and evidence then has no context.
   */
  getSourceTexts?(sourceIds: readonly string[]): Promise<Array<string | null>>;
}
