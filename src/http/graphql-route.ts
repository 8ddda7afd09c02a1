import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { principalOf, type Access } from '../auth/access.js';
import type { HttpLimits } from '../config.js';
import type { Curator } from '../curation/curator.js';
import { createContext, type Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { bracketNesting } from '../limits/nesting.js';
import { recordOperation, type Metrics } from '../metrics.js';
import { resolveTrustedDocument, type DocumentParams, type TrustedDocuments } from '../operations/trusted-documents.js';
import type { GraphStore } from '../store/graph-store.js';
import { assertJsonContentType, parseJsonBody, readBody } from './body.js';
import { isCrossSiteBrowserRequest } from './cors.js';
import { CachedResponse, type HttpCache } from './http-cache.js';
import { HttpRefusal } from './refusal.js';
import type { RequestLog } from './request-log.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<Context>;
  /** Deepest bracket nesting accepted in a document, checked before parsing. */
  maxNesting: number;
  store: GraphStore;
  limits: HttpLimits;
  corsOrigins: readonly string[];
  trustedDocuments: TrustedDocuments;
  /** Finished answers to credential-free requests; absent when the cache is off. */
  httpCache?: HttpCache;
  /** Keys, roles and budgets. */
  access: Access;
  /** Where mutations go; absent when the server takes no changes. */
  curator?: Curator;
  metrics?: Metrics;
}

/**
 * Errors of a well-formed request that GraphQL raised before execution (parse, validation, variable
 * values, a limit). Under application/json the spec asks for 200 with these; under
 * application/graphql-response+json, 400.
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.QUERY_COST_UNKNOWN,
  ErrorCode.VARIABLES_TOO_DEEP,
  ErrorCode.LIST_TOO_LONG,
  ErrorCode.INTROSPECTION_DISABLED,
]);

/**
 * Apollo answers GraphQL request errors with 400 whatever the media type; GraphQL over HTTP says a
 * response in application/json to a well-formed request SHOULD be 200 (legacy clients read the
 * errors only from a 200). Only a 400 in application/json without `data` whose errors all come from
 * parsing, validation, variables or a limit is changed.
 */
export function statusForMediaType(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return status;
  }
  if (typeof parsed !== 'object' || parsed === null || 'data' in parsed) return status;
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return status;
  const allRequestErrors = errors.every((error: { extensions?: { code?: unknown } }) => REQUEST_ERROR_CODES.has(String(error?.extensions?.code)));
  return allRequestErrors ? 200 : status;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Applies trusted documents to GET parameters, which carry extensions as a JSON string. */
function resolveSearch(search: URLSearchParams, options: GraphQLRouteOptions): string {
  const params: DocumentParams = {};
  if (search.has('query')) params.query = search.get('query');
  if (search.has('documentId')) params.documentId = search.get('documentId');
  const extensionsText = search.get('extensions');
  if (extensionsText !== null) {
    try {
      params.extensions = JSON.parse(extensionsText);
    } catch {
      params.extensions = extensionsText; // Apollo refuses it with a clear message
    }
  }
  const resolved = resolveTrustedDocument(params, options.trustedDocuments);
  const out = new URLSearchParams(search);
  out.delete('documentId');
  if (typeof resolved.query === 'string') out.set('query', resolved.query);
  if (resolved.extensions === undefined) out.delete('extensions');
  else out.set('extensions', typeof resolved.extensions === 'string' ? resolved.extensions : JSON.stringify(resolved.extensions));
  const text = out.toString();
  return text === '' ? '' : `?${text}`;
}

/** Whether the client asked for application/graphql-response+json ahead of application/json. */
function prefersGraphQLResponse(accept: string | undefined): boolean {
  const graphql = accept?.indexOf('application/graphql-response+json') ?? -1;
  const json = accept?.indexOf('application/json') ?? -1;
  return graphql >= 0 && (json < 0 || graphql < json);
}

/**
 * graphql-js parses recursively: a document nested thousands of levels deep would exhaust the stack
 * in the parser, before any depth rule sees it. It is refused here, before Apollo, as a request
 * error (400 in application/graphql-response+json, 200 in application/json).
 */
function assertNesting(query: unknown, accept: string | undefined, limit: number): void {
  if (typeof query !== 'string') return;
  const found = bracketNesting(query);
  if (found <= limit) return;
  const graphqlResponse = prefersGraphQLResponse(accept);
  throw new HttpRefusal(
    graphqlResponse ? 400 : 200,
    ErrorCode.QUERY_TOO_DEEP,
    `The document nests brackets ${found} levels deep, over the limit of ${limit}; ask for fewer nested levels and smaller nested values.`,
    { 'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8` },
    { limit, found },
  );
}

/**
 * The answer of `work`, or a 503 after `ms`. When the time is up the request is abandoned: its
 * controller is aborted, and its store work stops at its next slice (see RequestWork), so a
 * request over the limit stops spending, not only stops being waited for.
 */
function withTimeout<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      reject(new HttpRefusal(503, ErrorCode.REQUEST_TIMEOUT, `The request did not finish within the limit of ${ms} ms; ask for less.`, {}, { limit: ms }));
    }, ms);
    // Whatever the work still finishes is dropped, never left unhandled.
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Writes a complete answer, and keeps it in the HTTP cache under `key` when there is one (the cache
 * keeps only successful answers, with what the request's log line says of them). A GET the cache
 * could answer gets an ETag whether or not its answer is kept, so the same request always gets the
 * same headers.
 */
function sendComplete(req: IncomingMessage, res: ServerResponse, method: string, status: number, headers: Record<string, string>, body: string, key: string | undefined, options: GraphQLRouteOptions, log: RequestLog): void {
  const cache = options.httpCache;
  if (cache && key !== undefined) {
    const summary = { operationName: log.operationName, operationType: log.operationType, cost: log.cost };
    const entry = cache.keep(key, status, headers, body, summary) ?? (method === 'GET' ? new CachedResponse(status, headers, Buffer.from(body)) : undefined);
    if (entry) return sendCached(req, res, method, entry);
  }
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/**
 * Answers from the cache when it holds the request's answer; counts the lookup either way, and a
 * hit as an answered operation, as if the pipeline had answered it.
 */
function serveFromCache(req: IncomingMessage, res: ServerResponse, method: string, cache: HttpCache, key: string, options: GraphQLRouteOptions, log: RequestLog): boolean {
  if (!cache.mayAnswer(req.headers)) return false;
  const cached = cache.get(key);
  options.metrics?.responseCache.inc(cached ? 'hit' : 'miss');
  log.cacheHit = cached !== undefined;
  if (!cached) return false;
  Object.assign(log, cached.summary);
  if (options.metrics) recordOperation(options.metrics, cached.summary.operationName, log.started, [], false);
  sendCached(req, res, method, cached);
  return true;
}

/**
 * Writes a finished answer. A GET also gets an ETag and `Cache-Control: no-cache`, so a client may
 * keep it and revalidate, and a matching If-None-Match is answered 304 without a body.
 */
function sendCached(req: IncomingMessage, res: ServerResponse, method: string, entry: CachedResponse): void {
  const headers: Record<string, string> = { ...entry.headers };
  if (method === 'GET' && entry.status === 200) {
    headers.etag = entry.etag;
    headers['cache-control'] = 'no-cache';
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, { etag: entry.etag, 'cache-control': 'no-cache' });
      res.end();
      return;
    }
  }
  headers['content-length'] = String(entry.body.length);
  res.writeHead(entry.status, headers);
  res.end(entry.body);
}

/**
 * Serves GraphQL over HTTP at /graphql: POST with a JSON body, GET for queries. Every request that
 * executes goes through Apollo's pipeline once; only a repeat of a credential-free request may be
 * answered before it, by the HTTP cache (see HttpCache).
 */
export async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, options: GraphQLRouteOptions, log: RequestLog): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    throw new HttpRefusal(405, ErrorCode.METHOD_NOT_ALLOWED, `GraphQL is served over GET and POST, not ${method.slice(0, 20)}.`, { allow: 'GET, POST' });
  }
  // Who the request comes from, before anything answers it: an unknown key is a 401 even for a cached answer.
  const principal = principalOf(req, options.access);
  // The graph the whole request reads, and whose version the HTTP cache keys on.
  const store = options.store.snapshot?.() ?? options.store;
  const cache = options.httpCache;
  let search = url.search;
  let body: unknown;
  let key: string | undefined;
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  if (method === 'POST') {
    assertJsonContentType(req.headers['content-type']);
    const request = await readBody(req, options.limits.maxBodyBytes);
    // Only successful answers are kept, and every check skipped here (JSON, trusted documents,
    // nesting) depends on the body alone: the same body passed them when its answer was kept.
    key = cache?.keyOf(req.headers, store.version, method, request);
    if (cache && key !== undefined && serveFromCache(req, res, method, cache, key, options, log)) return;
    body = parseJsonBody(request);
    if (typeof body === 'object' && body !== null) {
      // parseJsonBody refuses arrays: this is an object.
      const params = body as Record<string, unknown>;
      const resolved = resolveTrustedDocument(params, options.trustedDocuments);
      // Unchanged, it is what JSON.parse made: it has no undefined members to drop.
      body = resolved === body ? body : withoutUndefined(resolved);
      assertNesting((body as { query?: unknown }).query, req.headers.accept, options.maxNesting);
    }
  } else {
    search = resolveSearch(url.searchParams, options);
    assertNesting(new URLSearchParams(search).get('query'), req.headers.accept, options.maxNesting);
    // A GET runs queries only (Apollo answers 405 to anything else) and this API has no ambient
    // credentials, so a GET is let through Apollo's CSRF check unless a browser says it comes from a
    // page of another site; POST keeps the full check. README, "CSRF", explains.
    if (!isCrossSiteBrowserRequest(req, options.corsOrigins) && !headers.get('apollo-require-preflight')) {
      headers.set('apollo-require-preflight', 'get');
    }
    // A cached answer is served only to a GET that passes the CSRF check, as Apollo would answer it.
    if (cache && (headers.get('apollo-require-preflight') !== undefined || headers.get('x-apollo-operation-name') !== undefined)) {
      key = cache.keyOf(req.headers, store.version, method, url.search);
      if (key !== undefined && serveFromCache(req, res, method, cache, key, options, log)) return;
    }
  }
  // Aborted when the answer is no longer wanted: the time limit passed, or the client went away.
  const abandon = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abandon.abort();
  });
  const response = await withTimeout(
    options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: async () => createContext(store, log.requestId, abandon.signal, log, { principal, budgets: options.access.budgets, curator: options.curator }),
    }),
    options.limits.executionTimeoutMs,
    abandon,
  );
  const outHeaders: Record<string, string> = {};
  for (const [name, value] of response.headers) outHeaders[name] = value;
  if (response.body.kind === 'complete') {
    const status = statusForMediaType(response.status ?? 200, outHeaders['content-type'], response.body.string);
    return sendComplete(req, res, method, status, outHeaders, response.body.string, key, options, log);
  }
  res.writeHead(response.status ?? 200, outHeaders);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
