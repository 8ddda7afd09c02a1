import { buildSchema, coerceInputValue, GraphQLError, isInputType, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../errors.js';
import { HttpRefusal } from '../http/refusal.js';
import { parseGlobalId } from '../lib/global-id.js';
import { readCheckedFilter, type Filter } from '../modules/filtering/filter.js';
import { MAX_DEPTH, MAX_NEIGHBORHOOD_NODES } from '../modules/traversal/neighborhood.js';
import { readTypeDefs } from '../schema.js';
import { ENTITY_TYPES, RELATIONSHIP_TYPES, type EntityTypeName, type RelationshipType } from '../store/models.js';
import type { EntityCondition } from '../store/query.js';

/** What an export holds: a root list's entities (of a type, meeting a filter), or a neighbourhood. */
export type ExportSelection =
  | { kind: 'list'; type: EntityTypeName | null; condition: EntityCondition | null }
  | { kind: 'neighborhood'; id: string; depth: number; types: RelationshipType[] | null; maxNodes: number };

export const CSV_TABLES = ['entities', 'relationships', 'evidence'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const EXPORT_PARAMETERS = ['format', 'type', 'filter', 'neighborhood', 'depth', 'types', 'maxNodes', 'table'] as const;

let schema: GraphQLSchema | undefined;
/** The served schema, for its filter input types: a filter in a URL is checked exactly as in a query. */
function filterSchema(): GraphQLSchema {
  schema ??= buildSchema(readTypeDefs().join('\n'));
  return schema;
}

function badParameter(parameter: string, message: string): HttpRefusal {
  return new HttpRefusal(400, ErrorCode.BAD_REQUEST, message, {}, { parameter });
}

function readInteger(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw badParameter(name, `"${name}" must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw.slice(0, 40))}.`);
  return value;
}

/** `type=COUNTRY`: the EntityType enum value, as in GraphQL. */
function readType(raw: string | null): EntityTypeName | null {
  if (raw === null) return null;
  const type = ENTITY_TYPES.find((name) => name.toUpperCase() === raw);
  if (!type) throw badParameter('type', `"type" must be one of ${ENTITY_TYPES.map((name) => name.toUpperCase()).join(', ')}; got ${JSON.stringify(raw.slice(0, 40))}.`);
  return type;
}

/** `filter={"code":{"equals":"DE"}}`: JSON, checked against the type's filter input (`CountryFilter`, or `EntityFilter`). */
function readFilterParameter(raw: string, type: EntityTypeName | null): EntityCondition {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badParameter('filter', '"filter" must be a JSON object, such as {"name":{"contains":"canada"}}.');
  }
  const inputName = `${type ?? 'Entity'}Filter`;
  const inputType = filterSchema().getType(inputName);
  if (!inputType || !isInputType(inputType)) throw new Error(`The schema has no input type ${inputName}`);
  let problem: HttpRefusal | undefined;
  const coerced = coerceInputValue(value, inputType, (path, _invalid, error) => {
    problem ??= badParameter('filter', `${['filter', ...path].join('.')} is not a valid ${inputName}: ${error.message}`);
  });
  if (problem) throw problem;
  try {
    return readCheckedFilter(type ?? 'Entity', coerced as Filter);
  } catch (error) {
    if (error instanceof GraphQLError) throw badParameter('filter', error.message);
    throw error;
  }
}

function readRelationshipTypes(raw: string | null): RelationshipType[] | null {
  if (raw === null) return null;
  return raw.split(',').map((name) => {
    const type = RELATIONSHIP_TYPES.find((known) => known === name.trim());
    if (!type) throw badParameter('types', `"types" must be relationship types separated by commas, from ${RELATIONSHIP_TYPES.join(', ')}; got ${JSON.stringify(name.slice(0, 40))}.`);
    return type;
  });
}

/**
 * Reads what to export from the query string: `type` and `filter` as a root list takes them, or
 * `neighborhood` (an entity id) with `depth`, `types` and `maxNodes` as the neighborhood query takes
 * them. Anything else, or a mix of the two, is refused naming the parameter.
 */
export function readExportSelection(params: URLSearchParams): ExportSelection {
  for (const name of new Set(params.keys())) {
    if (!(EXPORT_PARAMETERS as readonly string[]).includes(name)) {
      throw badParameter(name, `Unknown parameter "${name.slice(0, 40)}"; an export takes ${EXPORT_PARAMETERS.join(', ')}.`);
    }
    if (params.getAll(name).length > 1) throw badParameter(name, `"${name}" is given more than once.`);
  }
  const center = params.get('neighborhood');
  if (center === null) {
    for (const name of ['depth', 'types', 'maxNodes']) {
      if (params.has(name)) throw badParameter(name, `"${name}" applies only to a neighbourhood export: give "neighborhood" with an entity id.`);
    }
    const type = readType(params.get('type'));
    const filter = params.get('filter');
    return { kind: 'list', type, condition: filter === null ? null : readFilterParameter(filter, type) };
  }
  for (const name of ['type', 'filter']) {
    if (params.has(name)) throw badParameter(name, `"${name}" cannot be combined with "neighborhood": export a list or a neighbourhood.`);
  }
  const parsed = parseGlobalId(center);
  if (!parsed || parsed.kind !== 'entity') {
    throw badParameter('neighborhood', `"neighborhood" must be an entity id such as Country:germany; got ${JSON.stringify(center.slice(0, 60))}.`);
  }
  return {
    kind: 'neighborhood',
    id: center,
    depth: readInteger(params, 'depth', 1, 1, MAX_DEPTH),
    types: readRelationshipTypes(params.get('types')),
    maxNodes: readInteger(params, 'maxNodes', 200, 1, MAX_NEIGHBORHOOD_NODES),
  };
}

/** `table=relationships`: which table a CSV export holds; entities when omitted. */
export function readCsvTable(params: URLSearchParams): CsvTable {
  const raw = params.get('table') ?? 'entities';
  const table = CSV_TABLES.find((name) => name === raw);
  if (!table) throw badParameter('table', `"table" must be one of ${CSV_TABLES.join(', ')}; got ${JSON.stringify(raw.slice(0, 40))}.`);
  return table;
}
