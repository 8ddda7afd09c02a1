import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger.js';

/** What a GraphQL answer was, as its log line and the HTTP cache keep it. */
export interface AnswerSummary {
  operationName?: string | undefined;
  /** query, mutation or subscription. */
  operationType?: string | undefined;
  /** The answer's `extensions.cost`, as the cost limit reported it. */
  cost?: unknown;
}

/**
 * The one log line of a request, filled in as the request goes: the HTTP surface starts it, the
 * GraphQL route and Apollo's pipeline (requestLogPlugin) add what they learn, and it is written
 * when the response is done. It never holds a header value.
 */
export interface RequestLog extends AnswerSummary {
  readonly requestId: string;
  /** process.hrtime.bigint() when the request arrived. */
  readonly started: bigint;
  /** The `extensions.code` of every error in the answer, GraphQL errors and HTTP refusals alike. */
  errorCodes?: readonly string[];
  /** Whether the HTTP cache answered; absent when the request is not one it could answer. */
  cacheHit?: boolean;
  /** Whether the answer cache inside the pipeline answered (src/operations/answer-cache.ts); absent when the request is not a query it looked up. */
  answerCacheHit?: boolean;
}

/** The codes of a GraphQL response's errors; UNKNOWN for an error without one. */
export function errorCodesOf(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined): string[] {
  return errors ? errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')) : [];
}

/**
 * Fills in a request's log line from Apollo's pipeline: the operation, the codes of the answer's
 * errors and its cost. Listed after the cost limit's plugin, whose willSendResponse writes the cost.
 */
export function requestLogPlugin<TContext extends { requestLog?: RequestLog | undefined }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const log = contextValue.requestLog;
      if (!log) return;
      return {
        async willSendResponse({ response, operationName, operation }) {
          log.operationName = operationName ?? undefined;
          log.operationType = operation?.operation;
          if (response.body.kind !== 'single') return;
          const { errors, extensions } = response.body.singleResult;
          if (errors?.length) log.errorCodes = errorCodesOf(errors);
          if (extensions?.cost !== undefined) log.cost = extensions.cost;
        },
      };
    },
  };
}

export interface RequestLine {
  method: string;
  path: string;
  /** The status sent; null when the connection closed before a response was sent. */
  status: number | null;
  /** The connection closed before the whole response was written. */
  aborted: boolean;
}

/**
 * Writes a request's line: `request` at info, or `slow request` at warn when it took `slowMs` or
 * longer (0: never slow), so a server logging at warn still shows its slow requests.
 */
export function writeRequestLine(logger: Logger, log: RequestLog, line: RequestLine, slowMs: number): void {
  const durationMs = Number(process.hrtime.bigint() - log.started) / 1e6;
  const slow = slowMs > 0 && durationMs >= slowMs;
  if (!logger.isLevelEnabled(slow ? 'warn' : 'info')) return;
  const { requestId, operationName, operationType, errorCodes, cost, cacheHit, answerCacheHit } = log;
  const entry = {
    requestId,
    method: line.method,
    path: line.path,
    status: line.status,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(line.aborted ? { aborted: true } : {}),
    ...(operationName !== undefined ? { operationName: operationName.slice(0, 200) } : {}),
    ...(operationType !== undefined ? { operationType } : {}),
    ...(errorCodes !== undefined ? { errorCodes } : {}),
    ...(cost !== undefined ? { cost } : {}),
    ...(cacheHit !== undefined ? { cacheHit } : {}),
    ...(answerCacheHit !== undefined ? { answerCacheHit } : {}),
  };
  if (slow) logger.warn({ ...entry, slowRequestMs: slowMs }, 'slow request');
  else logger.info(entry, 'request');
}
