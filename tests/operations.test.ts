import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, TINY_SEED, type TestHttp, storeWith } from './helpers.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('operations endpoints', () => {
  let http: TestHttp;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    http = await httpOn(await loadMemoryStore(TINY_SEED), { http: { logger: createLogger('info', sink) } });
  });
  afterAll(() => http.close());

  it('echoes a plain x-request-id and makes one for a request without it', async () => {
    const given = await fetch(`${http.url}/health`, { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const made = await fetch(`${http.url}/health`, { headers: { 'x-request-id': 'not plain%' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs each request as one JSON line with its request id', async () => {
    await fetch(`${http.url}/ready`, { headers: { 'x-request-id': 'log-me' } });
    const entry = lines.map((line) => JSON.parse(line)).find((e) => e.requestId === 'log-me');
    expect(entry).toMatchObject({ level: 30, service: 'entente', msg: 'request', method: 'GET', path: '/ready', status: 200 });
  });

  it('logs an internal failure with the request id of the request it happened in', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    const sinkLines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (sinkLines.push(String(chunk)), done()) }));
    const broken = await httpOn(
      storeWith(store, { getNodes: () => Promise.reject(new Error('disk on fire')) }),
      { server: { onInternalError: (error, requestId) => logger.error({ err: error, requestId }, 'internal error') }, http: { logger } },
    );
    try {
      await fetch(`${broken.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'broken-1' }, body: JSON.stringify({ query: '{ node(id: "Person:alice-example") { id } }' }) });
      const entry = sinkLines.map((line) => JSON.parse(line)).find((e) => e.msg === 'internal error');
      expect(entry).toMatchObject({ level: 50, requestId: 'broken-1', err: { message: 'disk on fire' } });
    } finally {
      await broken.close();
    }
  });

  it('exposes Prometheus metrics: operations by name, errors by code, refusals by limit, documents, process', async () => {
    for (let i = 0; i < 2; i++) {
      await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query CountPeople { people { totalCount } }' }) });
    }
    await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ people { nosuch } }' }) });
    const response = await fetch(`${http.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('entente_graphql_operations_total{operation="CountPeople",outcome="ok"} 2');
    expect(text).toContain('entente_graphql_operation_duration_seconds_count{operation="CountPeople"} 2');
    expect(text).toContain('entente_http_errors_total{code="BATCHING_NOT_SUPPORTED"} 1');
    expect(text).toContain('entente_limit_refusals_total{limit="BATCHING_NOT_SUPPORTED"} 1');
    expect(text).toMatch(/entente_http_requests_total\{route="\/graphql",method="POST",status="200"\} \d+/);
    expect(text).toContain('entente_documents_total{result="parsed"} 1');
    expect(text).toContain('entente_documents_total{result="cached"} 1');
    expect(text).toContain('entente_documents_total{result="invalid"} 1');
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('configuration', () => {
  it('reports every invalid variable at once, by name', () => {
    expect(() => readConfig({ PORT: 'eighty', MAX_DEPTH: '0', TRUSTED_DOCUMENTS: 'sometimes', CORS_ORIGINS: 'https://ok.example,not an origin', INTROSPECTION: 'yes' })).toThrow(
      [
        'Invalid configuration:',
        '  PORT="eighty" must be a whole number from 0 to 65535',
        '  INTROSPECTION="yes" must be true or false',
        '  CORS_ORIGINS entry "not an origin" must be an origin such as https://analysts.example.org (scheme, host and port only)',
        '  TRUSTED_DOCUMENTS="sometimes" must be one of allow, enforce',
        '  MAX_DEPTH="0" must be a whole number from 1 to 1000',
      ].join('\n'),
    );
  });

  it('reads the public address and the federation switch, refusing an address that is not one', () => {
    expect(readConfig({ PUBLIC_URL: 'https://graph.example.org/entente/', FEDERATION: 'on' })).toMatchObject({ publicUrl: 'https://graph.example.org/entente', federation: true });
    expect(readConfig({})).toMatchObject({ publicUrl: null, federation: false });
    expect(() => readConfig({ PUBLIC_URL: 'graph.example.org', FEDERATION: 'yes' })).toThrow(
      [
        'Invalid configuration:',
        '  PUBLIC_URL="graph.example.org" must be an http(s) address such as https://graph.example.org or https://example.org/entente, without query or fragment',
        '  FEDERATION="yes" must be one of on, off',
      ].join('\n'),
    );
  });

  it('has safe defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', introspection: true, corsOrigins: [], trustedDocuments: 'allow', production: false });
    expect(config.limits).toEqual({ maxDepth: 15, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 10_000, maxVariableDepth: 64, maxListLength: 100 });
  });
});

describe('start-up', () => {
  it('refuses to start when enforcing trusted documents without a manifest', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_MANIFEST: '/nonexistent/manifest.json' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'TRUSTED_DOCUMENTS=enforce needs the persisted-documents manifest, but /nonexistent/manifest.json cannot be read (ENOENT); build it with codegen or set TRUSTED_DOCUMENTS_MANIFEST.',
    );
  });
});
