import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, GraphQLError, Kind, TypeInfo, ValidationContext, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { createComplexityRule, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { QueryLimits } from '../config.js';
import type { Context } from '../context.js';
import { ErrorCode, limitExceeded } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../lib/connection.js';
import { MAX_UNPAGED_GROUPS } from '../modules/aggregate/group-counts.js';
import { MAX_UNPAGED_FACTS } from '../modules/evidence/evidence-in.js';
import { countNameCandidates } from '../modules/mentions/mentions.js';
import type { GraphStatistics } from '../store/graph-store.js';
import type { EntityTypeName, RelationshipType } from '../store/models.js';
import { ENTITY_TYPES } from '../store/models.js';
import { evidenceUnits, filterUnits, groupUnits, orderUnits, scanUnits, searchUnits } from './scan-cost.js';
import { operationKey } from '../operations/operation-key.js';
import { checkVariables } from './variables.js';

/** Fields walked before the estimate gives up: bounds the work a fragment explosion can cause. */
export const MAX_COST_NODES = 10_000;

/** Arguments whose every condition is tested against the items a list field considers. */
const CONDITION_ARGUMENTS = ['filter', 'orderBy', 'evidence'] as const;

/**
 * The number of values in an argument's input: each object, list item and leaf counts once, so a
 * filter of a thousand alternatives costs a thousand. A loop, not a recursion: the value is a
 * client's.
 */
export function inputSize(value: unknown): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || next === null) continue;
    size += 1;
    if (typeof next === 'object') for (const item of Array.isArray(next) ? next : Object.values(next)) pending.push(item);
  }
  return size;
}

/** The unpaged lists, each answering at most this many items (more is refused). */
const UNPAGED_ITEMS: Readonly<Record<string, number>> = { evidenceIn: MAX_UNPAGED_FACTS, groupCounts: MAX_UNPAGED_GROUPS };
const DEFAULT_NEIGHBORHOOD_NODES = 200;

/** The entity type a list field's items have (null for a list of every type), or undefined when it lists no entities. */
function listedType(field: GraphQLField<unknown, unknown>): EntityTypeName | null | undefined {
  const name = getNamedType(field.type).name;
  if (!name.endsWith('Connection')) return undefined;
  const base = name.slice(0, -'Connection'.length);
  if (base === 'Entity') return null;
  return (ENTITY_TYPES as readonly string[]).includes(base) ? (base as EntityTypeName) : undefined;
}

function typeOfCode(code: unknown): EntityTypeName | undefined {
  return ENTITY_TYPES.find((type) => type.toUpperCase() === code);
}

/**
 * What a field touches in the store besides the items it returns, in units of SCAN_UNIT items,
 * from the graph's statistics: a filter by the entities and relationships its conditions may
 * scan, an ordering by the entities it reads, a search by every document that may match, a
 * grouping by the entities and relationships it counts, a span of evidence by the facts it may read,
 * the mentions in a text by the names it looks up.
 */
function scanCost(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, statistics: GraphStatistics): number {
  const listed = listedType(field);
  let units = 0;
  if (listed !== undefined) {
    if (args.filter != null) units += filterUnits(listed, args.filter, statistics);
    if (Array.isArray(args.orderBy)) units += orderUnits(listed, args.orderBy.length, statistics);
  }
  switch (field.name) {
    case 'search':
      return units + searchUnits(statistics);
    case 'groups':
    case 'groupCounts': {
      const type = typeOfCode(args.entityType);
      const by = args.by as { relationship?: RelationshipType | null } | undefined;
      return units + (type ? groupUnits(type, by?.relationship ?? null, statistics) : 1);
    }
    case 'factsIn':
    case 'evidenceIn':
      return units + evidenceUnits(statistics);
    case 'mentionsIn':
      // Every run of up to MAX_NAME_WORDS words is one name looked up.
      return units + scanUnits(typeof args.text === 'string' ? countNameCandidates(args.text) : 0);
    case 'timeline':
      return units + scanUnits(Object.values(statistics.entities).reduce((sum, count) => sum + count, 0));
    default:
      return units;
  }
}

/**
 * The cost estimator. A field costs 1 plus the cost of its selection, times the number of items it
 * can return: a paged list (any field with a `first` argument) returns up to `first` items, 20 when
 * `first` is left out; `nodes(ids)` one item per id; `neighborhood` up to `maxNodes`; the unpaged
 * `evidenceIn` and `groupCounts` up to the most they answer; every other field counts once.
 * `first` is read after variables are applied, so `first: $n` costs what `$n` asks for; a `first`
 * outside 0..100 is refused by the field itself, so it is estimated at the nearest bound.
 *
 * A filter or ordering adds the number of values in it, so a wide filter costs what it asks to be
 * tested; and, given the graph's statistics, every field adds what it may scan (see scanCost), so
 * the same filter costs more on a bigger graph. Without statistics the estimate is
 * graphql-query-complexity's with the page sizes alone, which tests compare it with.
 */
export function costEstimator(statistics: GraphStatistics | null): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    let extra = 0;
    for (const name of CONDITION_ARGUMENTS) if (args[name] !== undefined) extra += inputSize(args[name]);
    if (statistics) extra += scanCost(field, args, statistics);
    let items = 1;
    if (field.args.some((arg) => arg.name === 'first')) items = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    else if (Array.isArray(args.ids)) items = args.ids.length;
    else if (field.name === 'neighborhood') items = typeof args.maxNodes === 'number' ? Math.max(args.maxNodes, 0) : DEFAULT_NEIGHBORHOOD_NODES;
    else if (UNPAGED_ITEMS[field.name] !== undefined) items = UNPAGED_ITEMS[field.name]!;
    return 1 + extra + items * childComplexity;
  };
}

/** The estimator without statistics: page sizes and the size of filters alone. */
export const pageSizeEstimator: ComplexityEstimator = costEstimator(null);

/**
 * What estimating an operation's cost found: the cost; that it is past what the estimate walks;
 * a value the client sent that cannot be applied (a variable of the wrong type, or null given to a
 * non-null argument through a variable's default), which execution would refuse too; or a failure
 * of the estimate itself.
 */
export type CostEstimate = { cost: number } | { tooLarge: true } | { badInput: GraphQLError } | { unknown: unknown };

/**
 * graphql-js's messages for values that cannot be applied: variables that do not coerce, and
 * arguments (of fields and of @skip/@include) given null or a bad value through a variable.
 */
const INPUT_MESSAGE = /^(Variable "\$|Argument ")/;

/**
 * Estimates the cost of the operation before it runs.
 *
 * The figure is graphql-query-complexity's `getComplexity`, computed the way that function does
 * but without its walk: `getComplexity` visits every node of the document, with type information,
 * only to reach the estimator's two handlers for operation definitions, which then compute the
 * whole cost from the schema on their own. Here the handlers are called for each operation
 * directly, in document order, and the last error is thrown as there. tests/limits.test.ts checks
 * the two agree on generated documents.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  statistics: GraphStatistics | null = null,
): CostEstimate {
  try {
    const errors: GraphQLError[] = [];
    const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => errors.push(error));
    const estimators = [statistics ? costEstimator(statistics) : pageSizeEstimator];
    const estimator = createComplexityRule({ maximumComplexity: Infinity, estimators, variables, operationName, maxQueryNodes: MAX_COST_NODES })(context);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      estimator.onOperationDefinitionEnter(definition);
      estimator.onOperationDefinitionLeave(definition);
    }
    const last = errors.pop();
    if (last) throw last;
    return { cost: estimator.complexity };
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) return { tooLarge: true };
    if (error instanceof GraphQLError && INPUT_MESSAGE.test(error.message)) return { badInput: error };
    return { unknown: error };
  }
}

/**
 * Bytes of keys the estimates are kept under: an estimate is a number, its key the operation's
 * (src/operations/operation-key.ts), about 150 characters plus the variables.
 */
const ESTIMATE_CACHE_BYTES = 8 * 1024 * 1024;
const ESTIMATE_ENTRY_OVERHEAD = 96;

/**
 * Refuses an operation whose estimated cost is over the limit before anything executes, and reports
 * the cost of every operation in the response's `extensions.cost` so clients can see their budget.
 * It fails closed: an operation whose cost cannot be estimated is refused, never run unmetered.
 * The variables are checked for nesting and list lengths first (src/limits/variables.ts), because
 * the estimate is the first thing to read them.
 *
 * An estimate depends on the document, the operation, the variables and the graph's statistics,
 * which the graph version pins: it is kept under the operation's key (graph version, document
 * hash, operation name, canonical variables), so a repeated operation is not estimated again.
 * Only figures are kept: an operation whose cost could not be estimated is tried anew each time.
 */
export function queryCostPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  const { maxCost } = limits;
  const estimates = new LRUCache<string, number>({ maxSize: ESTIMATE_CACHE_BYTES, sizeCalculation: (_cost, key) => key.length * 2 + ESTIMATE_ENTRY_OVERHEAD });
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation(requestContext) {
          const { schema, document, request, operationName, contextValue } = requestContext;
          checkVariables(request.variables, limits);
          const key = operationKey(requestContext);
          const known = estimates.get(key);
          const estimate = known !== undefined ? { cost: known } : estimateCost(schema, document, request.variables ?? {}, request.operationName ?? operationName ?? undefined, contextValue.store.statistics());
          if ('badInput' in estimate) {
            const { message, nodes } = estimate.badInput;
            throw new GraphQLError(message, { nodes, extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
          }
          if ('unknown' in estimate) {
            throw new GraphQLError(`The query's cost could not be estimated, so it is not run; simplify the query.`, {
              originalError: estimate.unknown instanceof Error ? estimate.unknown : undefined,
              extensions: { code: ErrorCode.QUERY_COST_UNKNOWN, http: { status: 400 } },
            });
          }
          if ('tooLarge' in estimate) {
            throw limitExceeded(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query expands to more than ${MAX_COST_NODES} fields, so its cost is over the limit of ${maxCost}; ask for less.`,
              maxCost,
              { http: { status: 400 } },
            );
          }
          requested = estimate.cost;
          if (known === undefined) estimates.set(key, requested);
          if (requested > maxCost) {
            throw limitExceeded(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query's estimated cost of ${requested} is over the limit of ${maxCost}; ask for smaller pages (first), fewer nested lists or smaller filters.`,
              maxCost,
              { http: { status: 400 } },
            );
          }
          // Read by the access plugin in the same hook, to charge the budget: only an operation that may run.
          contextValue.requestedCost = requested;
        },
        async willSendResponse({ response, contextValue }) {
          if (requested === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // What was estimated, the limit, and the items the store touched to answer.
          result.extensions = { ...result.extensions, cost: { requested, limit: maxCost, touched: contextValue.work.items } };
        },
      };
    },
  };
}
