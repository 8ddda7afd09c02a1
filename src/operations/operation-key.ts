import type { GraphQLRequestContext } from '@apollo/server';
import stableStringify from 'safe-stable-stringify';
import type { Context } from '../context.js';

/**
 * What decides an operation's answer, apart from who asks: the version of the graph the request
 * reads (a write moves it on, so anything kept under an older key is never found again), the
 * document (Apollo's SHA-256 of its text), the operation's name and the variables, with their keys
 * in a canonical order (safe-stable-stringify), so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one key.
 *
 * Computed once per request, when first asked (by the cost limit's plugin, after it has checked the
 * variables' nesting and list lengths, so the variables are bounded when they are written out).
 */
export function operationKey(requestContext: Pick<GraphQLRequestContext<Context>, 'contextValue' | 'queryHash' | 'request'>): string {
  const { contextValue, queryHash, request } = requestContext;
  contextValue.operationKey ??= `${contextValue.store.version}\n${queryHash ?? ''}\n${JSON.stringify(request.operationName ?? null)}\n${stableStringify(request.variables ?? {})}`;
  return contextValue.operationKey;
}
