import { createServer, STATUS_CODES, type Server } from 'node:http';
import { openAccess, principalOf, type Access } from '../auth/access.js';
import type { Curator } from '../curation/curator.js';
import { serveChangeFeed } from '../curation/change-feed.js';
import type { Socket } from 'node:net';
import { DEFAULT_HTTP_LIMITS, DEFAULT_LIMITS, type HttpLimits } from '../config.js';
import { NESTING_MARGIN } from '../limits/nesting.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { GraphQLServer } from '../server.js';
import type { GraphStore } from '../store/graph-store.js';
import { applyCors } from './cors.js';
import { serveGraphQL } from './graphql-route.js';
import { serveStudio } from '../studio/routes.js';
import { serveLinkedData } from '../linked-data/routes.js';
import { HttpCache } from './http-cache.js';
import { HttpRefusal, internalFailure, refusalBody, sendJson, sendRefusal } from './refusal.js';
import { requestIdOf } from './request-id.js';
import { writeRequestLine, type RequestLog } from './request-log.js';
import type { TrustedDocuments } from '../operations/trusted-documents.js';

/** Shared with graceful shutdown: while draining, /ready says so and connections are not kept alive. */
export interface Lifecycle {
  draining: boolean;
  /** True while the indexes made at start-up are built (src/warm-up.ts): /ready says so. */
  warming?: boolean;
}

export interface HttpOptions {
  graphql: GraphQLServer;
  store: GraphStore;
  limits?: Partial<HttpLimits>;
  /** Origins whose pages may read responses; none by default. */
  corsOrigins?: readonly string[];
  trustedDocuments?: TrustedDocuments;
  /** Deepest bracket nesting accepted in a document; the default depth limit plus a margin by default. */
  maxNesting?: number;
  logger?: Logger;
  metrics?: Metrics;
  lifecycle?: Lifecycle;
  /** Whether the IDE (/), the graph picture (/explore) and their assets are served; on when omitted. */
  studio?: boolean;
  /** Bytes of finished answers kept for repeated requests; off (0) when omitted. */
  responseCacheBytes?: number;
  /** The address entity URIs are named under (PUBLIC_URL); `http://localhost:<port>` when omitted. */
  publicUrl?: string;
  /** A request taking this long or longer is logged as a slow request, at warn; 0 (the default when omitted): never. */
  slowRequestMs?: number;
  /** Keys, roles and budgets; no keys, reading open and no budgets when omitted. */
  access?: Access;
  /** Where mutations go (a store with a journal); without, mutations are refused with WRITES_DISABLED. */
  curator?: Curator;
}

const ROUTES = new Set(['/graphql', '/graphql/stream', '/health', '/ready', '/metrics', '/', '/explore', '/export', '/schema.graphql', '/context.jsonld']);
/** The paths that serve the graph's data outside GraphQL (src/linked-data/routes.ts). */
const LINKED_DATA = /^\/(export|entities\/|relationships\/)/;
const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'PATCH', 'DELETE']);

/** Writes a refusal straight to a socket that no response object serves, and closes it. */
function refuseOnSocket(socket: Socket, refusal: HttpRefusal, metrics: Metrics | undefined): void {
  metrics?.countHttpError(refusal.code);
  const body = JSON.stringify(refusalBody(refusal));
  const headers = Object.entries(refusal.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`,
  );
}

/** Answers a request Node could not parse or did not receive in time, written straight to the socket. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, metrics: Metrics | undefined): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, ErrorCode.REQUEST_TIMEOUT, 'The request was not received in time; send the headers and body without pauses.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, ErrorCode.HEADERS_TOO_LARGE, 'The request line and headers are larger than the server accepts.']
        : [400, ErrorCode.BAD_REQUEST, 'The request is not valid HTTP/1.1.'];
  refuseOnSocket(socket, new HttpRefusal(status, code, message), metrics);
}

const BASE_URL = 'http://entente.invalid';
/**
 * The URL of most requests, parsed once rather than per request (about 1.5 % of the CPU of a
 * request with a new document). Shared, so nothing may change it; nothing in src/ changes a URL.
 */
const GRAPHQL_URL = new URL('/graphql', BASE_URL);
/** Stands for a request target that is not a URL; such a request is refused with 400. */
const INVALID_TARGET = new URL('/', BASE_URL);

/**
 * The URL of a request target. A target may be absolute (`GET http://host/health`, which HTTP/1.1
 * servers must accept), and then its authority can be anything a client types: one that is not a
 * valid URL is a bad request, never an exception.
 */
function requestUrl(target: string | undefined): URL {
  if (target === '/graphql') return GRAPHQL_URL;
  try {
    return new URL(target ?? '/', BASE_URL);
  } catch {
    return INVALID_TARGET;
  }
}

/**
 * The HTTP surface on node:http: GraphQL at /graphql, health at /health and /ready, Prometheus
 * metrics at /metrics. Every refusal is a JSON body with a stable code; nothing here writes a stack
 * trace to a client. Slow clients are cut off by the header and request timeouts.
 */
export function createHttpServer(options: HttpOptions): Server {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const lifecycle = options.lifecycle ?? { draining: false };
  const { logger, metrics } = options;
  const slowRequestMs = options.slowRequestMs ?? 0;
  const routeOptions = {
    apollo: options.graphql.apollo,
    store: options.store,
    limits,
    maxNesting: options.maxNesting ?? DEFAULT_LIMITS.maxDepth + NESTING_MARGIN,
    corsOrigins: options.corsOrigins ?? [],
    trustedDocuments: options.trustedDocuments ?? { mode: 'allow' as const, manifest: new Map() },
    httpCache: options.responseCacheBytes ? new HttpCache(options.responseCacheBytes) : undefined,
    metrics,
    access: options.access ?? openAccess(),
    curator: options.curator,
  };

  const requestsPerSocket = new WeakMap<Socket, number>();
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node checks the two timeouts above; the default of 30 s would let a slow client stay longer.
      connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(limits.headersTimeoutMs / 4))),
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      const log: RequestLog = { requestId: requestIdOf(req), started: process.hrtime.bigint() };
      const { requestId } = log;
      const url = requestUrl(req.url);
      const method = (req.method ?? 'GET').toUpperCase();
      // 'close' comes after 'finish', and also when the connection is cut before the response is
      // written: every request gets its line.
      res.on('close', () => {
        const path = url === INVALID_TARGET ? 'other' : url.pathname;
        const status = res.headersSent ? res.statusCode : null;
        metrics?.httpRequests.inc(ROUTES.has(path) ? path : 'other', METHODS.has(method) ? method : 'OTHER', status === null ? 'none' : String(status));
        if (logger) {
          const shownPath = (url === INVALID_TARGET ? (req.url ?? '') : path).slice(0, 200);
          writeRequestLine(logger, log, { method: method.slice(0, 20), path: shownPath, status, aborted: !res.writableFinished }, slowRequestMs);
        }
      });
      // Everything a request does runs in here, so whatever it throws becomes an answer, never an exception.
      const route = async (): Promise<void> => {
        res.setHeader('x-request-id', requestId);
        // Node's own maxRequestsPerSocket answers the request over the limit with a bare 503; this
        // closes the connection after the last allowed response instead.
        const served = (requestsPerSocket.get(req.socket) ?? 0) + 1;
        requestsPerSocket.set(req.socket, served);
        const lastOnSocket = limits.maxRequestsPerSocket > 0 && served >= limits.maxRequestsPerSocket;
        if (lifecycle.draining || lastOnSocket) res.setHeader('connection', 'close');
        if (url === INVALID_TARGET) {
          throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, 'The request target is not a valid URL; send a path such as /graphql.');
        }
        if (applyCors(req, res, routeOptions.corsOrigins)) return;
        // The hot path first: no page is ever served to a POST.
        if (method === 'POST' && url.pathname === '/graphql') return serveGraphQL(req, res, url, routeOptions, log);
        if (url.pathname === '/graphql/stream') return serveChangeFeed(req, res, routeOptions, log);
        if (options.studio !== false && (await serveStudio(req, res, url))) return;
        // The graph's data served outside GraphQL needs what reading needs: a known key, when reading needs one.
        if (LINKED_DATA.test(url.pathname)) principalOf(req, routeOptions.access);
        if (await serveLinkedData(req, res, url, { store: options.store, publicUrl: options.publicUrl, studio: options.studio, schemaSdl: options.graphql.sdl })) return;
        switch (url.pathname) {
          case '/graphql':
            return serveGraphQL(req, res, url, routeOptions, log);
          case '/health':
            return sendJson(res, 200, { status: 'ok' });
          case '/ready': {
            if (lifecycle.draining) return sendJson(res, 503, { status: 'draining', graphVersion: options.store.version });
            if (lifecycle.warming) return sendJson(res, 503, { status: 'warming', graphVersion: options.store.version });
            // A database store says whether its database answers; the memory store cannot lose its graph.
            const readiness = await options.store.checkReady?.();
            if (readiness && !readiness.ready) return sendJson(res, 503, { status: 'unavailable', database: readiness.database, graphVersion: options.store.version });
            return sendJson(res, 200, { status: 'ready', ...(readiness ? { database: readiness.database } : {}), graphVersion: options.store.version });
          }
          case '/metrics': {
            if (!metrics) throw new HttpRefusal(404, ErrorCode.NOT_FOUND, 'Metrics are not collected by this server.');
            const text = await metrics.registry.metrics();
            res.writeHead(200, { 'content-type': metrics.registry.contentType });
            res.end(text);
            return;
          }
          case '/':
            res.writeHead(302, { location: '/graphql' });
            res.end();
            return;
          default:
            throw new HttpRefusal(404, ErrorCode.NOT_FOUND, `Nothing is served at ${url.pathname.slice(0, 200)}; GraphQL is at /graphql.`);
        }
      };
      route().catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const refusal = error instanceof HttpRefusal ? error : internalFailure();
        if (!(error instanceof HttpRefusal)) logger?.error({ requestId, err: error }, 'request failed');
        metrics?.countHttpError(refusal.code);
        log.errorCodes = [refusal.code];
        // A body left unread (too large) must not be parsed as the next request on this connection.
        if (!req.complete) res.setHeader('connection', 'close');
        sendRefusal(res, refusal);
      });
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = 100;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, metrics));
  // Node hands CONNECT to its own event and, with no listener, drops the connection unanswered.
  server.on('connect', (_req, socket: Socket) =>
    refuseOnSocket(socket, new HttpRefusal(405, ErrorCode.METHOD_NOT_ALLOWED, 'This server is not a proxy; CONNECT is not served.', { allow: 'GET, POST, OPTIONS' }), metrics),
  );
  return server;
}
