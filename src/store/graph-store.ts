import type { Direction, EdgeModel, EdgeType, EntityModel, EntityTypeName, FactModel, NodeModel } from './models.js';
import type { SearchOptions, SearchResults } from './search-index.js';

export interface EntityPage {
  items: EntityModel[];
  totalCount: number;
}

/**
 * What resolvers may ask of the graph. Every method is batch-first and asynchronous, so a
 * database-backed store can implement the same interface and a DataLoader can sit in front of it.
 */
export interface GraphStore {
  /** Changes whenever the graph's content changes; anything cached from the store keys on it. */
  readonly version: string;
  /** One result per id, in id order; null for an id that names nothing. */
  getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>>;
  /**
   * Optional: one node at once, for a store that holds the graph in memory and can answer without
   * waiting. It must answer exactly as `getNodes` does; a store that wraps another and changes what
   * `getNodes` answers must not pass this one through. Resolvers then skip the DataLoader and its
   * promises, and a query that touches nothing else runs without a microtask.
   */
  getNodeNow?(id: string): NodeModel | null;
  /**
   * For each node id, in id order, its relationships of the given types (all types when null) in the
   * given direction. Symmetric relationships count as both outgoing and incoming; with BOTH, each
   * relationship appears once.
   */
  getEdges(nodeIds: readonly string[], types: readonly EdgeType[] | null, direction: Direction): Promise<EdgeModel[][]>;
  /** For each folded name, in order, the entities whose name, alias or label folds to it. */
  findByName(foldedNames: readonly string[]): Promise<EntityModel[][]>;
  /** One page of the entities of a type, ordered by name, then id. */
  listEntities(type: EntityTypeName, offset: number, limit: number): Promise<EntityPage>;
  /**
   * One page of the matches of a full-text search, best first, and how many nodes match in all (see
   * SearchIndex for the rules). The store filters and pages, so only the page is ever ranked in full.
   */
  search(query: string, options: SearchOptions): Promise<SearchResults>;
  /** Every fact whose evidence from a source overlaps [start, end), ordered by where the evidence starts. */
  findEvidence(sourceId: string, start: number, end: number): Promise<FactModel[]>;
}
