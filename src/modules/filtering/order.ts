import type { EntityTypeName } from '../../store/models.js';
import type { Ordering, RelatedOrderKey } from '../../store/query.js';
import { DATED_ATTRIBUTES } from '../../store/vocabulary.js';
import { RELATION_FIELDS, type RelationFieldSpec } from '../graph/fields.js';

/** An order input as GraphQL hands it over. */
export interface Order {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

/** `signedAgreements` → `SIGNED_AGREEMENTS`, as order fields are named in the schema. */
export function screamingCase(name: string): string {
  return name.replace(/([A-Z])/g, '_$1').toUpperCase();
}

/** Reads one order field of an entity type: NAME, DEGREE, a dated attribute, or `<FIELD>_COUNT`. */
function readOrderKey(type: EntityTypeName | 'Entity', field: string): Ordering['key'] {
  if (field === 'NAME') return { by: 'name' };
  if (field === 'DEGREE') return { by: 'degree' };
  if (type === 'Entity') throw new Error(`No order field ${field} on entities of any kind`);
  const dated = (DATED_ATTRIBUTES[type] ?? []).find(({ attribute }) => screamingCase(attribute) === field);
  if (dated) return { by: 'date', attribute: dated.attribute };
  const relation = Object.entries(RELATION_FIELDS[type] as Record<string, RelationFieldSpec>).find(([name]) => `${screamingCase(name)}_COUNT` === field);
  if (relation) return { by: 'relationCount', path: { types: [relation[1].type], direction: relation[1].direction } };
  throw new Error(`No order field ${field} on ${type}`);
}

/** Reads `orderBy` into the orderings a store applies in turn (name and id then break ties). */
export function readOrderings(type: EntityTypeName | 'Entity', orders: readonly Order[] | null | undefined): Ordering[] {
  return (orders ?? []).map((order) => ({ key: readOrderKey(type, order.field), descending: order.direction === 'DESC' }));
}

export interface RelatedOrder {
  field: 'NAME' | 'DEGREE';
  direction?: 'ASC' | 'DESC' | null;
}

/** Reads the ordering of a relationship list: by the entity at the other end. */
export function readRelatedOrderings(orders: readonly RelatedOrder[] | null | undefined): Array<{ key: RelatedOrderKey; descending: boolean }> {
  return (orders ?? []).map((order) => ({ key: { by: order.field === 'NAME' ? 'name' : 'degree' }, descending: order.direction === 'DESC' }));
}

/** What a cursor of an ordered list says it belongs to, so it is never used on another ordering. */
export function orderingSignature(list: string, orders: readonly { field: string; direction?: string | null }[] | null | undefined): string {
  return [list, ...(orders ?? []).map((order) => `${order.field}${order.direction === 'DESC' ? '-' : ''}`)].join(' ');
}
