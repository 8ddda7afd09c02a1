import type { EvidenceMethod } from '../models.js';
import type { CountTest, DateTest, EntityCondition, RelationPath, RelationshipCondition, TextTest, ValueTest } from '../query.js';
import { METHOD_BITS } from '../relationship-table.js';
import { hasNul, type Aliases, type Params } from './params.js';

/**
 * Turns a condition tree into a SQL boolean expression about the entity row `e`, with every value a
 * bound parameter (and no parameter the expression does not use: PostgreSQL could not type it). Each piece is true or false, never null, so NOT and OR read as the memory
 * store's conditions do (src/store/memory-conditions.ts is the reference for what each one means).
 *
 * Conditions on names are index look-ups in entity_name; a relationship condition with a condition
 * on the other end walks back from the entities that meet it (`e.seq IN (... a.node IN (...))`), so
 * a selective condition three levels down is three index look-ups, not a scan of the type.
 */
export function conditionSql(condition: EntityCondition, e: string, params: Params, aliases: Aliases): string {
  switch (condition.kind) {
    case 'and':
      return condition.conditions.length === 0 ? 'true' : `(${condition.conditions.map((part) => conditionSql(part, e, params, aliases)).join(' AND ')})`;
    case 'or':
      return condition.conditions.length === 0 ? 'false' : `(${condition.conditions.map((part) => conditionSql(part, e, params, aliases)).join(' OR ')})`;
    case 'not':
      return `NOT ${conditionSql(condition.condition, e, params, aliases)}`;
    case 'id':
      return valueSql(`${e}.id`, condition.test, params);
    case 'name':
      return nameSql(condition.test, e, params, aliases);
    case 'entityType':
      return `${e}.type = ANY(${params.add(condition.types, 'text[]')})`;
    case 'text': {
      // Only text attributes are folded: an entity without the attribute meets no text condition.
      const value = `(${e}.folded ->> ${params.add(condition.attribute, 'text')})`;
      return `(${value} IS NOT NULL AND ${textSql([value], condition.test, params)})`;
    }
    case 'value': {
      if (condition.test.equals === undefined && condition.test.in === undefined) return 'true';
      // A value that is not a string (a number, a date) counts as missing, as in memory.
      const attribute = params.add(condition.attribute, 'text');
      return valueSql(`(CASE WHEN jsonb_typeof(${e}.attributes -> ${attribute}) = 'string' THEN ${e}.attributes ->> ${attribute} END)`, condition.test, params);
    }
    case 'date':
      if (Object.values(condition.test).every((part) => part === undefined)) return 'true';
      return dateSql(`(${e}.attributes -> ${params.add(condition.attribute, 'text')})`, condition.test, params);
    case 'relationCount': {
      if (Object.values(condition.test).every((part) => part === undefined)) return 'true';
      const a = aliases.take('a');
      const count = `(SELECT count(*) FROM adjacency ${a} WHERE ${a}.node = ${e}.seq AND ${pathSql(a, condition.path, params)})`;
      return countSql(count, condition.test, params);
    }
    case 'relation':
      return relationSql(condition.path, condition.quantifier, condition.condition, e, params, aliases);
  }
}

/**
 * The half-edges of a path: its relationship types, seen from the entity's end, and with an
 * evidence test only those with evidence by one of its methods (adjacency.methods holds them).
 */
function pathSql(a: string, path: RelationPath, params: Params): string {
  const evidence = path.evidence?.methods === undefined ? '' : ` AND ${a}.methods & ${params.add(methodsMask(path.evidence.methods), 'int')} <> 0`;
  return `${a}.outgoing = ${path.direction === 'OUTGOING' ? 'true' : 'false'} AND ${a}.type = ANY(${params.add(path.types, 'text[]')})${evidence}`;
}

/** Evidence methods as a bit set (see METHOD_BITS); an empty list is 0, which no relationship meets. */
export function methodsMask(methods: readonly EvidenceMethod[]): number {
  let mask = 0;
  for (const method of methods) mask |= 1 << METHOD_BITS[method];
  return mask;
}

/** How many relationships of a path an entity `e` has. */
export function relationCountSql(e: string, path: RelationPath, params: Params): string {
  return `(SELECT count(*)::int FROM adjacency rc WHERE rc.node = ${e}.seq AND ${pathSql('rc', path, params)})`;
}

function relationSql(path: RelationPath, quantifier: 'some' | 'every' | 'none', condition: RelationshipCondition, e: string, params: Params, aliases: Aliases): string {
  const a = aliases.take('a');
  const r = aliases.take('r');
  const needsRelationship = condition.onBehalfOf !== undefined || condition.capacity !== undefined;
  const join = needsRelationship ? ` JOIN relationship ${r} ON ${r}.seq = ${a}.rel` : '';
  const propertyTests: string[] = [];
  if (condition.onBehalfOf) {
    const o = aliases.take('e');
    const meets = conditionSql(condition.onBehalfOf, o, params, aliases);
    propertyTests.push(`coalesce(${r}.on_behalf_of_id IN (SELECT ${o}.id FROM entity ${o} WHERE ${meets}), false)`);
  }
  if (condition.capacity) propertyTests.push(`(${r}.capacity_folded IS NOT NULL AND ${textSql([`${r}.capacity_folded`], condition.capacity, params)})`);
  const otherSet = (): string => {
    const o = aliases.take('e');
    return `SELECT ${o}.seq FROM entity ${o} WHERE ${conditionSql(condition.other!, o, params, aliases)}`;
  };

  if (quantifier === 'every') {
    const meets = [...(condition.other ? [`${a}.other IN (${otherSet()})`] : []), ...propertyTests];
    if (meets.length === 0) return 'true';
    return `NOT EXISTS (SELECT 1 FROM adjacency ${a}${join} WHERE ${a}.node = ${e}.seq AND ${pathSql(a, path, params)} AND NOT (${meets.join(' AND ')}))`;
  }
  let some: string;
  if (condition.other) {
    // Walk back from the entities that meet the condition: the same relationship seen from their end.
    const mirrored: RelationPath = { ...path, direction: path.direction === 'OUTGOING' ? 'INCOMING' : 'OUTGOING' };
    const tests = [pathSql(a, mirrored, params), `${a}.node IN (${otherSet()})`, ...propertyTests];
    some = `${e}.seq IN (SELECT ${a}.other FROM adjacency ${a}${join} WHERE ${tests.join(' AND ')})`;
  } else {
    const tests = [`${a}.node = ${e}.seq`, pathSql(a, path, params), ...propertyTests];
    some = `EXISTS (SELECT 1 FROM adjacency ${a}${join} WHERE ${tests.join(' AND ')})`;
  }
  return quantifier === 'some' ? some : `NOT ${some}`;
}

/** Name tests: each given test must hold for at least one of the entity's names, aliases and labels. */
function nameSql(test: TextTest, e: string, params: Params, aliases: Aliases): string {
  const parts: string[] = [];
  const exists = (predicate: (n: string) => string) => {
    const n = aliases.take('n');
    parts.push(`EXISTS (SELECT 1 FROM entity_name ${n} WHERE ${n}.entity = ${e}.seq AND NOT ${n}.is_code AND ${predicate(`${n}.folded`)})`);
  };
  if (test.equals !== undefined) exists((folded) => equalsSql(folded, test.equals!, params));
  if (test.in !== undefined) exists((folded) => inSql(folded, test.in!, params));
  if (test.contains !== undefined) exists((folded) => containsSql(folded, test.contains!, params));
  if (test.startsWith !== undefined) exists((folded) => startsWithSql(folded, test.startsWith!, params));
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

/** Text tests on one or more texts (SQL expressions, possibly null): each must hold for one of them. */
export function textSql(texts: readonly string[], test: TextTest, params: Params): string {
  const parts: string[] = [];
  const any = (predicate: (text: string) => string) => parts.push(`(${texts.map((text) => `coalesce(${predicate(text)}, false)`).join(' OR ')})`);
  if (test.equals !== undefined) any((text) => equalsSql(text, test.equals!, params));
  if (test.in !== undefined) any((text) => inSql(text, test.in!, params));
  if (test.contains !== undefined) any((text) => containsSql(text, test.contains!, params));
  if (test.startsWith !== undefined) any((text) => startsWithSql(text, test.startsWith!, params));
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

function equalsSql(column: string, value: string, params: Params): string {
  return hasNul(value) ? 'false' : `${column} = ${params.add(value, 'text')}`;
}

function inSql(column: string, values: readonly string[], params: Params): string {
  return `${column} = ANY(${params.add(values.filter((value) => !hasNul(value)), 'text[]')})`;
}

function containsSql(column: string, value: string, params: Params): string {
  return hasNul(value) ? 'false' : `strpos(${column}, ${params.add(value, 'text')}) > 0`;
}

function startsWithSql(column: string, value: string, params: Params): string {
  // starts_with uses a btree index on a column of the C collation (PostgreSQL 15 and later).
  return hasNul(value) ? 'false' : `starts_with(${column}, ${params.add(value, 'text')})`;
}

/** Value tests on a column that may be null: a missing value meets neither `equals` nor `in`. */
function valueSql(column: string, test: ValueTest, params: Params): string {
  const parts: string[] = [];
  if (test.equals !== undefined) parts.push(`coalesce(${equalsSql(column, test.equals, params)}, false)`);
  if (test.in !== undefined) parts.push(`coalesce(${inSql(column, test.in, params)}, false)`);
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

function countSql(count: string, test: CountTest, params: Params): string {
  const parts: string[] = [];
  if (test.equals !== undefined) parts.push(`${count} = ${params.add(test.equals, 'bigint')}`);
  if (test.gte !== undefined) parts.push(`${count} >= ${params.add(test.gte, 'float8')}`);
  if (test.lte !== undefined) parts.push(`${count} <= ${params.add(test.lte, 'float8')}`);
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

/** See DateTest: every bound holds for every day the value can denote; `overlaps` for some day. */
function dateSql(value: string, test: DateTest, params: Params): string {
  const present = `jsonb_typeof(${value}) IS NOT DISTINCT FROM 'object'`;
  const earliest = `((${value} ->> 'earliest') COLLATE "C")`;
  const latest = `((${value} ->> 'latest') COLLATE "C")`;
  const day = (text: string) => params.add(text, 'text');
  const parts: string[] = [];
  if (test.exists !== undefined) parts.push(test.exists ? present : `NOT ${present}`);
  const bounds: string[] = [];
  if (test.within) bounds.push(`${earliest} >= ${day(test.within.earliest)}`, `${latest} <= ${day(test.within.latest)}`);
  if (test.overlaps) bounds.push(`${earliest} <= ${day(test.overlaps.latest)}`, `${latest} >= ${day(test.overlaps.earliest)}`);
  if (test.after) bounds.push(`${earliest} > ${day(test.after.latest)}`);
  if (test.before) bounds.push(`${latest} < ${day(test.before.earliest)}`);
  if (test.onOrAfter) bounds.push(`${earliest} >= ${day(test.onOrAfter.earliest)}`);
  if (test.onOrBefore) bounds.push(`${latest} <= ${day(test.onOrBefore.latest)}`);
  if (bounds.length > 0) parts.push(`(${present} AND coalesce(${bounds.join(' AND ')}, false))`);
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}
