import { fileURLToPath } from 'node:url';

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

export interface Config {
  port: number;
  host: string;
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
  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('HOST must not be empty');
  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    host,
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
    documentCacheBytes: integer('DOCUMENT_CACHE_BYTES', 32 * 1024 * 1024, 0, 16 * 1024 ** 3),
    publicUrl: publicUrl('PUBLIC_URL'),
    federation: oneOf('FEDERATION', 'off', ['on', 'off']) === 'on',
  };
  // Node refuses a request timeout shorter than the headers timeout; say so here instead.
  if (config.http.requestTimeoutMs < config.http.headersTimeoutMs) {
    problems.push(`REQUEST_TIMEOUT_MS (${config.http.requestTimeoutMs}) must not be shorter than HEADERS_TIMEOUT_MS (${config.http.headersTimeoutMs})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
