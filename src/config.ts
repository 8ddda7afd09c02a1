import { fileURLToPath } from 'node:url';

/**
 * Heap for parsed, validated documents in Apollo's document store: about what Apollo's own default
 * ("30 MiB", counted as the documents' JSON at 17.6 bytes a character) really holds at 72.5.
 */
export const DEFAULT_DOCUMENT_CACHE_BYTES = 128 * 1024 * 1024;

/** Bytes of query answers the answer cache inside Apollo's pipeline keeps (src/operations/answer-cache.ts). */
export const DEFAULT_ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

/** The limits every GraphQL request is checked against before anything executes. */
export interface QueryLimits {
  /** Deepest nesting of fields, counting fragment spreads as a level; introspection included. */
  maxDepth: number;
  /** Most aliases in one operation, fragments included. */
  maxAliases: number;
  /** Most directives in one operation, fragments included. */
  maxDirectives: number;
  /** Most lexical tokens in one document; the parser stops at the limit. */
  maxTokens: number;
  /** Highest estimated cost of one operation (see src/limits/query-cost.ts). */
  maxCost: number;
  /** Deepest nesting of objects and lists in an operation's variables (see src/limits/variables.ts). */
  maxVariableDepth: number;
  /** Most items in one list of an operation's variables. */
  maxListLength: number;
}

export type TrustedDocumentsMode = 'allow' | 'enforce';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface HttpLimits {
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Time allowed for a client to send the request headers. */
  headersTimeoutMs: number;
  /** Time allowed for a client to send the whole request, headers and body. */
  requestTimeoutMs: number;
  /** Time an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Requests served on one keep-alive connection before it is closed (0: no limit). */
  maxRequestsPerSocket: number;
  /** Time a GraphQL request may take to execute before it is answered with REQUEST_TIMEOUT. */
  executionTimeoutMs: number;
}

/** Where the graph is served from: the memory store built from a seed folder, or a PostgreSQL database. */
export type StoreKind = 'memory' | 'postgres';

export interface DatabaseConfig {
  /** A connection string, postgres://user:password@host:port/database. */
  url: string;
  /** Most connections one process keeps open to the database. */
  poolSize: number;
  /** Longest a statement may run before the database cancels it and the query answers REQUEST_TIMEOUT. */
  statementTimeoutMs: number;
}

/** Where traces go; read from the standard OTEL_* variables (see readTracing). */
export interface TracingConfig {
  exporters: ReadonlyArray<'otlp' | 'console'>;
  /** OTLP over HTTP, as protobuf (the specification's default) or JSON. */
  protocol: 'http/protobuf' | 'http/json';
  sampler: 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';
  /** The ratio of a traceidratio sampler, 0 to 1. */
  samplerRatio: number;
}

export interface Config {
  port: number;
  host: string;
  /** `memory` (the default) serves `seedDir`; `postgres` serves the graph in `database`. */
  store: StoreKind;
  /** Set when DATABASE_URL is: the database `STORE=postgres` serves and `npm run db:load` loads. */
  database: DatabaseConfig | null;
  seedDir: string;
  /** A folder of source texts named `<source slug>.txt`; when set, start-up checks every quote against them. */
  sourceTextsDir: string | null;
  production: boolean;
  /** Whether the schema may be introspected (the IDE needs it). */
  introspection: boolean;
  /** Origins allowed to read responses from a browser; empty: no cross-origin access. */
  corsOrigins: string[];
  trustedDocuments: TrustedDocumentsMode;
  /** Path of the persisted-documents manifest: a JSON object mapping sha256 hash to document. */
  trustedDocumentsManifest: string;
  /** Most documents kept in the automatic persisted queries cache. */
  apqCacheSize: number;
  limits: QueryLimits;
  http: HttpLimits;
  /** Time in-flight requests get to finish after SIGTERM or SIGINT. */
  shutdownGraceMs: number;
  logLevel: LogLevel;
  /** Whether the browser IDE (/) and the graph picture (/explore) are served. */
  studio: boolean;
  /** Bytes of finished answers kept for repeated requests; 0 turns the response cache off. */
  responseCacheBytes: number;
  /** Bytes of query answers kept inside Apollo's pipeline, for every request, keyed or not; 0 turns the answer cache off. */
  answerCacheBytes: number;
  /** Bytes of parsed, validated documents kept in Apollo's document store; 0 parses and validates every request. */
  documentCacheBytes: number;
  /**
   * The address the service is reached at from outside, without a trailing slash: entity URIs
   * (`<publicUrl>/entities/Country:germany`) and the JSON-LD context are named under it. Null:
   * `http://localhost:<port>`.
   */
  publicUrl: string | null;
  /** Whether the schema is served as an Apollo Federation 2 subgraph (entity types with `@key`, `_entities`, `_service`). */
  federation: boolean;
  /** A request taking this long or longer is logged as a slow request, at warn; 0: never. */
  slowRequestMs: number;
  /** null: no traces (the default: no OTEL_* variable names an exporter or endpoint). */
  tracing: TracingConfig | null;
  /** Where the journal of changes is kept (JOURNAL_DIR); null: the graph takes no changes. */
  journalDir: string | null;
  /** Keys and roles: a file of key records (KEYS_FILE) and/or the records as JSON (API_KEYS); see src/auth/keys.ts. */
  keys: { file: string | null; json: string | null };
  /** Whether a request without a key is refused (READ_REQUIRES_KEY); by default it reads as a reader. */
  readRequiresKey: boolean;
  /** Cost budget per minute of a key whose record names none (KEY_BUDGET_PER_MINUTE); 0: none. */
  keyBudgetPerMinute: number;
  /** Cost budget per minute shared by requests without a key from one address (ANONYMOUS_BUDGET_PER_MINUTE); 0: none. */
  anonymousBudgetPerMinute: number;
  /** Limits on one mutation. */
  curation: { maxSourceLength: number; maxBatchSize: number };
}

const defaultSeedDir = fileURLToPath(new URL('../seed/', import.meta.url));
export const defaultManifestPath = fileURLToPath(new URL('./generated/persisted-documents.json', import.meta.url));

/** Safe defaults for the query limits; README lists them. */
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 10_000, maxVariableDepth: 64, maxListLength: 100 };

/** Safe defaults for the HTTP front; README lists them. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 1_048_576,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 0,
  executionTimeoutMs: 10_000,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SAMPLERS: ReadonlyArray<TracingConfig['sampler']> = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];

/**
 * Tracing from the standard OpenTelemetry variables, with one difference: with none set there is
 * no exporter (the specification's default would send to localhost:4318). An endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER=otlp
 * turns OTLP export on; OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turns tracing off.
 * The exporter reads its own endpoint, headers, timeout and compression variables, and the
 * resource detector OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; they are checked here.
 */
function readTracing(env: NodeJS.ProcessEnv, problems: string[]): TracingConfig | null {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
    if (!set(name)) continue;
    let url: URL | null = null;
    try {
      url = new URL(env[name]!.trim());
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol)) problems.push(`${name}=${JSON.stringify(env[name])} must be an http or https URL, such as http://collector:4318`);
  }
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const named = set('OTEL_TRACES_EXPORTER') ? env.OTEL_TRACES_EXPORTER!.split(',').map((name) => name.trim()).filter((name) => name !== '') : null;
  for (const name of named ?? []) {
    if (!['otlp', 'console', 'none'].includes(name)) problems.push(`OTEL_TRACES_EXPORTER entry ${JSON.stringify(name)} must be otlp, console or none`);
  }
  const exporters = named
    ? named.includes('none')
      ? []
      : (['otlp', 'console'] as const).filter((name) => named.includes(name))
    : set('OTEL_EXPORTER_OTLP_ENDPOINT') || set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
      ? (['otlp'] as const)
      : [];
  const protocolName = set('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = (env[protocolName] ?? '').trim() || 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    problems.push(`${protocolName}=${JSON.stringify(env[protocolName])} must be http/protobuf or http/json (gRPC is not built in; collectors take OTLP over HTTP on port 4318)`);
  }
  const sampler = (env.OTEL_TRACES_SAMPLER ?? '').trim() || 'parentbased_always_on';
  if (!(SAMPLERS as readonly string[]).includes(sampler)) problems.push(`OTEL_TRACES_SAMPLER=${JSON.stringify(env.OTEL_TRACES_SAMPLER)} must be one of ${SAMPLERS.join(', ')}`);
  const ratioText = (env.OTEL_TRACES_SAMPLER_ARG ?? '').trim();
  const samplerRatio = ratioText === '' ? 1 : Number(ratioText);
  if (!(samplerRatio >= 0 && samplerRatio <= 1)) problems.push(`OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(env.OTEL_TRACES_SAMPLER_ARG)} must be a number from 0 to 1`);
  if (exporters.length === 0) return null;
  return { exporters, protocol: protocol as TracingConfig['protocol'], sampler: sampler as TracingConfig['sampler'], samplerRatio };
}

/**
 * Reads the configuration from the environment; the only reader of process.env. Every variable is
 * checked and all problems are reported together.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}=${JSON.stringify(raw)} must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return raw as T;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    problems.push(`${name}=${JSON.stringify(raw)} must be true or false`);
    return fallback;
  };
  const origins = (name: string): string[] => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return [];
    const list = raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
    for (const origin of list) {
      let parsed: URL | null = null;
      try {
        parsed = new URL(origin);
      } catch {
        // reported below
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
        problems.push(`${name} entry ${JSON.stringify(origin)} must be an origin such as https://analysts.example.org (scheme, host and port only)`);
      }
    }
    return list;
  };

  const databaseUrl = (name: string): string | null => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return null;
    let protocol: string | null = null;
    try {
      protocol = new URL(raw).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      problems.push(`${name} must be a PostgreSQL connection string such as postgres://entente:secret@localhost:5432/entente`);
      return null;
    }
    return raw;
  };

  const publicUrl = (name: string): string | null => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return null;
    let parsed: URL | null = null;
    try {
      parsed = new URL(raw);
    } catch {
      // reported below
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
      problems.push(`${name}=${JSON.stringify(raw)} must be an http(s) address such as https://graph.example.org or https://example.org/entente, without query or fragment`);
      return null;
    }
    return parsed.href.replace(/\/+$/, '');
  };

  const nodeEnv = oneOf('NODE_ENV', 'development', ['development', 'production', 'test']);
  const store = oneOf<StoreKind>('STORE', 'memory', ['memory', 'postgres']);
  const url = databaseUrl('DATABASE_URL');
  const poolSize = integer('DATABASE_POOL_SIZE', 10, 1, 1000);
  const statementTimeoutMs = integer('DATABASE_STATEMENT_TIMEOUT_MS', 5000, 10, 600_000);
  if (store === 'postgres' && url === null && !problems.some((p) => p.startsWith('DATABASE_URL'))) {
    problems.push('STORE=postgres needs DATABASE_URL, the connection string of the database to serve');
  }
  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('HOST must not be empty');
  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    host,
    store,
    database: url === null ? null : { url, poolSize, statementTimeoutMs },
    seedDir: env.SEED_DIR || defaultSeedDir,
    sourceTextsDir: env.SOURCE_TEXTS_DIR || null,
    production: nodeEnv === 'production',
    introspection: boolean('INTROSPECTION', true),
    corsOrigins: origins('CORS_ORIGINS'),
    trustedDocuments: oneOf('TRUSTED_DOCUMENTS', 'allow', ['allow', 'enforce']),
    trustedDocumentsManifest: env.TRUSTED_DOCUMENTS_MANIFEST || defaultManifestPath,
    apqCacheSize: integer('APQ_CACHE_SIZE', 1000, 0, 1_000_000),
    limits: {
      maxDepth: integer('MAX_DEPTH', DEFAULT_LIMITS.maxDepth, 1, 1000),
      maxAliases: integer('MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 0, 10_000),
      maxDirectives: integer('MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0, 10_000),
      maxTokens: integer('MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 100, 1_000_000),
      maxCost: integer('MAX_COST', DEFAULT_LIMITS.maxCost, 1, 100_000_000),
      maxVariableDepth: integer('MAX_VARIABLE_DEPTH', DEFAULT_LIMITS.maxVariableDepth, 1, 1000),
      maxListLength: integer('MAX_LIST_LENGTH', DEFAULT_LIMITS.maxListLength, 1, 100_000),
    },
    http: {
      maxBodyBytes: integer('MAX_BODY_BYTES', DEFAULT_HTTP_LIMITS.maxBodyBytes, 1024, 104_857_600),
      headersTimeoutMs: integer('HEADERS_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.headersTimeoutMs, 100, 600_000),
      requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.requestTimeoutMs, 100, 3_600_000),
      keepAliveTimeoutMs: integer('KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs, 0, 600_000),
      maxRequestsPerSocket: integer('MAX_REQUESTS_PER_SOCKET', DEFAULT_HTTP_LIMITS.maxRequestsPerSocket, 0, 1_000_000),
      executionTimeoutMs: integer('EXECUTION_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.executionTimeoutMs, 10, 600_000),
    },
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    logLevel: oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    studio: oneOf('STUDIO', 'on', ['on', 'off']) === 'on',
    responseCacheBytes: integer('RESPONSE_CACHE_BYTES', 64 * 1024 * 1024, 0, 16 * 1024 ** 3),
    documentCacheBytes: integer('DOCUMENT_CACHE_BYTES', DEFAULT_DOCUMENT_CACHE_BYTES, 0, 16 * 1024 ** 3),
    answerCacheBytes: integer('ANSWER_CACHE_BYTES', DEFAULT_ANSWER_CACHE_BYTES, 0, 16 * 1024 ** 3),
    publicUrl: publicUrl('PUBLIC_URL'),
    federation: oneOf('FEDERATION', 'off', ['on', 'off']) === 'on',
    slowRequestMs: integer('SLOW_REQUEST_MS', 1000, 0, 3_600_000),
    tracing: readTracing(env, problems),
    journalDir: env.JOURNAL_DIR || null,
    keys: { file: env.KEYS_FILE || null, json: env.API_KEYS || null },
    readRequiresKey: boolean('READ_REQUIRES_KEY', false),
    keyBudgetPerMinute: integer('KEY_BUDGET_PER_MINUTE', 1_000_000, 0, 1_000_000_000_000),
    anonymousBudgetPerMinute: integer('ANONYMOUS_BUDGET_PER_MINUTE', 1_000_000, 0, 1_000_000_000_000),
    curation: {
      maxSourceLength: integer('MAX_SOURCE_LENGTH', 500_000, 1, 100_000_000),
      maxBatchSize: integer('MAX_BATCH_SIZE', 50, 1, 10_000),
    },
  };
  // Node refuses a request timeout shorter than the headers timeout; say so here instead.
  if (config.http.requestTimeoutMs < config.http.headersTimeoutMs) {
    problems.push(`REQUEST_TIMEOUT_MS (${config.http.requestTimeoutMs}) must not be shorter than HEADERS_TIMEOUT_MS (${config.http.headersTimeoutMs})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
