import { readFilter, type Filter } from '../modules/filtering/filter.js';
import type { GraphStatistics } from '../store/graph-store.js';
import type { EntityTypeName, RelationshipType } from '../store/models.js';
import { ENTITY_TYPES } from '../store/models.js';
import type { EntityCondition, RelationPath } from '../store/query.js';

/** Items the store may touch (entities tested, relationships followed) for one unit of cost. */
export const SCAN_UNIT = 1000;

/** The cost of touching `items` items: a unit per thousand, and at least one. */
export function scanUnits(items: number): number {
  return Math.max(1, Math.ceil(items / SCAN_UNIT));
}

function totalEntities(statistics: GraphStatistics): number {
  let total = 0;
  for (const type of ENTITY_TYPES) total += statistics.entities[type];
  return total;
}

function totalRelationships(statistics: GraphStatistics, types: readonly RelationshipType[] | null = null): number {
  let total = 0;
  for (const [type, count] of Object.entries(statistics.relationships) as Array<[RelationshipType, number]>) if (types === null || types.includes(type)) total += count;
  return total;
}

/** The entities a list of one type (or of every type, `null`) holds: what a filter on it may scan. */
export function entitiesOf(type: EntityTypeName | null, statistics: GraphStatistics): number {
  return type === null ? totalEntities(statistics) : statistics.entities[type];
}

function followed(path: RelationPath, statistics: GraphStatistics): number {
  return totalRelationships(statistics, path.types);
}

/**
 * The items evaluating a condition over `universe` entities may touch, at worst: a condition an
 * index answers (ids, exact names and prefixes, types) touches what it finds, priced as one; any
 * other tests every entity in the universe; a relationship quantifier follows every relationship
 * of its types, and its condition on the far end is evaluated over every entity. The memory store
 * evaluates conditions this way (src/store/memory-conditions.ts); a database's plans are cheaper
 * or equal, never dearer.
 */
export function conditionItems(condition: EntityCondition, universe: number, statistics: GraphStatistics): number {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return condition.conditions.reduce((sum, part) => sum + conditionItems(part, universe, statistics), 0);
    case 'not':
      return conditionItems(condition.condition, universe, statistics);
    case 'id':
    case 'entityType':
      return 1;
    case 'name':
      return condition.test.equals !== undefined || condition.test.in !== undefined || condition.test.startsWith !== undefined ? 1 : universe;
    case 'text':
    case 'value':
    case 'date':
      return universe;
    case 'relationCount':
      return universe + followed(condition.path, statistics);
    case 'relation': {
      const everything = totalEntities(statistics);
      const { other, onBehalfOf } = condition.condition;
      return (
        followed(condition.path, statistics) +
        (other ? conditionItems(other, everything, statistics) : 0) +
        (onBehalfOf ? conditionItems(onBehalfOf, everything, statistics) : 0)
      );
    }
  }
}

/**
 * What a filter argument of a list of `type` costs: the items its conditions may touch, in units.
 * A filter that cannot be read is priced by its size; the field refuses it when it runs.
 */
export function filterUnits(type: EntityTypeName | null, filter: unknown, statistics: GraphStatistics): number {
  let condition: EntityCondition;
  try {
    condition = readFilter(type ?? 'Entity', filter as Filter);
  } catch {
    return 1;
  }
  return scanUnits(conditionItems(condition, entitiesOf(type, statistics), statistics));
}

/** What ordering a list of `type` costs: every entity's key is read, and counts follow relationships. */
export function orderUnits(type: EntityTypeName | null, orderings: number, statistics: GraphStatistics): number {
  return orderings === 0 ? 0 : orderings * scanUnits(entitiesOf(type, statistics));
}

/** What a search costs at worst: every entity and every quote may be a candidate. */
export function searchUnits(statistics: GraphStatistics): number {
  return scanUnits(totalEntities(statistics) + totalRelationships(statistics));
}

/** What grouping the entities of a type costs: each entity, and its relationships of the grouping type. */
export function groupUnits(type: EntityTypeName, relationship: RelationshipType | null, statistics: GraphStatistics): number {
  return scanUnits(statistics.entities[type] + (relationship ? totalRelationships(statistics, [relationship]) : 0));
}

/** What finding the facts of a span costs at worst: every fact of the source, up to every fact of the graph. */
export function evidenceUnits(statistics: GraphStatistics): number {
  return scanUnits(totalEntities(statistics) + totalRelationships(statistics));
}
