import type { Context } from '../../context.js';
import { compareByNameThenId, compareNames } from '../../lib/text.js';
import type { EdgeModel, EntityModel, EntityTypeName, PartialDateModel } from '../../store/models.js';
import { loadEntities } from '../graph/graph.js';
import { DATE_FIELDS, RELATION_FIELDS, type RelationFieldSpec } from '../graph/fields.js';

export interface Order {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

type SortKey = string | number | null;

/** `signedAgreements` → `SIGNED_AGREEMENTS`, as order fields are named in the schema. */
export function screamingCase(name: string): string {
  return name.replace(/([A-Z])/g, '_$1').toUpperCase();
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareNames(String(a), String(b));
}

/** Reads the key an order field sorts by, for every entity at once so relationship counts batch. */
async function sortKeys(ctx: Context, type: EntityTypeName | 'Entity', entities: readonly EntityModel[], field: string): Promise<SortKey[]> {
  if (field === 'NAME') return entities.map((e) => e.name);
  if (field === 'DEGREE') {
    const lists = await Promise.all(entities.map((e) => ctx.loaders.edges.load({ nodeId: e.id, types: null, direction: 'BOTH' })));
    return lists.map((edges) => edges.length);
  }
  if (type === 'Entity') throw new Error(`No order field ${field} on entities of any kind`);
  const dateField = (DATE_FIELDS[type] ?? []).find((name) => screamingCase(name) === field);
  if (dateField) {
    return entities.map((e) => ((e as unknown as Record<string, PartialDateModel | null>)[dateField]?.earliest ?? null));
  }
  const relation = Object.entries(RELATION_FIELDS[type] as Record<string, RelationFieldSpec>).find(([name]) => `${screamingCase(name)}_COUNT` === field);
  if (relation) {
    const [, spec] = relation;
    const lists = await Promise.all(entities.map((e) => ctx.loaders.edges.load({ nodeId: e.id, types: [spec.type], direction: spec.direction })));
    return lists.map((edges) => edges.length);
  }
  throw new Error(`No order field ${field} on ${type}`);
}

/**
 * Orders entities by each order in turn, then by name and id, so equal keys never leave the order
 * to chance. A missing date sorts last in either direction.
 */
export async function orderEntities<T extends EntityModel>(ctx: Context, type: EntityTypeName | 'Entity', entities: readonly T[], orders: readonly Order[]): Promise<T[]> {
  const keys = await Promise.all(orders.map((order) => sortKeys(ctx, type, entities, order.field)));
  const indexes = entities.map((_, i) => i);
  indexes.sort((a, b) => {
    for (const [k, order] of orders.entries()) {
      const ka = keys[k]![a]!;
      const kb = keys[k]![b]!;
      if (ka === kb) continue;
      if (ka === null) return 1;
      if (kb === null) return -1;
      const sign = order.direction === 'DESC' ? -1 : 1;
      return sign * compareKeys(ka, kb);
    }
    return compareByNameThenId(entities[a]!, entities[b]!);
  });
  return indexes.map((i) => entities[i]!);
}

export interface RelatedOrder {
  field: 'NAME' | 'DEGREE';
  direction?: 'ASC' | 'DESC' | null;
}

/**
 * Orders the relationships of a list by the entity at their other end: its name or its degree, then
 * name and id; the list's own order (the sources') is kept when no order is asked for.
 */
export async function orderRelated(ctx: Context, nodeId: string, edges: readonly EdgeModel[], orders: readonly RelatedOrder[]): Promise<EdgeModel[]> {
  const others = await loadEntities(ctx, edges.map((edge) => (edge.fromId === nodeId ? edge.toId : edge.fromId)));
  const ordered = await orderEntities(ctx, 'Entity', others, orders);
  const position = new Map(ordered.map((entity, i) => [entity.id, i]));
  return edges
    .map((edge, i) => ({ edge, rank: position.get(others[i]!.id)!, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ edge }) => edge);
}
