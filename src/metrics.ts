import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LIMIT_CODES } from './errors.js';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  operations: Counter<'operation' | 'outcome'>;
  operationDuration: Histogram<'operation'>;
  errors: Counter<'code'>;
  refusals: Counter<'limit'>;
  /** Response cache lookups, by result (hit or miss). */
  responseCache: Counter<'result'>;
  /** Documents met by the document store, by what it did (known, admitted, refused). */
  documents: Counter<'result'>;
  /** Counts a refusal or error by its code, and as a limit refusal when the code names a limit. */
  countError: (code: string) => void;
  /** Operation names already used as labels. */
  operationLabels: Set<string>;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_LABELS = 200;

/**
 * Prometheus metrics in a registry of their own (so tests can build several servers). Operation
 * names come from clients, so only plain names are used as labels, and only the first 200 distinct
 * ones; the rest count as `other`.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const errors = new Counter({ name: 'entente_graphql_errors_total', help: 'Errors in responses, by extensions.code.', labelNames: ['code'] as const, registers: [registry] });
  const refusals = new Counter({ name: 'entente_limit_refusals_total', help: 'Requests refused for going over a limit, by limit.', labelNames: ['limit'] as const, registers: [registry] });
  return {
    registry,
    responseCache: new Counter({ name: 'entente_response_cache_total', help: 'Response cache lookups, by result.', labelNames: ['result'] as const, registers: [registry] }),
    documents: new Counter({
      name: 'entente_documents_total',
      help: 'Documents of requests the response cache did not answer, by what the document store did: known, admitted (parsed and validated now), refused (left to Apollo) or off.',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    httpRequests: new Counter({ name: 'entente_http_requests_total', help: 'HTTP requests answered, by route, method and status.', labelNames: ['route', 'method', 'status'] as const, registers: [registry] }),
    operations: new Counter({ name: 'entente_graphql_operations_total', help: 'GraphQL operations answered, by operation name and outcome.', labelNames: ['operation', 'outcome'] as const, registers: [registry] }),
    operationDuration: new Histogram({
      name: 'entente_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response, by operation name.',
      labelNames: ['operation'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors,
    refusals,
    countError: (code) => {
      errors.inc({ code });
      if (LIMIT_CODES.has(code)) refusals.inc({ limit: code });
    },
    operationLabels: new Set(),
  };
}

/** The label for a client-supplied operation name, bounded in length and in distinct values. */
export function operationLabel(name: string | null | undefined, seen: Set<string>): string {
  if (!name) return 'anonymous';
  if (!OPERATION_NAME.test(name)) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_LABELS) return 'other';
  seen.add(name);
  return name;
}

/**
 * Counts one answered operation: its latency from `started`, its outcome, and the code of each
 * error in its response. Apollo's answers are counted by metricsPlugin, the direct path's by the
 * direct executor, both here.
 */
export function recordOperation(metrics: Metrics, name: string | null | undefined, started: bigint, errorCodes: readonly string[], failed: boolean): void {
  const operation = operationLabel(name, metrics.operationLabels);
  metrics.operationDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
  metrics.operations.inc({ operation, outcome: failed ? 'error' : 'ok' });
  for (const code of errorCodes) metrics.countError(code);
}

/** Counts every GraphQL operation Apollo answers, its latency and the codes of its errors. */
export function metricsPlugin<TContext extends object>(metrics: Metrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const formatted = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = formatted.map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
          recordOperation(metrics, operationName, started, codes, formatted.length > 0 || (errors?.length ?? 0) > 0);
        },
      };
    },
  };
}
