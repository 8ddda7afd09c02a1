import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, TypeInfo, ValidationContext, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { createComplexityRule, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode, limitExceeded } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../lib/connection.js';

/** Fields walked before the estimate gives up: bounds the work a fragment explosion can cause. */
export const MAX_COST_NODES = 10_000;

/**
 * The cost of a field is 1 plus the cost of its selection, times the number of items it can return:
 * a paged list (any field with a `first` argument) returns up to `first` items, 20 when `first` is
 * left out; `nodes(ids)` returns one item per id; every other field counts once. `first` is read
 * after variables are applied, so `first: $n` costs what `$n` asks for. A `first` outside 0..100 is
 * refused by the field itself, so it is estimated at the nearest bound.
 */
export const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return 1 + first * childComplexity;
  }
  if (Array.isArray(args.ids)) return 1 + args.ids.length * childComplexity;
  return 1 + childComplexity;
};

export type CostEstimate = { cost: number } | { tooLarge: true } | { unknown: true };

/**
 * Estimates the cost of the operation before it runs. `unknown` when the variables cannot be
 * applied: execution then refuses them before any field runs, so nothing is spent.
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
    return { unknown: true };
  }
}

/**
 * Refuses an operation whose estimated cost is over the limit before anything executes, and reports
 * the cost of every operation in the response's `extensions.cost` so clients can see their budget.
 */
export function queryCostPlugin<TContext extends object>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const estimate = estimateCost(schema, document, request.variables ?? {}, request.operationName ?? operationName ?? undefined);
          if ('unknown' in estimate) return;
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
              `The query's estimated cost of ${requested} is over the limit of ${maxCost}; ask for smaller pages (first) or fewer nested lists.`,
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
