import { badUserInput } from '../../errors.js';
import { parsePartialDate, type ParsedPartialDate } from '../../lib/partial-date.js';
import { foldText } from '../../lib/text.js';
import type { EntityTypeName } from '../../store/models.js';
import { ENTITY_TYPES } from '../../store/models.js';
import type { DateTest, EntityCondition, EvidenceTest, Period, RelationPath, RelationshipCondition, TextTest, ValueTest } from '../../store/query.js';
import type { EvidenceMethod } from '../../store/models.js';
import { FILTER_ATTRIBUTES } from '../../generated/catalogue.js';
import { relationFieldSpec } from '../graph/fields.js';

/** A filter input as GraphQL hands it over: nested plain objects. */
export type Filter = { readonly [key: string]: unknown };

/** The deepest nesting of filter objects accepted; deeper input is refused, not truncated. */
export const MAX_FILTER_DEPTH = 8;

const DATE_BOUNDS = ['within', 'overlaps', 'after', 'before', 'onOrAfter', 'onOrBefore'] as const;

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
      for (const bound of DATE_BOUNDS) {
        if (bound in value && value[bound] != null) readPeriod(value[bound], `${path}.${bound}`);
      }
      checkFilter(value, path, depth + 1);
    }
  }
}

/** A StringFilter as a test on folded texts: case, accents and punctuation never count. */
export function readTextTest(filter: Filter): TextTest {
  const test: TextTest = {};
  if (filter.equals != null) test.equals = foldText(filter.equals as string);
  if (filter.in != null) test.in = (filter.in as string[]).map(foldText);
  if (filter.contains != null) test.contains = foldText(filter.contains as string);
  if (filter.startsWith != null) test.startsWith = foldText(filter.startsWith as string);
  return test;
}

function readValueTest(filter: Filter): ValueTest {
  const test: ValueTest = {};
  if (filter.equals != null) test.equals = filter.equals as string;
  if (filter.in != null) test.in = filter.in as string[];
  return test;
}

/** A DateFilter as periods of whole days; `checkFilter` has refused any bound that is not a date. */
export function readDateTest(filter: Filter, argument: string): DateTest {
  const test: DateTest = {};
  if (filter.exists != null) test.exists = filter.exists as boolean;
  for (const bound of DATE_BOUNDS) {
    if (filter[bound] == null) continue;
    const { earliest, latest } = readPeriod(filter[bound], `${argument}.${bound}`);
    test[bound] = { earliest, latest } satisfies Period;
  }
  return test;
}

/**
 * An EvidenceFilter as the test a store applies; null when it sets no condition. The method's
 * `equals` and `in` must both hold: the methods they leave.
 */
export function readEvidenceTest(filter: Filter | null | undefined): EvidenceTest | null {
  if (!isFilter(filter) || !isFilter(filter.method)) return null;
  const { equals, in: among } = filter.method;
  if (equals == null && among == null) return null;
  const methods = (among == null ? [equals] : (among as EvidenceMethod[])).filter((method) => equals == null || method === equals) as EvidenceMethod[];
  return { methods: [...new Set(methods)] };
}

function all(conditions: EntityCondition[]): EntityCondition {
  return conditions.length === 1 ? conditions[0]! : { kind: 'and', conditions };
}

/** EntityTypeFilter's `equals` and `in` must both hold: the types they leave. */
function readEntityTypes(filter: Filter): EntityTypeName[] {
  const codes = ENTITY_TYPES.map((type) => type.toUpperCase());
  const allowed = codes.filter((code) => (filter.equals == null || filter.equals === code) && (filter.in == null || (filter.in as string[]).includes(code)));
  return ENTITY_TYPES.filter((type) => allowed.includes(type.toUpperCase()));
}

/** A view's filter, such as SignatoryFilter: the entity at the other end, and the relationship's properties. */
function readViewCondition(target: EntityTypeName | 'Entity', endKey: string, filter: Filter, argument: string): RelationshipCondition {
  const condition: RelationshipCondition = {};
  if (isFilter(filter[endKey])) condition.other = readFilter(target, filter[endKey], `${argument}.${endKey}`);
  if (isFilter(filter.onBehalfOf)) condition.onBehalfOf = readFilter('Country', filter.onBehalfOf, `${argument}.onBehalfOf`);
  if (isFilter(filter.capacity)) condition.capacity = readTextTest(filter.capacity);
  return condition;
}

/**
 * Reads a filter input into the condition a store evaluates. Every given key must hold; `AND`, `OR`
 * and `NOT` combine filters; relationship fields take `some`/`every`/`none`/`count`. `type` is the
 * entity type the filter was written for, or `Entity` for the conditions every entity shares.
 */
export function readFilter(type: EntityTypeName | 'Entity', filter: Filter, argument = 'filter'): EntityCondition {
  const conditions: EntityCondition[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value == null) continue;
    const path = `${argument}.${key}`;
    if (key === 'AND' || key === 'OR') {
      const parts = (value as Filter[]).map((part, i) => readFilter(type, part, `${path}[${i}]`));
      conditions.push({ kind: key === 'AND' ? 'and' : 'or', conditions: parts });
    } else if (key === 'NOT') {
      conditions.push({ kind: 'not', condition: readFilter(type, value as Filter, path) });
    } else if (key === 'id') {
      conditions.push({ kind: 'id', test: readValueTest(value as Filter) });
    } else if (key === 'name') {
      conditions.push({ kind: 'name', test: readTextTest(value as Filter) });
    } else if (key === 'entityType') {
      conditions.push({ kind: 'entityType', types: readEntityTypes(value as Filter) });
    } else if (type !== 'Entity' && FILTER_ATTRIBUTES[type]?.[key]) {
      const kind = FILTER_ATTRIBUTES[type]![key];
      const filterValue = value as Filter;
      conditions.push(
        kind === 'date'
          ? { kind: 'date', attribute: key, test: readDateTest(filterValue, path) }
          : kind === 'string'
            ? { kind: 'text', attribute: key, test: readTextTest(filterValue) }
            : { kind: 'value', attribute: key, test: readValueTest(filterValue) },
      );
    } else {
      const spec = type === 'Entity' ? undefined : relationFieldSpec(type, key);
      if (!spec) throw new Error(`No filter condition "${key}" on ${type}`);
      const evidence = spec.single ? null : readEvidenceTest((value as Filter).evidence as Filter | undefined);
      const relation: RelationPath = { types: [spec.type], direction: spec.direction, ...(evidence ? { evidence } : {}) };
      const readItem = (item: Filter, itemPath: string): RelationshipCondition =>
        spec.view ? readViewCondition(spec.target, spec.view.end, item, itemPath) : { other: readFilter(spec.target, item, itemPath) };
      if (spec.single) {
        conditions.push({ kind: 'relation', path: relation, quantifier: 'some', condition: readItem(value as Filter, path) });
        continue;
      }
      const quantified = value as Filter;
      if (isFilter(quantified.count)) conditions.push({ kind: 'relationCount', path: relation, test: readCountTest(quantified.count) });
      for (const quantifier of ['some', 'every', 'none'] as const) {
        if (isFilter(quantified[quantifier])) conditions.push({ kind: 'relation', path: relation, quantifier, condition: readItem(quantified[quantifier], `${path}.${quantifier}`) });
      }
    }
  }
  return all(conditions);
}

function readCountTest(filter: Filter): { equals?: number; gte?: number; lte?: number } {
  const test: { equals?: number; gte?: number; lte?: number } = {};
  if (filter.equals != null) test.equals = filter.equals as number;
  if (filter.gte != null) test.gte = filter.gte as number;
  if (filter.lte != null) test.lte = filter.lte as number;
  return test;
}

/** Checks a filter input and reads it: what every root list and search hands to the store. */
export function readCheckedFilter(type: EntityTypeName | 'Entity', filter: Filter, argument = 'filter'): EntityCondition {
  checkFilter(filter, argument);
  return readFilter(type, filter, argument);
}
