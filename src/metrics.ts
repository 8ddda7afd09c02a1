import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LIMIT_CODES } from './errors.js';
import { errorCodesOf } from './http/request-log.js';

export interface Metrics {
  registry: Registry;
  /** By route, method and status. */
  httpRequests: Tally;
  /** By operation and outcome. */
  operations: Tally;
  operationDuration: Histogram<'operation'>;
  /** Errors in GraphQL answers (Apollo's pipeline), by code. */
  errors: Counter<'code'>;
  /** Refusals by the HTTP surface before or instead of GraphQL (404, 405, 415, 413, bad JSON...), by code. */
  httpErrors: Counter<'code'>;
  refusals: Counter<'limit'>;
  /** Requests whose document is not in the trusted-documents manifest (allow mode). */
  unknownDocuments: Counter;
  /** HTTP cache lookups (src/http/http-cache.ts), by result (hit or miss). */
  responseCache: Tally;
  /** Answer cache lookups inside Apollo's pipeline (src/operations/answer-cache.ts), by result (hit or miss). */
  answerCache: Tally;
  /** Documents of GraphQL requests, by where they came from: the document cache, parsed now, or parsed and refused. */
  documents: Tally;
  /** Counts an error in a GraphQL answer by its code, and as a limit refusal when the code names a limit. */
  countGraphQLError: (code: string) => void;
  /** Counts a refusal of the HTTP surface by its code, and as a limit refusal when the code names a limit. */
  countHttpError: (code: string) => void;
  /** Operation names already used as labels. */
  operationLabels: Set<string>;
}

interface CounterConfiguration {
  name: string;
  help: string;
  labelNames: readonly string[];
  registers: Registry[];
}

type Counts = Map<string, Counts | number>;

/**
 * A counter for the request path. prom-client turns the labels of every `inc` into a hashed
 * string; a request with a new document made five such calls, about 3 % of its CPU. A Tally counts
 * in nested maps by label value (values from small or bounded sets, given in the order of
 * `labelNames`) and hands its totals to a prom-client Counter whenever the registry is read, so
 * /metrics shows the same series as before.
 */
export class Tally {
  private readonly counts: Counts = new Map();

  constructor(private readonly configuration: CounterConfiguration) {
    const depth = configuration.labelNames.length;
    if (depth < 1 || depth > 3) throw new Error(`A Tally counts by one to three labels, not ${depth}: ${configuration.name}`);
    const tally = this;
    new Counter({
      ...configuration,
      collect() {
        this.reset();
        tally.each((labels, count) => this.inc(labels, count));
      },
    });
  }

  /** Counts one for these label values. */
  inc(first: string, second?: string, third?: string): void {
    const depth = this.configuration.labelNames.length;
    let level = this.counts;
    for (let i = 0; i < depth - 1; i++) {
      const value = (i === 0 ? first : second)!;
      let next = level.get(value) as Counts | undefined;
      if (next === undefined) level.set(value, (next = new Map()));
      level = next;
    }
    const last = (depth === 1 ? first : depth === 2 ? second : third)!;
    level.set(last, ((level.get(last) as number | undefined) ?? 0) + 1);
  }

  /** Every series counted so far, with its labels. */
  each(visit: (labels: Record<string, string>, count: number) => void): void {
    const names = this.configuration.labelNames;
    const walk = (level: Counts, labels: Record<string, string>, depth: number): void => {
      for (const [value, inner] of level) {
        const next = { ...labels, [names[depth]!]: value };
        if (typeof inner === 'number') visit(next, inner);
        else walk(inner, next, depth + 1);
      }
    };
    walk(this.counts, {}, 0);
  }
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
  const errors = new Counter({ name: 'entente_graphql_errors_total', help: 'Errors in GraphQL answers, by extensions.code.', labelNames: ['code'] as const, registers: [registry] });
  const httpErrors = new Counter({
    name: 'entente_http_errors_total',
    help: 'Requests the HTTP surface refused before or instead of running GraphQL (unknown path, method, media type, body), by code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const refusals = new Counter({ name: 'entente_limit_refusals_total', help: 'Requests refused for going over a limit, by limit.', labelNames: ['limit'] as const, registers: [registry] });
  const countLimit = (code: string) => {
    if (LIMIT_CODES.has(code)) refusals.inc({ limit: code });
  };
  return {
    registry,
    responseCache: new Tally({ name: 'entente_response_cache_total', help: 'HTTP cache lookups (credential-free repeats answered before the pipeline), by result.', labelNames: ['result'], registers: [registry] }),
    answerCache: new Tally({ name: 'entente_answer_cache_total', help: "Answer cache lookups of queries inside Apollo's pipeline (execution skipped on a hit), by result.", labelNames: ['result'], registers: [registry] }),
    documents: new Tally({
      name: 'entente_documents_total',
      help: 'Documents of GraphQL requests the HTTP cache did not answer, by result: cached (found parsed and validated), parsed (parsed and validated now) or invalid (a syntax or validation error).',
      labelNames: ['result'],
      registers: [registry],
    }),
    httpRequests: new Tally({ name: 'entente_http_requests_total', help: 'HTTP requests answered, by route, method and status.', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    operations: new Tally({
      name: 'entente_graphql_operations_total',
      help: 'GraphQL operations answered, by Apollo or by the HTTP cache, by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    operationDuration: new Histogram({
      name: 'entente_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response, HTTP cache answers included, by operation name.',
      labelNames: ['operation'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors,
    httpErrors,
    refusals,
    unknownDocuments: new Counter({
      name: 'entente_unknown_documents_total',
      help: 'GraphQL requests whose document is not in the trusted-documents manifest: what TRUSTED_DOCUMENTS=enforce would refuse.',
      registers: [registry],
    }),
    countGraphQLError: (code) => {
      errors.inc({ code });
      countLimit(code);
    },
    countHttpError: (code) => {
      httpErrors.inc({ code });
      countLimit(code);
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

/** Counts one answered operation: its latency from `started`, its outcome, and the code of each error in its response. */
export function recordOperation(metrics: Metrics, name: string | null | undefined, started: bigint, errorCodes: readonly string[], failed: boolean): void {
  const operation = operationLabel(name, metrics.operationLabels);
  metrics.operationDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
  metrics.operations.inc(operation, failed ? 'error' : 'ok');
  for (const code of errorCodes) metrics.countGraphQLError(code);
}

/**
 * Counts every GraphQL operation Apollo answers, its latency and the codes of its errors, and
 * where its document came from: Apollo calls parsingDidStart only when its document store lacks
 * the document.
 */
export function metricsPlugin<TContext extends object>(metrics: Metrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let parsed = false;
      let valid = false;
      return {
        async parsingDidStart() {
          parsed = true;
        },
        async didResolveOperation() {
          valid = true;
        },
        async willSendResponse({ response, operationName, errors, document }) {
          if (document !== undefined || parsed) metrics.documents.inc(!parsed ? 'cached' : valid ? 'parsed' : 'invalid');
          const formatted = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const codes = errorCodesOf(formatted);
          recordOperation(metrics, operationName, started, codes, codes.length > 0 || (errors?.length ?? 0) > 0);
        },
      };
    },
  };
}
