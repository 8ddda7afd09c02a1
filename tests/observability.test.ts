import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { UnknownDocument } from '../src/operations/unknown-documents.js';
import { sha256 } from '../src/operations/trusted-documents.js';
import type { GraphStore } from '../src/store/graph-store.js';
import { loadMemoryStore } from '../src/store/load.js';
import { createTracing } from '../src/tracing.js';
import { accessWith, httpOn, storeWith, TINY_SEED, type HttpOnOptions, type TestHttp } from './helpers.js';

/** The keys the tests send, known to every server here, so they pass to the pipeline and its log. */
const KEYS = accessWith([
  { name: 'live', role: 'reader', key: 'sk-live-0123456789abcdef' },
  { name: 'trace', role: 'reader', key: 'sk-live-trace' },
]);

/** A server on the tiny graph whose log lines are collected, parsed, in order. */
async function loggedServer(store: GraphStore, options: HttpOnOptions = {}): Promise<{ http: TestHttp; lines: () => any[]; raw: () => string }> {
  let text = '';
  const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) }));
  const http = await httpOn(store, { ...options, http: { logger, responseCacheBytes: 1024 * 1024, access: KEYS, ...options.http } });
  return { http, lines: () => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line)), raw: () => text };
}

function post(http: TestHttp, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The request line of a request id, without its time and duration. */
function requestLine(lines: any[], requestId: string): any {
  const found = lines.filter((line) => line.requestId === requestId && (line.msg === 'request' || line.msg === 'slow request'));
  expect(found).toHaveLength(1);
  const { time: _time, durationMs, ...rest } = found[0];
  expect(typeof durationMs).toBe('number');
  return rest;
}

const PEOPLE = 'query People { people(first: 2) { nodes { name } } }';

describe('request log lines', () => {
  let server: Awaited<ReturnType<typeof loggedServer>>;
  beforeAll(async () => {
    server = await loggedServer(await loadMemoryStore(TINY_SEED));
  });
  afterAll(() => server.http.close());

  it('gives the operation, its cost, the status and whether the HTTP cache or the answer cache answered', async () => {
    const first = await post(server.http, { query: PEOPLE }, { 'x-request-id': 'people-1' });
    const { extensions } = (await first.json()) as { extensions: { cost: { requested: number; limit: number; touched: number } } };
    expect(extensions.cost.touched).toBeGreaterThan(0);
    await (await post(server.http, { query: PEOPLE }, { 'x-request-id': 'people-2' })).text();
    // With a key the HTTP cache is passed by; the pipeline's answer cache answers, and the store is not touched.
    await (await post(server.http, { query: PEOPLE }, { 'x-request-id': 'people-3', authorization: 'Bearer sk-live-0123456789abcdef' })).text();
    const base = { level: 30, service: 'entente', method: 'POST', path: '/graphql', status: 200, operationName: 'People', operationType: 'query', cost: extensions.cost };
    expect(requestLine(server.lines(), 'people-1')).toEqual({ ...base, msg: 'request', requestId: 'people-1', cacheHit: false, answerCacheHit: false });
    expect(requestLine(server.lines(), 'people-2')).toEqual({ ...base, msg: 'request', requestId: 'people-2', cacheHit: true });
    expect(requestLine(server.lines(), 'people-3')).toEqual({ ...base, msg: 'request', requestId: 'people-3', answerCacheHit: true, cost: { ...extensions.cost, touched: 0 } });
  });

  it('logs the status the client got for a validation error, with its code', async () => {
    const query = '{ people { nosuch } }';
    const strict = await post(server.http, { query }, { 'x-request-id': 'invalid-strict', accept: 'application/graphql-response+json' });
    const legacy = await post(server.http, { query }, { 'x-request-id': 'invalid-legacy', accept: 'application/json' });
    expect([strict.status, legacy.status]).toEqual([400, 200]);
    const base = { level: 30, service: 'entente', msg: 'request', method: 'POST', path: '/graphql', errorCodes: ['GRAPHQL_VALIDATION_FAILED'], cacheHit: false };
    expect(requestLine(server.lines(), 'invalid-strict')).toEqual({ ...base, requestId: 'invalid-strict', status: 400 });
    expect(requestLine(server.lines(), 'invalid-legacy')).toEqual({ ...base, requestId: 'invalid-legacy', status: 200 });
  });

  it('gives the code of an HTTP refusal', async () => {
    expect((await fetch(`${server.http.url}/nosuch`, { headers: { 'x-request-id': 'lost' } })).status).toBe(404);
    expect(requestLine(server.lines(), 'lost')).toEqual({ level: 30, service: 'entente', msg: 'request', requestId: 'lost', method: 'GET', path: '/nosuch', status: 404, errorCodes: ['NOT_FOUND'] });
  });

  it('never logs a header value: keys, cookies and their echoes stay out of every line', async () => {
    const secret = 'Bearer sk-live-0123456789abcdef';
    await (await post(server.http, { query: PEOPLE }, { authorization: secret, cookie: 'session=cookie-secret-42', 'x-request-id': 'with-key' })).text();
    await (await post(server.http, { query: '{ nosuch }' }, { authorization: secret })).text();
    await (await fetch(`${server.http.url}/nosuch`, { headers: { authorization: secret } })).text();
    expect(requestLine(server.lines(), 'with-key')).toMatchObject({ status: 200, operationName: 'People' });
    expect(server.raw()).not.toContain('sk-live');
    expect(server.raw()).not.toContain('cookie-secret');
  });
});

describe('the slow-request line', () => {
  it('is written at warn, with the threshold, for a request that took longer than SLOW_REQUEST_MS', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    // A store that takes at least 30 ms for every lookup: over a threshold of 10 ms whatever the machine.
    const slowStore = storeWith(store, { getNodes: (ids) => new Promise((resolve) => setTimeout(() => resolve(store.getNodes(ids)), 30)) });
    const server = await loggedServer(slowStore, { http: { slowRequestMs: 10 } });
    try {
      await (await post(server.http, { query: 'query Alice { node(id: "Person:alice-example") { id } }' }, { 'x-request-id': 'slow-1' })).text();
      const line = requestLine(server.lines(), 'slow-1');
      expect(line).toMatchObject({ level: 40, msg: 'slow request', slowRequestMs: 10, status: 200, operationName: 'Alice' });
    } finally {
      await server.http.close();
    }
  });
});

describe('metrics', () => {
  let server: Awaited<ReturnType<typeof loggedServer>>;
  beforeAll(async () => {
    server = await loggedServer(await loadMemoryStore(TINY_SEED));
  });
  afterAll(() => server.http.close());

  const series = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(name)).sort();

  it('counts every answer, the HTTP cache’s included, and HTTP refusals apart from GraphQL errors', async () => {
    for (let i = 0; i < 5; i++) await (await post(server.http, { query: 'query Five { people { totalCount } }' })).text();
    await (await fetch(`${server.http.url}/nosuch`)).text();
    await (await fetch(`${server.http.url}/graphql`, { method: 'DELETE' })).text();
    await (await fetch(`${server.http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).text();
    await (await post(server.http, { query: 'query Broken { people { nosuch } }' })).text();
    const text = await (await fetch(`${server.http.url}/metrics`)).text();
    // An operation that fails validation is never resolved, so it has no name.
    expect(series(text, 'entente_graphql_operations_total')).toEqual([
      'entente_graphql_operations_total{operation="Five",outcome="ok"} 5',
      'entente_graphql_operations_total{operation="anonymous",outcome="error"} 1',
    ]);
    expect(series(text, 'entente_graphql_operation_duration_seconds_count')).toEqual([
      'entente_graphql_operation_duration_seconds_count{operation="Five"} 5',
      'entente_graphql_operation_duration_seconds_count{operation="anonymous"} 1',
    ]);
    expect(series(text, 'entente_response_cache_total')).toEqual(['entente_response_cache_total{result="hit"} 4', 'entente_response_cache_total{result="miss"} 2']);
    // The HTTP cache's one miss for Five went to the pipeline's answer cache, which missed too; Broken never got that far.
    expect(series(text, 'entente_answer_cache_total')).toEqual(['entente_answer_cache_total{result="miss"} 1']);
    expect(series(text, 'entente_graphql_errors_total')).toEqual(['entente_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1']);
    expect(series(text, 'entente_http_errors_total')).toEqual([
      'entente_http_errors_total{code="METHOD_NOT_ALLOWED"} 1',
      'entente_http_errors_total{code="NOT_FOUND"} 1',
      'entente_http_errors_total{code="UNSUPPORTED_MEDIA_TYPE"} 1',
    ]);
  });
});

describe('unknown documents', () => {
  const MANIFEST_QUERY = '{ people { totalCount } }';
  let clock = 0;
  const reports: UnknownDocument[] = [];
  let server: Awaited<ReturnType<typeof loggedServer>>;
  beforeAll(async () => {
    const manifest = new Map([[sha256(MANIFEST_QUERY), MANIFEST_QUERY]]);
    server = await loggedServer(await loadMemoryStore(TINY_SEED), {
      server: { manifest, onUnknownDocument: (document) => reports.push(document), unknownDocumentLimits: { perMinute: 2, now: () => clock } },
      http: { trustedDocuments: { mode: 'allow', manifest }, responseCacheBytes: 0 },
    });
  });
  afterAll(() => server.http.close());

  it('reports each document outside the manifest once, with the request that ran it, at most so many a minute', async () => {
    const documents = ['query A { people { totalCount } }', 'query B { people { totalCount } }', 'query C { people { totalCount } }', 'query D { people { totalCount } }'];
    await (await post(server.http, { query: MANIFEST_QUERY }, { 'x-request-id': 'known' })).text();
    await (await post(server.http, { query: documents[0] }, { 'x-request-id': 'a-1' })).text();
    await (await post(server.http, { query: documents[0] }, { 'x-request-id': 'a-2' })).text();
    await (await post(server.http, { query: documents[1] }, { 'x-request-id': 'b-1' })).text();
    // Over the limit of two a minute: counted, not reported.
    await (await post(server.http, { query: documents[2] }, { 'x-request-id': 'c-1' })).text();
    clock += 60_000;
    await (await post(server.http, { query: documents[3] }, { 'x-request-id': 'd-1' })).text();
    expect(reports).toEqual([
      { requestId: 'a-1', documentHash: sha256(documents[0]!), operationName: 'A', suppressed: 0 },
      { requestId: 'b-1', documentHash: sha256(documents[1]!), operationName: 'B', suppressed: 0 },
      { requestId: 'd-1', documentHash: sha256(documents[3]!), operationName: 'D', suppressed: 1 },
    ]);
    const text = await (await fetch(`${server.http.url}/metrics`)).text();
    expect(text).toContain('\nentente_unknown_documents_total 5\n');
  });
});

describe('OpenTelemetry traces', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing([new SimpleSpanProcessor({ exporter })]);
  let http: TestHttp;
  beforeAll(async () => {
    http = await httpOn(await loadMemoryStore(TINY_SEED), { server: { plugins: [tracing.plugin] }, http: { access: KEYS } });
  });
  afterAll(async () => {
    await http.close();
    await tracing.shutdown();
  });

  /** The spans of one trace as plain data: name, parent's name, kind, attributes and status. */
  function traceOf(traceId: string): Array<{ name: string; parent: string | undefined; attributes: Record<string, unknown>; status: number }> {
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    return spans
      .map((span: ReadableSpan) => ({
        name: span.name,
        parent: span.parentSpanContext ? (byId.get(span.parentSpanContext.spanId)?.name ?? `remote ${span.parentSpanContext.spanId}`) : undefined,
        attributes: { ...span.attributes },
        status: span.status.code,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  it('makes a span per request with spans for parsing, validation and execution, under the caller’s trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await post(http, { query: PEOPLE }, { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'traced-1', authorization: 'Bearer sk-live-trace' });
    const { extensions } = (await response.json()) as { extensions: { cost: Record<string, number> } };
    const costAttributes = Object.fromEntries(Object.entries(extensions.cost).map(([name, value]) => [`entente.cost.${name}`, value]));
    expect(traceOf(traceId)).toEqual([
      { name: 'graphql.execute', parent: 'query People', attributes: {}, status: 0 },
      { name: 'graphql.parse', parent: 'query People', attributes: {}, status: 0 },
      { name: 'graphql.validate', parent: 'query People', attributes: {}, status: 0 },
      {
        name: 'query People',
        parent: 'remote 00f067aa0ba902b7',
        attributes: {
          'http.request.method': 'POST',
          'entente.request_id': 'traced-1',
          'graphql.operation.type': 'query',
          'graphql.operation.name': 'People',
          ...costAttributes,
        },
        status: 0,
      },
    ]);
  });

  it('marks a request whose answer has errors, with their codes', async () => {
    exporter.reset();
    await (await post(http, { query: '{ people { nosuch } }' })).text();
    const [request] = exporter.getFinishedSpans().filter((span) => span.name === 'GraphQL Operation');
    expect(request).toBeDefined();
    expect(request!.attributes['entente.graphql.error_codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(request!.status).toEqual({ code: 2, message: 'GRAPHQL_VALIDATION_FAILED' });
    expect(exporter.getFinishedSpans().map((span) => span.name).sort()).toEqual(['GraphQL Operation', 'graphql.parse', 'graphql.validate']);
  });
});

describe('tracing configuration', () => {
  it('has no exporter unless an OTEL_* variable names one or an endpoint', () => {
    expect(readConfig({}).tracing).toBeNull();
    expect(readConfig({ OTEL_SERVICE_NAME: 'entente-eu' }).tracing).toBeNull();
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({ exporters: ['otlp'], protocol: 'http/protobuf', sampler: 'parentbased_always_on', samplerRatio: 1 });
    expect(readConfig({ OTEL_TRACES_EXPORTER: 'console,otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).tracing).toEqual({
      exporters: ['otlp', 'console'],
      protocol: 'http/json',
      sampler: 'traceidratio',
      samplerRatio: 0.25,
    });
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeNull();
  });

  it('reports OTEL_* values it cannot honour, with SLOW_REQUEST_MS', () => {
    expect(() => readConfig({ OTEL_TRACES_EXPORTER: 'zipkin', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', SLOW_REQUEST_MS: 'soon' })).toThrow(
      [
        'Invalid configuration:',
        '  SLOW_REQUEST_MS="soon" must be a whole number from 0 to 3600000',
        '  OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" must be an http or https URL, such as http://collector:4318',
        '  OTEL_TRACES_EXPORTER entry "zipkin" must be otlp, console or none',
        '  OTEL_EXPORTER_OTLP_PROTOCOL="grpc" must be http/protobuf or http/json (gRPC is not built in; collectors take OTLP over HTTP on port 4318)',
      ].join('\n'),
    );
    expect(readConfig({}).slowRequestMs).toBe(1000);
  });
});
