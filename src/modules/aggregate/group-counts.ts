import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { compareNames } from '../../lib/text.js';
import type { Direction, EdgeType, EntityModel, EntityTypeName, GroupCountModel, PartialDateModel } from '../../store/models.js';
import { ENTITY_TYPES } from '../../store/models.js';
import { DATE_FIELDS } from '../graph/fields.js';
import { loadEntities } from '../graph/graph.js';

export interface GroupByArgs {
  relationship?: EdgeType | null;
  direction?: Direction | null;
  attribute?: 'KIND' | 'STATUS' | 'YEAR' | 'ENTITY_TYPE' | null;
}

function attributeOf(entity: EntityModel, attribute: NonNullable<GroupByArgs['attribute']>): string | null {
  const record = entity as unknown as Record<string, unknown>;
  switch (attribute) {
    case 'KIND':
      return (record.kind as string | undefined) ?? null;
    case 'STATUS':
      return (record.status as string | undefined) ?? null;
    case 'ENTITY_TYPE':
      return entity.entityType;
    case 'YEAR': {
      const field = DATE_FIELDS[entity.type]?.[0];
      const date = field ? (record[field] as PartialDateModel | null) : null;
      return date ? date.iso.slice(0, 4) : null;
    }
  }
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
  const { items } = await ctx.store.listEntities(type, 0, Number.MAX_SAFE_INTEGER);
  const groups = new Map<string, Set<string>>();
  const add = (key: string, memberId: string) => {
    const members = groups.get(key);
    if (members) members.add(memberId);
    else groups.set(key, new Set([memberId]));
  };
  if (by.attribute) {
    for (const entity of items) {
      const value = attributeOf(entity, by.attribute);
      if (value !== null) add(value, entity.id);
    }
  } else {
    const direction = by.direction ?? 'BOTH';
    const lists = await ctx.loaders.edges.loadMany(items.map((e) => ({ nodeId: e.id, types: [by.relationship!], direction })));
    lists.forEach((list, i) => {
      if (list instanceof Error) throw list;
      const member = items[i]!;
      for (const edge of list) add(edge.fromId === member.id ? edge.toId : edge.fromId, member.id);
    });
  }
  const keys = [...groups.keys()];
  const names = by.attribute ? keys : (await loadEntities(ctx, keys)).map((e) => e.name);
  const nameOf = new Map(keys.map((key, i) => [key, names[i]!]));
  const memberNames = new Map(items.map((e) => [e.id, e.name]));
  return keys
    .map((key) => ({
      entityId: by.attribute ? null : key,
      value: by.attribute ? key : null,
      count: groups.get(key)!.size,
      memberIds: [...groups.get(key)!].sort((a, b) => compareNames(memberNames.get(a)!, memberNames.get(b)!) || (a < b ? -1 : 1)),
    }))
    .sort((a, b) => b.count - a.count || compareNames(nameOf.get(a.entityId ?? a.value!)!, nameOf.get(b.entityId ?? b.value!)!));
}
