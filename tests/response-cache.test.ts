import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCache } from '../src/http/response-cache.js';
import { loadMemoryStore } from '../src/store/load.js';
import { countingStore, httpOn, REAL_SEED, type TestHttp } from './helpers.js';

let plain: TestHttp;
let cached: TestHttp;
let calls: ReturnType<typeof countingStore>['calls'];
beforeAll(async () => {
  const store = await loadMemoryStore(REAL_SEED);
  plain = await httpOn(store);
  const counted = countingStore(store);
  calls = counted.calls;
  cached = await httpOn(counted.store, { http: { responseCacheBytes: 1 << 20 } });
});
afterAll(async () => {
  await plain.close();
  await cached.close();
});

async function post(server: TestHttp, body: unknown, accept = 'application/graphql-response+json') {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

const totalCalls = () => Object.values(calls).reduce((a, b) => a + b, 0);

const REQUESTS = [
  { query: 'query ($id: ID!) { node(id: $id) { id ... on Entity { name mentions { quote } } } }', variables: { id: 'Person:evan-solomon' } },
  { query: 'query ($id: ID!) { node(id: $id) { id ... on Entity { name mentions { quote } } } }', variables: { id: 'Person:karsten-wildberger' } },
  { query: 'query A { countries { totalCount } } query B { people { totalCount } }', operationName: 'A' },
  { query: 'query A { countries { totalCount } } query B { people { totalCount } }', operationName: 'B' },
  { query: '{ search(query: "montreal", first: 3) { nodes { score node { id } } } }' },
];

describe('the response cache', () => {
  it('answers exactly as an uncached execution does, for each variable value and operation name', async () => {
    for (const request of REQUESTS) {
      const expected = await post(plain, request);
      // Answered and not kept the first time, kept the second, served from the cache the third.
      const first = await post(cached, request);
      const kept = await post(cached, request);
      const before = totalCalls();
      const hit = await post(cached, request);
      expect(first).toEqual(expected);
      expect(kept).toEqual(expected);
      expect(hit).toEqual(expected);
      expect(totalCalls(), 'a hit must not touch the store').toBe(before);
    }
    const answers = await Promise.all(REQUESTS.map((request) => post(cached, request)));
    expect(new Set(answers.map((a) => a.text)).size).toBe(REQUESTS.length);
  });

  it('keeps answers apart by the media type asked for', async () => {
    const request = { query: '{ node(id: "bad") { id } }' };
    const json = await post(cached, request, 'application/json');
    const graphql = await post(cached, request, 'application/graphql-response+json');
    expect([json.status, json.contentType]).toEqual([200, 'application/json; charset=utf-8']);
    expect([graphql.status, graphql.contentType]).toEqual([200, 'application/graphql-response+json; charset=utf-8']);
    expect(await post(cached, request, 'application/json')).toEqual(json);
  });

  it('never keeps an answer with errors: each is executed again', async () => {
    // Partly answered: the good lookup reaches the store, the malformed id is an error.
    const request = { query: '{ good: node(id: "Person:evan-solomon") { id } bad: node(id: "not an id") { id } }' };
    await post(cached, request);
    const before = totalCalls();
    const again = await post(cached, request);
    expect(JSON.parse(again.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(again).toEqual(await post(plain, request));
    expect(totalCalls(), 'an answer with errors must be executed again').toBeGreaterThan(before);
  });

  it('gives GET answers an ETag and answers a matching If-None-Match with 304', async () => {
    const url = `${cached.url}/graphql?query=${encodeURIComponent('{ countries { totalCount } }')}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const revalidated = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const changed = await fetch(url, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(await (await fetch(url)).text());
  });

  it('does not serve a cached GET to a cross-site browser request that the CSRF check refuses', async () => {
    const url = `${cached.url}/graphql?query=${encodeURIComponent('{ people { totalCount } }')}`;
    expect((await fetch(url)).status).toBe(200);
    const crossSite = await fetch(url, { headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(400);
    expect(await crossSite.text()).not.toContain('totalCount');
  });
});

describe('ResponseCache', () => {
  it('stays within its byte bound, evicting first the oldest answer not used since it was last passed over', () => {
    const cache = new ResponseCache(2000, 'v1');
    const body = JSON.stringify({ data: { text: 'x'.repeat(300) } });
    const keys = ['a', 'b', 'c', 'd', 'e'].map((name) => cache.key('POST', 'application/json', name));
    const offerTwice = (key: string) => [1, 2].forEach(() => cache.keep(key, 200, {}, body));
    keys.slice(0, 3).forEach(offerTwice);
    expect(cache.size.entries).toBe(3);
    cache.get(keys[0]!);
    keys.slice(3).forEach(offerTwice);
    expect(cache.size.bytes).toBeLessThanOrEqual(2000);
    expect(cache.get(keys[0]!)).toBeDefined();
    expect(cache.get(keys[1]!)).toBeUndefined();
  });

  it('keeps an answer only from the second time its request is seen', () => {
    const cache = new ResponseCache(100_000, 'v1');
    const body = JSON.stringify({ data: { n: 1 } });
    for (let i = 0; i < 100; i++) cache.keep(cache.key('POST', '', `once ${i}`), 200, {}, body);
    expect(cache.size.entries).toBeLessThanOrEqual(3); // a Bloom filter's rare false positives
    const again = cache.key('POST', '', 'twice');
    expect(cache.keep(again, 200, {}, body)).toBeUndefined();
    expect(cache.get(again)).toBeUndefined();
    expect(cache.keep(again, 200, {}, body)?.body.toString()).toBe(body);
    expect(cache.get(again)?.body.toString()).toBe(body);
  });

  it('keeps nothing larger than its bound, nothing unsuccessful, and keys by graph version', () => {
    const cache = new ResponseCache(1000, 'v1');
    for (let attempt = 0; attempt < 2; attempt++) {
      cache.keep('big', 200, {}, JSON.stringify({ data: 'y'.repeat(2000) }));
      cache.keep('failed', 200, {}, JSON.stringify({ errors: [{ message: 'no' }] }));
      cache.keep('refused', 400, {}, JSON.stringify({ data: null }));
    }
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    expect(new ResponseCache(1000, 'v2').key('POST', '', 'q')).not.toBe(cache.key('POST', '', 'q'));
  });
});
