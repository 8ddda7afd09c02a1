import { GraphQLError } from 'graphql';

/**
 * The stable error codes of the API, in `extensions.code`. Clients branch on these, never on
 * message text.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Refusals of the HTTP request itself, before GraphQL sees it.
  BAD_REQUEST: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  BATCHING_NOT_SUPPORTED: 'BATCHING_NOT_SUPPORTED',
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  // The graph database (STORE=postgres) cannot be reached; the service recovers when it returns.
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  // Limits on the operation, checked before anything executes.
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The cost could not be estimated, so the operation is refused rather than run without a limit. */
  QUERY_COST_UNKNOWN: 'QUERY_COST_UNKNOWN',
  VARIABLES_TOO_DEEP: 'VARIABLES_TOO_DEEP',
  LIST_TOO_LONG: 'LIST_TOO_LONG',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  // Keys, roles and budgets.
  /** No key, or a key this server does not know (HTTP 401, before GraphQL). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The key's role does not have the right the operation needs. */
  FORBIDDEN: 'FORBIDDEN',
  /** The key's (or the address's) cost budget for this minute is spent (HTTP 429, with Retry-After). */
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
  // Curation.
  /** The server keeps no journal (JOURNAL_DIR is unset), so it takes no changes. */
  WRITES_DISABLED: 'WRITES_DISABLED',
  /** The journal could not make a change durable, so the change was not applied. */
  JOURNAL_UNAVAILABLE: 'JOURNAL_UNAVAILABLE',
  SOURCE_TOO_LARGE: 'SOURCE_TOO_LARGE',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  /** A subscription sent to /graphql, which answers once; the change feed is at /graphql/stream. */
  SUBSCRIPTION_NOT_SERVED_HERE: 'SUBSCRIPTION_NOT_SERVED_HERE',
  // Trusted documents.
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
  PERSISTED_DOCUMENT_REQUIRED: 'PERSISTED_DOCUMENT_REQUIRED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes of refusals for exceeding a configured limit; metrics count them by limit. */
export const LIMIT_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.VARIABLES_TOO_DEEP,
  ErrorCode.LIST_TOO_LONG,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.BATCHING_NOT_SUPPORTED,
  ErrorCode.REQUEST_TIMEOUT,
  ErrorCode.HEADERS_TOO_LARGE,
  ErrorCode.SOURCE_TOO_LARGE,
  ErrorCode.BATCH_TOO_LARGE,
]);

/** A refusal of an argument value: the message says what was wrong; `argument` says where. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/** A refusal for going over a configured limit: the code names the limit, `limit` holds its value. */
export function limitExceeded(code: ErrorCode, message: string, limit: number, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, ...extra } });
}
