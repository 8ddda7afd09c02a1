import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { parsePartialDate, type ParsedPartialDate } from '../../lib/partial-date.js';
import { foldText } from '../../lib/text.js';
import type { EdgeModel, EntityModel, EntityTypeName, PartialDateModel } from '../../store/models.js';
import { relationFieldSpec, type RelationFieldSpec } from '../graph/fields.js';
import { loadEntities } from '../graph/graph.js';

/** A filter input as GraphQL hands it over: nested plain objects. */
export type Filter = { readonly [key: string]: unknown };

/** The deepest nesting of filter objects accepted; deeper input is refused, not truncated. */
export const MAX_FILTER_DEPTH = 8;

type AttributeKind = 'string' | 'enum' | 'date';

/** The attributes each entity type can be filtered on, beyond id and name. */
const ATTRIBUTES: Partial<Record<EntityTypeName, Record<string, AttributeKind>>> = {
  Country: { code: 'string' },
  Agreement: { kind: 'enum', concludedOn: 'date' },
  Event: { kind: 'enum', status: 'enum', startsOn: 'date', endsOn: 'date' },
  Organization: { kind: 'enum' },
  Place: { kind: 'enum' },
  Product: { kind: 'enum' },
  Source: { title: 'string', publishedOn: 'date' },
};

function isFilter(value: unknown): value is Filter {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPeriod(value: unknown, argument: string): ParsedPartialDate {
  const period = typeof value === 'string' ? parsePartialDate(value) : null;
  if (!period) throw badUserInput(`${argument} must be a date such as 2025, 2025-12 or 2025-12-14; got ${JSON.stringify(value)}.`, argument);
  return period;
}

/**
 * Checks a filter before anything is evaluated: its depth and every date in it, so a bad value is
 * refused even when no entity would have reached it.
 */
export function checkFilter(filter: unknown, argument: string, depth = 1): void {
  if (!isFilter(filter)) return;
  if (depth > MAX_FILTER_DEPTH) throw badUserInput(`"${argument}" is nested more than ${MAX_FILTER_DEPTH} levels deep.`, argument);
  for (const [key, value] of Object.entries(filter)) {
    const path = `${argument}.${key}`;
    if (Array.isArray(value)) value.forEach((item, i) => checkFilter(item, `${path}[${i}]`, depth + 1));
    else if (isFilter(value)) {
      for (const bound of ['within', 'overlaps', 'after', 'before', 'onOrAfter', 'onOrBefore']) {
        if (bound in value && value[bound] != null) readPeriod(value[bound], `${path}.${bound}`);
      }
      checkFilter(value, path, depth + 1);
    }
  }
}

export function matchesString(texts: readonly string[], filter: Filter): boolean {
  const folded = texts.map(foldText);
  const any = (test: (text: string) => boolean) => folded.some(test);
  if (filter.equals != null && !any((t) => t === foldText(filter.equals as string))) return false;
  if (filter.in != null && !any((t) => (filter.in as string[]).some((v) => t === foldText(v)))) return false;
  if (filter.contains != null && !any((t) => t.includes(foldText(filter.contains as string)))) return false;
  if (filter.startsWith != null && !any((t) => t.startsWith(foldText(filter.startsWith as string)))) return false;
  return true;
}

function matchesValue(value: string | null, filter: Filter): boolean {
  if (filter.equals != null && value !== filter.equals) return false;
  if (filter.in != null && !(value !== null && (filter.in as string[]).includes(value))) return false;
  return true;
}

export function matchesCount(count: number, filter: Filter): boolean {
  if (filter.equals != null && count !== filter.equals) return false;
  if (filter.gte != null && count < (filter.gte as number)) return false;
  if (filter.lte != null && count > (filter.lte as number)) return false;
  return true;
}

/**
 * Matches a date of any precision against a filter. A condition holds only when it holds for every
 * day the value can denote (so 2025-12 is within 2025, but not within 2025-12-14); `overlaps` holds
 * when the two ranges share a day. Dates compare as YYYY-MM-DD strings.
 */
export function matchesDate(value: PartialDateModel | null, filter: Filter, argument = 'filter'): boolean {
  if (filter.exists != null && (value !== null) !== filter.exists) return false;
  const bounds = Object.entries(filter).filter(([key, bound]) => key !== 'exists' && bound != null);
  if (bounds.length === 0) return true;
  if (value === null) return false;
  return bounds.every(([key, bound]) => {
    const period = readPeriod(bound, `${argument}.${key}`);
    switch (key) {
      case 'within':
        return value.earliest >= period.earliest && value.latest <= period.latest;
      case 'overlaps':
        return value.earliest <= period.latest && value.latest >= period.earliest;
      case 'after':
        return value.earliest > period.latest;
      case 'before':
        return value.latest < period.earliest;
      case 'onOrAfter':
        return value.earliest >= period.earliest;
      case 'onOrBefore':
        return value.latest <= period.latest;
      default:
        throw new Error(`Unknown date condition ${key}`);
    }
  });
}

function otherEnd(edge: EdgeModel, nodeId: string): string {
  return edge.fromId === nodeId ? edge.toId : edge.fromId;
}

/** Does one end of a SIGNED relationship, seen as a signature, meet a SignatoryFilter or SignedAgreementFilter? */
async function matchesSignature(ctx: Context, edge: EdgeModel, nodeId: string, spec: RelationFieldSpec, filter: Filter): Promise<boolean> {
  const endKey = spec.signature === 'signatory' ? 'person' : 'agreement';
  if (isFilter(filter[endKey])) {
    const [other] = await loadEntities(ctx, [otherEnd(edge, nodeId)]);
    if (!(await matchesEntity(ctx, spec.target as EntityTypeName, other!, filter[endKey]))) return false;
  }
  if (isFilter(filter.onBehalfOf)) {
    if (!edge.onBehalfOfId) return false;
    const [country] = await loadEntities(ctx, [edge.onBehalfOfId], 'Country');
    if (!(await matchesEntity(ctx, 'Country', country!, filter.onBehalfOf))) return false;
  }
  if (isFilter(filter.capacity) && !(edge.capacity !== null && matchesString([edge.capacity], filter.capacity))) return false;
  return true;
}

async function matchesRelation(ctx: Context, entity: EntityModel, spec: RelationFieldSpec, filter: Filter): Promise<boolean> {
  const edges = await ctx.loaders.edges.load({ nodeId: entity.id, types: [spec.type], direction: spec.direction });
  const matchOne = async (edge: EdgeModel, itemFilter: Filter): Promise<boolean> => {
    if (spec.signature) return matchesSignature(ctx, edge, entity.id, spec, itemFilter);
    const [other] = await loadEntities(ctx, [otherEnd(edge, entity.id)]);
    return matchesEntity(ctx, spec.target, other!, itemFilter);
  };
  if (spec.single) {
    return edges.length > 0 && matchOne(edges[0]!, filter);
  }
  if (isFilter(filter.count) && !matchesCount(edges.length, filter.count)) return false;
  if (isFilter(filter.some)) {
    const results = await Promise.all(edges.map((edge) => matchOne(edge, filter.some as Filter)));
    if (!results.includes(true)) return false;
  }
  if (isFilter(filter.every)) {
    const results = await Promise.all(edges.map((edge) => matchOne(edge, filter.every as Filter)));
    if (results.includes(false)) return false;
  }
  if (isFilter(filter.none)) {
    const results = await Promise.all(edges.map((edge) => matchOne(edge, filter.none as Filter)));
    if (results.includes(true)) return false;
  }
  return true;
}

/**
 * Does an entity meet a filter? Every condition given must hold; `AND`, `OR` and `NOT` combine
 * filters; relationship fields take `some`/`every`/`none`/`count`. `type` is the entity type the
 * filter was written for, or `Entity` for the shared conditions only.
 */
export async function matchesEntity(ctx: Context, type: EntityTypeName | 'Entity', entity: EntityModel, filter: Filter): Promise<boolean> {
  for (const [key, condition] of Object.entries(filter)) {
    if (condition == null) continue;
    let holds: boolean;
    if (key === 'AND') {
      holds = (await Promise.all((condition as Filter[]).map((f) => matchesEntity(ctx, type, entity, f)))).every(Boolean);
    } else if (key === 'OR') {
      holds = (await Promise.all((condition as Filter[]).map((f) => matchesEntity(ctx, type, entity, f)))).some(Boolean);
    } else if (key === 'NOT') {
      holds = !(await matchesEntity(ctx, type, entity, condition as Filter));
    } else if (key === 'id') {
      holds = matchesValue(entity.id, condition as Filter);
    } else if (key === 'name') {
      holds = matchesString([entity.name, ...entity.aliases, ...entity.labels.map((l) => l.text)], condition as Filter);
    } else if (key === 'entityType') {
      holds = matchesValue(entity.entityType, condition as Filter);
    } else if (type !== 'Entity' && ATTRIBUTES[type]?.[key]) {
      const value = (entity as unknown as Record<string, unknown>)[key] ?? null;
      const kind = ATTRIBUTES[type]![key];
      holds =
        kind === 'date'
          ? matchesDate(value as PartialDateModel | null, condition as Filter, `filter.${key}`)
          : kind === 'string'
            ? value !== null && matchesString([value as string], condition as Filter)
            : matchesValue(value as string | null, condition as Filter);
    } else {
      const spec = type === 'Entity' ? undefined : relationFieldSpec(type, key);
      if (!spec) throw new Error(`No filter condition "${key}" on ${type}`);
      holds = await matchesRelation(ctx, entity, spec, condition as Filter);
    }
    if (!holds) return false;
  }
  return true;
}

/** The entities that meet a filter, in their given order. */
export async function filterEntities<T extends EntityModel>(ctx: Context, type: EntityTypeName, entities: readonly T[], filter: Filter): Promise<T[]> {
  checkFilter(filter, 'filter');
  const keep = await Promise.all(entities.map((entity) => matchesEntity(ctx, type, entity, filter)));
  return entities.filter((_, i) => keep[i]);
}
