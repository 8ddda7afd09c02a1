import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { createContext } from './context.js';
import type { GraphStore } from './store/graph-store.js';
import { serveStudio } from './studio/routes.js';

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  store: GraphStore;
  maxBodyBytes: number;
  /** Whether to serve the browser IDE and /explore; on when omitted. */
  studio?: boolean;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A refusal in the shape of a GraphQL response, so every client can read it the same way. */
function sendRefusal(res: ServerResponse, refusal: HttpRefusal): void {
  sendJson(res, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
}

/** Reads the body up to a byte cap, refusing more without buffering it. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new HttpRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${maxBytes} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${maxBytes} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const decoder = new TextDecoder('utf-8', { fatal: true });
      try {
        resolve(decoder.decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpRefusal(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.'));
      }
    });
    req.on('error', reject);
  });
}

function parseBody(text: string, contentType: string): unknown {
  if (text === '') return undefined;
  if (!/^application\/(graphql-response\+)?json\b|^application\/[\w.+-]*\+json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpRefusal(400, 'BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
}

async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, options: HttpOptions): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const body = method === 'POST' ? parseBody(await readBody(req, options.maxBodyBytes), headers.get('content-type') ?? '') : undefined;
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context: async () => createContext(options.store),
  });
  const outHeaders: Record<string, string> = {};
  for (const [name, value] of response.headers) outHeaders[name] = value;
  if (response.body.kind === 'complete') {
    outHeaders['content-length'] = String(Buffer.byteLength(response.body.string));
    res.writeHead(response.status ?? 200, outHeaders);
    res.end(response.body.string);
    return;
  }
  res.writeHead(response.status ?? 200, outHeaders);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * The HTTP surface on node:http: GraphQL at /graphql, health at /health and /ready. Every refusal
 * is a JSON body with a stable code; nothing here writes a stack trace to a client.
 */
export function createHttpServer(options: HttpOptions): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://entente.invalid');
    const route = async (): Promise<void> => {
      if (options.studio !== false && (await serveStudio(req, res, url))) return;
      switch (url.pathname) {
        case '/graphql':
          return serveGraphQL(req, res, url, options);
        case '/health':
          return sendJson(res, 200, { status: 'ok' });
        case '/ready':
          return sendJson(res, 200, { status: 'ready', graphVersion: options.store.version });
        case '/':
          res.writeHead(302, { location: '/graphql' });
          res.end();
          return;
        default:
          throw new HttpRefusal(404, 'NOT_FOUND', `Nothing is served at ${url.pathname}; GraphQL is at /graphql.`);
      }
    };
    route().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpRefusal) sendRefusal(res, error);
      else {
        console.error(error);
        sendRefusal(res, new HttpRefusal(500, 'INTERNAL_SERVER_ERROR', 'The server could not answer this request; the failure has been logged.'));
      }
    });
  });
}
