import type { RequestWork } from '../lib/work.js';
import DataLoader from 'dataloader';
import type { MaybePromise } from '../lib/maybe-promise.js';
import type { GraphStore, RelationshipPage } from '../store/graph-store.js';
import type { Direction, RelationshipModel, RelationshipType, EntityModel, NodeModel } from '../store/models.js';
import { readsOf, type RelationshipListKey, type RelationshipPageRequest } from '../store/query.js';

export interface RelationshipQuery {
  nodeId: string;
  /** Relationship types to follow; null for all. */
  types: readonly RelationshipType[] | null;
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
  allRelationships: DataLoader<RelationshipQuery, RelationshipModel[], string>;
  relationshipPages: DataLoader<RelationshipPageQuery, RelationshipPage, string>;
  entitiesByName: DataLoader<string, EntityModel[]>;
  /** A source's full text, or null when the store holds none. */
  sourceText: DataLoader<string, string | null>;
}

function relationshipGroupKey(query: Pick<RelationshipQuery, 'types' | 'direction'>): string {
  return `${query.direction}|${query.types === null ? '*' : query.types.join(',')}`;
}

/**
 * Loads relationships for many nodes with one store call per distinct (types, direction) in the
 * batch, so a list of n items that each ask for their signatories costs one call, not n.
 */
async function loadRelationships(store: GraphStore, queries: readonly RelationshipQuery[], work: RequestWork): Promise<RelationshipModel[][]> {
  const groups = new Map<string, { types: RelationshipQuery['types']; direction: Direction; positions: number[]; nodeIds: string[] }>();
  queries.forEach((query, position) => {
    const key = relationshipGroupKey(query);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { types: query.types, direction: query.direction, positions: [], nodeIds: [] }));
    group.positions.push(position);
    group.nodeIds.push(query.nodeId);
  });
  const results: RelationshipModel[][] = new Array(queries.length);
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const lists = await store.getRelationships(group.nodeIds, group.types, group.direction, work);
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
async function loadRelationshipPages(
  store: GraphStore,
  queries: readonly RelationshipPageQuery[],
  work: RequestWork,
  keep: (entity: EntityModel) => void,
  keepPage: (query: RelationshipPageQuery, page: RelationshipPage) => void,
): Promise<RelationshipPage[]> {
  const groups = new Map<string, { page: RelationshipPageRequest; positions: number[]; keys: RelationshipListKey[] }>();
  queries.forEach((query, position) => {
    const key = `${relationshipGroupKey(query)}|${JSON.stringify(query.page)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { page: query.page, positions: [], keys: [] }));
    group.positions.push(position);
    group.keys.push({ nodeId: query.nodeId, types: query.types, direction: query.direction, evidence: query.evidence ?? null });
  });
  const results: RelationshipPage[] = new Array(queries.length);
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const pages = await store.listRelationships(group.keys, group.page, work);
      // Only whole entities: one read in part would answer a later look-up of it wrongly.
      if (readsOf(group.page).others === 'full') for (const page of pages) for (const entity of page.others ?? []) keep(entity);
      for (const page of pages) if (page.node) keep(page.node);
      // The next level's pages the store read with these: its resolvers find them loaded.
      const next = group.page.next;
      if (next) {
        pages.forEach((page, i) => {
          const nodeId = group.keys[i]!.nodeId;
          page.next?.forEach((nextPage, j) => {
            const relationship = page.items[j]!.node;
            const otherId = relationship.fromId === nodeId ? relationship.toId : relationship.fromId;
            keepPage({ nodeId: otherId, types: next.types, direction: next.direction, evidence: next.evidence, page: next.page }, nextPage);
          });
        });
      }
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
  private allRelationshipsLoader: Loaders['allRelationships'] | undefined;
  private relationshipPagesLoader: Loaders['relationshipPages'] | undefined;
  private entitiesByNameLoader: Loaders['entitiesByName'] | undefined;
  private sourceTextLoader: Loaders['sourceText'] | undefined;

  constructor(
    private readonly store: GraphStore,
    private readonly work: RequestWork,
  ) {}

  loadNode(id: string): MaybePromise<NodeModel | null> {
    // A lookup in memory costs less than the DataLoader's cache key; it has nothing to batch.
    if (!this.store.getNodeNow) return this.node.load(id);
    this.work.step();
    return this.store.getNodeNow(id);
  }

  get node(): Loaders['node'] {
    return (this.nodeLoader ??= new DataLoader((ids) => (this.work.stopIfAbandoned(), this.work.step(ids.length), this.store.getNodes(ids))));
  }

  get allRelationships(): Loaders['allRelationships'] {
    return (this.allRelationshipsLoader ??= new DataLoader((queries) => (this.work.stopIfAbandoned(), loadRelationships(this.store, queries, this.work)), { cacheKeyFn: (query) => `${query.nodeId}|${relationshipGroupKey(query)}` }));
  }

  get relationshipPages(): Loaders['relationshipPages'] {
    // Entities a store read with the relationships are kept as if looked up: `other` is then at hand.
    const keep = (entity: EntityModel) => this.node.prime(entity.id, entity);
    const keepPage = (query: RelationshipPageQuery, page: RelationshipPage) => {
      this.relationshipPages.prime(query, page);
      if (readsOf(query.page).others === 'full') for (const entity of page.others ?? []) keep(entity);
    };
    return (this.relationshipPagesLoader ??= new DataLoader((queries) => (this.work.stopIfAbandoned(), loadRelationshipPages(this.store, queries, this.work, keep, keepPage)), {
      // A page read ahead with it (`next`) or with its node (`node`) does not change the page itself.
      cacheKeyFn: (query) => `${query.nodeId}|${relationshipGroupKey(query)}|${JSON.stringify(query.evidence ?? null)}|${JSON.stringify({ ...query.page, next: undefined, node: undefined })}`,
    }));
  }

  get entitiesByName(): Loaders['entitiesByName'] {
    return (this.entitiesByNameLoader ??= new DataLoader((names) => (this.work.stopIfAbandoned(), this.work.step(names.length), this.store.findByName(names))));
  }

  get sourceText(): Loaders['sourceText'] {
    return (this.sourceTextLoader ??= new DataLoader(async (ids) => (this.store.getSourceTexts ? this.store.getSourceTexts(ids) : ids.map(() => null))));
  }
}

/**
 * The loaders of a new request, so nothing is cached across requests. Once the request is
 * abandoned, a batch refuses to start: its work stops at the next store call.
 */
export function createLoaders(store: GraphStore, work: RequestWork): Loaders {
  return new RequestLoaders(store, work);
}
