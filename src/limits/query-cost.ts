import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, TypeInfo, ValidationContext, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createComplexityRule, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../config.js';
import { ErrorCode, limitExceeded } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../lib/connection.js';
import { checkVariables } from './variables.js';

/** Fields walked before the estimate gives up: bounds the work a fragment explosion can cause. */
export const MAX_COST_NODES = 10_000;

/** Arguments whose every condition is tested against the items a list field considers. */
const CONDITION_ARGUMENTS = ['filter', 'orderBy'] as const;

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

/**
 * The cost of a field is 1 plus the cost of its selection, times the number of items it can return:
 * a paged list (any field with a `first` argument) returns up to `first` items, 20 when `first` is
 * left out; `nodes(ids)` returns one item per id; every other field counts once. `first` is read
 * after variables are applied, so `first: $n` costs what `$n` asks for. A `first` outside 0..100 is
 * refused by the field itself, so it is estimated at the nearest bound. A filter or ordering adds
 * the number of values in it, so a wide filter costs what it asks to be tested.
 */
export const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  let conditions = 0;
  for (const name of CONDITION_ARGUMENTS) if (args[name] !== undefined) conditions += inputSize(args[name]);
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return 1 + conditions + first * childComplexity;
  }
  if (Array.isArray(args.ids)) return 1 + conditions + args.ids.length * childComplexity;
  return 1 + conditions + childComplexity;
};

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
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): CostEstimate {
  try {
    const errors: GraphQLError[] = [];
    const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => errors.push(error));
    const estimator = createComplexityRule({ maximumComplexity: Infinity, estimators: [pageSizeEstimator], variables, operationName, maxQueryNodes: MAX_COST_NODES })(context);
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
 * Refuses an operation whose estimated cost is over the limit before anything executes, and reports
 * the cost of every operation in the response's `extensions.cost` so clients can see their budget.
 * It fails closed: an operation whose cost cannot be estimated is refused, never run unmetered.
 * The variables are checked for nesting and list lengths first (src/limits/variables.ts), because
 * the estimate is the first thing to read them.
 */
export function queryCostPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  const { maxCost } = limits;
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          checkVariables(request.variables, limits);
          const estimate = estimateCost(schema, document, request.variables ?? {}, request.operationName ?? operationName ?? undefined);
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
          if (requested > maxCost) {
            throw limitExceeded(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query's estimated cost of ${requested} is over the limit of ${maxCost}; ask for smaller pages (first), fewer nested lists or smaller filters.`,
              maxCost,
              { http: { status: 400 } },
            );
          }
        },
        async willSendResponse({ response }) {
          if (requested === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested, limit: maxCost } };
        },
      };
    },
  };
}
