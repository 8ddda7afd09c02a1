import DataLoader from 'dataloader';
import type { MaybePromise } from '../lib/maybe-promise.js';
import type { GraphStore } from '../store/graph-store.js';
import type { Direction, EdgeModel, EdgeType, EntityModel, NodeModel } from '../store/models.js';
import type { Page, RelationshipListKey, RelationshipPageRequest } from '../store/query.js';

export interface EdgeQuery {
  nodeId: string;
  /** Relationship types to follow; null for all. */
  types: readonly EdgeType[] | null;
  direction: Direction;
}

/** A page of one node's relationships. */
export interface RelationshipPageQuery extends RelationshipListKey {
  page: RelationshipPageRequest;
}

export interface Loaders {
  /** A node by id: at once when the store can answer at once (`getNodeNow`), else through `node`. */
  loadNode(id: string): MaybePromise<NodeModel | null>;
  node: DataLoader<string, NodeModel | null>;
  edges: DataLoader<EdgeQuery, EdgeModel[], string>;
  relationships: DataLoader<RelationshipPageQuery, Page<EdgeModel>, string>;
  entitiesByName: DataLoader<string, EntityModel[]>;
}

function edgeGroupKey(query: Pick<EdgeQuery, 'types' | 'direction'>): string {
  return `${query.direction}|${query.types === null ? '*' : query.types.join(',')}`;
}

/**
 * Loads relationships for many nodes with one store call per distinct (types, direction) in the
 * batch, so a list of n items that each ask for their signatories costs one call, not n.
 */
async function loadEdges(store: GraphStore, queries: readonly EdgeQuery[]): Promise<EdgeModel[][]> {
  const groups = new Map<string, { types: EdgeQuery['types']; direction: Direction; positions: number[]; nodeIds: string[] }>();
  queries.forEach((query, position) => {
    const key = edgeGroupKey(query);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { types: query.types, direction: query.direction, positions: [], nodeIds: [] }));
    group.positions.push(position);
    group.nodeIds.push(query.nodeId);
  });
  const results: EdgeModel[][] = new Array(queries.length);
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const lists = await store.getEdges(group.nodeIds, group.types, group.direction);
      group.positions.forEach((position, i) => {
        results[position] = lists[i]!;
      });
    }),
  );
  return results;
}

/**
 * Loads pages of relationships with one store call per distinct (types, direction, page) in the
 * batch: a list of 20 agreements that each ask for their first 5 signatories costs one call.
 */
async function loadRelationshipPages(store: GraphStore, queries: readonly RelationshipPageQuery[]): Promise<Array<Page<EdgeModel>>> {
  const groups = new Map<string, { page: RelationshipPageRequest; positions: number[]; keys: RelationshipListKey[] }>();
  queries.forEach((query, position) => {
    const key = `${edgeGroupKey(query)}|${JSON.stringify(query.page)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { page: query.page, positions: [], keys: [] }));
    group.positions.push(position);
    group.keys.push({ nodeId: query.nodeId, types: query.types, direction: query.direction });
  });
  const results: Array<Page<EdgeModel>> = new Array(queries.length);
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const pages = await store.listRelationships(group.keys, group.page);
      group.positions.forEach((position, i) => {
        results[position] = pages[i]!;
      });
    }),
  );
  return results;
}

/**
 * The DataLoaders of one request. Each is built when a resolver first asks for it, since most
 * requests need one of the four. Getters on a class, not on an object literal: per-request
 * closures for the getters made every young-generation collection slower (median scavenge 2.4
 * against 1.6 ms under the unique workload).
 */
class RequestLoaders implements Loaders {
  private nodeLoader: Loaders['node'] | undefined;
  private edgesLoader: Loaders['edges'] | undefined;
  private relationshipsLoader: Loaders['relationships'] | undefined;
  private entitiesByNameLoader: Loaders['entitiesByName'] | undefined;

  constructor(private readonly store: GraphStore) {}

  loadNode(id: string): MaybePromise<NodeModel | null> {
    // A lookup in memory costs less than the DataLoader's cache key; it has nothing to batch.
    return this.store.getNodeNow ? this.store.getNodeNow(id) : this.node.load(id);
  }

  get node(): Loaders['node'] {
    return (this.nodeLoader ??= new DataLoader((ids) => this.store.getNodes(ids)));
  }

  get edges(): Loaders['edges'] {
    return (this.edgesLoader ??= new DataLoader((queries) => loadEdges(this.store, queries), { cacheKeyFn: (query) => `${query.nodeId}|${edgeGroupKey(query)}` }));
  }

  get relationships(): Loaders['relationships'] {
    return (this.relationshipsLoader ??= new DataLoader((queries) => loadRelationshipPages(this.store, queries), {
      cacheKeyFn: (query) => `${query.nodeId}|${edgeGroupKey(query)}|${JSON.stringify(query.page)}`,
    }));
  }

  get entitiesByName(): Loaders['entitiesByName'] {
    return (this.entitiesByNameLoader ??= new DataLoader((names) => this.store.findByName(names)));
  }
}

/** The loaders of a new request, so nothing is cached across requests. */
export function createLoaders(store: GraphStore): Loaders {
  return new RequestLoaders(store);
}
