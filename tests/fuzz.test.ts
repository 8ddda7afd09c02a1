import fc from 'fast-check';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { graphqlDocument as document } from './arbitraries.js';
import { httpOn, TINY_SEED, type TestHttp } from './helpers.js';

/**
 * Property tests: whatever documents, variables and bodies a client sends, the server answers with
 * a status under 500 and a JSON body, and keeps answering. `npm run fuzz:long` runs many more cases.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const timeout = Math.max(20_000, RUNS * 50);

let http: TestHttp;
beforeAll(async () => {
  // The response cache is on, as in production, so cached and uncached paths are both fuzzed.
  http = await httpOn(await loadMemoryStore(TINY_SEED), { limits: { maxBodyBytes: 65_536 }, http: { responseCacheBytes: 1 << 20 } });
});
afterAll(() => http.close());

const cases = { sent: 0, byStatus: new Map<number, number>() };
afterAll(() => {
  if (process.env.FUZZ_RUNS) console.log(`fuzz: ${cases.sent} requests; by status ${JSON.stringify(Object.fromEntries([...cases.byStatus].sort(([a], [b]) => a - b)))}`);
});

async function send(init: RequestInit & { search?: string }): Promise<void> {
  const response = await fetch(`${http.url}/graphql${init.search ?? ''}`, init);
  const text = await response.text();
  cases.sent++;
  cases.byStatus.set(response.status, (cases.byStatus.get(response.status) ?? 0) + 1);
  expect(response.status, text.slice(0, 500)).toBeLessThan(500);
  expect(() => JSON.parse(text), text.slice(0, 500)).not.toThrow();
  const body = JSON.parse(text);
  expect(typeof body === 'object' && body !== null && ('data' in body || 'errors' in body), text.slice(0, 500)).toBe(true);
  for (const error of body.errors ?? []) {
    expect(typeof error.extensions?.code, JSON.stringify(error)).toBe('string');
    // Whatever a client sends is the client's fault, never the server's.
    expect(error.extensions.code, JSON.stringify(error)).not.toBe('INTERNAL_SERVER_ERROR');
  }
}

/** Sends one request line and headers on a new connection; resolves with the status the server gave. */
async function sendRaw(head: string): Promise<number> {
  const socket = connect(Number(new URL(http.url).port), '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close');
  socket.write(head);
  await closed;
  cases.sent++;
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]);
}

/** JSON nested and wide at random: deep chains of objects and lists, and long lists. */
const deepOrWide: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('NOT', 'OR', 'AND', 'x', '[]')).map(([depth, key]) => {
    let value: unknown = {};
    for (let i = 0; i < depth; i++) value = key === '[]' ? [value] : key === 'OR' || key === 'AND' ? { [key]: [value] } : { [key]: value };
    return value;
  }),
  fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom<unknown>({}, null, 'Person:alice-example', { name: { equals: 'x' } })).map(([length, item]) => ({ OR: Array.from({ length }, () => item) })),
  fc.jsonValue({ maxDepth: 4 }),
);

const post = (body: string, contentType = 'application/json', accept = 'application/json') => send({ method: 'POST', headers: { 'content-type': contentType, accept }, body });

const variables = fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom('v', 'first', 'n', 'ids', 'x'), fc.jsonValue({ maxDepth: 3 })), fc.jsonValue({ maxDepth: 2 }));

describe('fuzzing', () => {
  it('answers random documents with random variables without a 5xx', { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(document, variables, fc.constantFrom('application/json', 'application/graphql-response+json', '*/*'), async (query, vars, accept) => {
        await post(JSON.stringify({ query, variables: vars }), 'application/json', accept);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('answers random JSON bodies without a 5xx', { timeout }, async () => {
    const field = fc.oneof(fc.jsonValue({ maxDepth: 3 }), document);
    const body = fc.record({ query: field, variables: fc.jsonValue({ maxDepth: 3 }), operationName: fc.jsonValue({ maxDepth: 1 }), extensions: fc.jsonValue({ maxDepth: 3 }), documentId: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.jsonValue({ maxDepth: 4 })), async (json) => {
        await post(JSON.stringify(json));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('answers random bytes and content types without a 5xx', { timeout }, async () => {
    const contentType = fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/graphql', 'multipart/form-data; boundary=x', ''), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))), contentType, async (body, type) => {
        const headers: Record<string, string> = {};
        // fetch refuses header values it cannot send; those are not requests a client could make.
        if (type !== '' && /^[\t\x20-\x7e]*$/.test(type)) headers['content-type'] = type;
        await send({ method: 'POST', headers, body });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('answers random GET parameters without a 5xx', { timeout }, async () => {
    const parameter = fc.tuple(fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'documentId', 'x'), fc.oneof(document, fc.jsonValue({ maxDepth: 2 }).map((j) => JSON.stringify(j)), fc.string({ maxLength: 50 })));
    await fc.assert(
      fc.asyncProperty(fc.array(parameter, { maxLength: 4 }), fc.constantFrom('application/json', 'application/graphql-response+json', undefined), async (parameters, accept) => {
        const search = new URLSearchParams(parameters).toString();
        await send({ method: 'GET', search: search ? `?${search}` : '', headers: accept ? { accept } : {} });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('answers variables that are null, missing or wrong against declared defaults without a 5xx or an internal error', { timeout }, async () => {
    const document =
      'query ($id: ID = "Person:alice-example", $s: Boolean = true, $n: Int = 2, $f: PersonFilter = {}, $ids: [ID!] = ["Person:alice-example"]) ' +
      '{ node(id: $id) { id } people(first: $n, filter: $f) { totalCount @skip(if: $s) } nodes(ids: $ids) { id } }';
    const choice = fc.oneof(fc.constant(undefined), fc.constant(null), fc.jsonValue({ maxDepth: 2 }), deepOrWide);
    await fc.assert(
      fc.asyncProperty(fc.record({ id: choice, s: choice, n: choice, f: choice, ids: choice }, { requiredKeys: [] }), async (vars) => {
        await post(JSON.stringify({ query: document, variables: vars }));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('answers filter and list variables nested deep or wide without a 5xx', { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(deepOrWide, deepOrWide, async (filter, ids) => {
        await post(JSON.stringify({ query: 'query ($f: PersonFilter, $ids: [ID!]!) { people(filter: $f) { totalCount } nodes(ids: $ids) { id } }', variables: { f: filter, ids } }));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('answers random request lines, absolute targets and their authorities without a 5xx, and keeps serving', { timeout }, async () => {
    const authority = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('1.2.3.4.5', 'a:99999', '%zz', '[1::2::3]', '0x100000000', 'xn--', 'localhost:4000', '[::1]', 'user@host', 'a..b', '999.1.1.1'),
    );
    const target = fc.oneof(
      authority.map((a) => `http://${a}/health`),
      fc.tuple(fc.constantFrom('http://', 'https://', 'ftp://', '//', '/', '', '*'), authority, fc.constantFrom('/health', '/graphql', '', '/%', '/../x')).map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'OPTIONS', 'HEAD', 'CONNECT'), target, async (method, requestTarget) => {
        // Characters Node's parser refuses outright end the connection before any handler runs.
        const status = await sendRaw(`${method} ${requestTarget.replace(/[\r\n]/g, '')} HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
        // Every line gets an answer, even one Node's own parser refuses (400 from clientError).
        expect(status >= 200 && status < 500, `${method} ${requestTarget}: ${status}`).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('still answers after the fuzzing', async () => {
    const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ people { totalCount } }' }) });
    expect(await response.json()).toMatchObject({ data: { people: { totalCount: 3 } } });
  });
});
