import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import type { BudgetState } from './budgets.js';
import { hasRight, rightFor, type Right } from './access.js';

/** The root fields an operation selects, through fragments. */
function rootFields(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFields(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      seen.add(selection.name.value);
      names.push(...rootFields(fragments[selection.name.value]!.selectionSet, fragments, seen));
    }
  }
  return names;
}

const RIGHT_NAMES: Record<Right, string> = { read: 'reading', curate: 'curating (the curator role)', merge: 'merging entities (the admin role)' };

/**
 * Roles and budgets on the one request path: when the operation is known (didResolveOperation),
 * every root field is checked against the role of the request's key (FORBIDDEN, 403), then the
 * operation's estimated cost is charged to the key's or address's budget for the minute
 * (BUDGET_EXCEEDED, 429 with Retry-After). A request with a key gets its budget in
 * `extensions.budget`; anonymous answers carry none, so the HTTP cache can keep them as they are.
 * Listed after the cost plugin, which sets `requestedCost` at the start of the same hook.
 */
export function accessPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let budget: BudgetState | undefined;
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation) return;
          const { principal } = contextValue;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const kind = operation.operation;
          for (const field of rootFields(operation.selectionSet, fragments)) {
            if (field === '__typename') continue;
            const right = rightFor(kind, field);
            if (!hasRight(principal.role, right)) {
              throw new GraphQLError(`${field} needs the right of ${RIGHT_NAMES[right]}; ${principal.name === null ? 'a request without a key' : `the key "${principal.name}"`} has the role ${principal.role}.`, {
                extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
              });
            }
          }
          if (principal.budgetPerMinute <= 0 || contextValue.requestedCost === undefined) return;
          const charge = contextValue.budgets.charge(principal.budgetKey, principal.budgetPerMinute, contextValue.requestedCost);
          if (principal.name !== null) budget = charge.state;
          if (!charge.allowed) {
            throw new GraphQLError(
              `The cost budget of ${charge.state.limit} a minute is spent (${charge.state.remaining} left, this operation costs ${contextValue.requestedCost}); try again in ${charge.retryAfter} s.`,
              {
                extensions: {
                  code: ErrorCode.BUDGET_EXCEEDED,
                  limit: charge.state.limit,
                  remaining: charge.state.remaining,
                  reset: charge.state.reset,
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(charge.retryAfter)]]) },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (budget === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, budget };
        },
      };
    },
  };
}
