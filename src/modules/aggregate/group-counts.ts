import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { readPageRequest, toConnection, type PageArgs } from '../../lib/connection.js';
import type { Direction, RelationshipType, EntityTypeName, GroupCountConnectionModel, GroupCountModel } from '../../store/models.js';
import { ENTITY_TYPES } from '../../store/models.js';
import type { GroupCountQuery } from '../../store/query.js';

export interface GroupByArgs {
  relationship?: RelationshipType | null;
  direction?: Direction | null;
  attribute?: 'KIND' | 'STATUS' | 'YEAR' | 'ENTITY_TYPE' | null;
}

/** The most groups `groupCounts`, the unpaged field, answers; more is refused, never cut short. */
export const MAX_UNPAGED_GROUPS = 1000;

function readGroupQuery(entityType: string, by: GroupByArgs): Pick<GroupCountQuery, 'type' | 'by'> {
  if ((by.relationship == null) === (by.attribute == null)) {
    throw badUserInput('"by" must name exactly one of "relationship" and "attribute".', 'by');
  }
  const type = ENTITY_TYPES.find((t) => t.toUpperCase() === entityType) as EntityTypeName;
  return { type, by: by.attribute ? { attribute: by.attribute } : { relationship: by.relationship!, direction: by.direction ?? 'BOTH' } };
}

/**
 * One page of the entities of a type counted per group: per entity at the other end of a
 * relationship, or per attribute value. Largest group first, then by name or value.
 */
export async function listGroups(ctx: Context, entityType: string, by: GroupByArgs, args: PageArgs): Promise<GroupCountConnectionModel> {
  const query = readGroupQuery(entityType, by);
  // Positions: size, name or value, key.
  const request = readPageRequest(args, 'groups', 3);
  const page = await ctx.store.countGroups({ ...query, ...request }, ctx.work);
  return toConnection(page, request, 'groups');
}

/** Every group at once, for the deprecated unpaged field: refused when there are more than it answers. */
export async function countAllGroups(ctx: Context, entityType: string, by: GroupByArgs): Promise<GroupCountModel[]> {
  const page = await ctx.store.countGroups({ ...readGroupQuery(entityType, by), first: MAX_UNPAGED_GROUPS, after: null }, ctx.work);
  if (page.hasNextPage) {
    throw badUserInput(`There are ${page.totalCount} groups, more than groupCounts answers (${MAX_UNPAGED_GROUPS}); ask groups for them a page at a time.`, 'by');
  }
  return page.items.map((item) => item.node);
}
