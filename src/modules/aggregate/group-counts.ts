import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import type { Direction, RelationshipType, EntityTypeName, GroupCountModel } from '../../store/models.js';
import { ENTITY_TYPES } from '../../store/models.js';

export interface GroupByArgs {
  relationship?: RelationshipType | null;
  direction?: Direction | null;
  attribute?: 'KIND' | 'STATUS' | 'YEAR' | 'ENTITY_TYPE' | null;
}

/**
 * Counts the entities of a type per group: per entity at the other end of a relationship, or per
 * attribute value. Largest group first, then by name or value.
 */
export async function countGroups(ctx: Context, entityType: string, by: GroupByArgs): Promise<GroupCountModel[]> {
  if ((by.relationship == null) === (by.attribute == null)) {
    throw badUserInput('"by" must name exactly one of "relationship" and "attribute".', 'by');
  }
  const type = ENTITY_TYPES.find((t) => t.toUpperCase() === entityType) as EntityTypeName;
  const groupBy = by.attribute ? { attribute: by.attribute } : { relationship: by.relationship!, direction: by.direction ?? 'BOTH' };
  return ctx.store.countGroups({ type, by: groupBy });
}
