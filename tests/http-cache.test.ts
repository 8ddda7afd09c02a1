import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpCache } from '../src/http/http-cache.js';
import { loadMemoryStore } from '../src/store/load.js';
import { accessWith, countingStore, httpOn, REAL_SEED, type TestHttp } from './helpers.js';

let plain: TestHttp;
let cached: TestHttp;
let calls: ReturnType<typeof countingStore>['calls'];
beforeAll(async () => {
  const store = await loadMemoryStore(REAL_SEED);
  plain = await httpOn(store);
  const counted = countingStore(store);
  calls = counted.calls;
  // The answer cache inside the pipeline is off, so a request the HTTP cache passes on reaches the store.
  cached = await httpOn(counted.store, { server: { answerCacheBytes: 0 }, http: { responseCacheBytes: 1 << 20, access: accessWith([{ name: 'analyst', role: 'reader', key: 'some-key' }]) } });
});
afterAll(async () => {
  await plain.close();
  await cached.close();
});

async function post(server: TestHttp, body: unknown, accept = 'application/graphql-response+json', headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: JSON.stringify(body) });
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

describe('the HTTP cache', () => {
  it('answers exactly as an uncached execution does, for each variable value and operation name', async () => {
    for (const request of REQUESTS) {
      const expected = await post(plain, request);
      // Answered and kept the first time, served from the cache the second.
      const first = await post(cached, request);
      const before = totalCalls();
      const hit = await post(cached, request);
      expect(first).toEqual(expected);
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

  it('never answers a request that carries credentials, nor keeps its answer', async () => {
    const request = { query: '{ topics(first: 2) { nodes { name } } }' };
    for (const credentials of [{ authorization: 'Bearer some-key' }, { cookie: 'session=1' }] as Array<Record<string, string>>) {
      const before = totalCalls();
      const first = await post(cached, request, undefined, credentials);
      const afterFirst = totalCalls();
      const second = await post(cached, request, undefined, credentials);
      expect(second).toEqual(first);
      expect(afterFirst - before).toBeGreaterThan(0);
      expect(totalCalls() - afterFirst, 'a repeat with credentials runs in the pipeline again').toBe(afterFirst - before);
    }
    // The anonymous request was not answered from what the credentialed ones got: it runs once, then hits.
    const before = totalCalls();
    await post(cached, request);
    expect(totalCalls()).toBeGreaterThan(before);
    const kept = totalCalls();
    await post(cached, request);
    expect(totalCalls()).toBe(kept);
  });
});

describe('HttpCache', () => {
  const body = JSON.stringify({ data: { text: 'x'.repeat(300) } });

  it('stays within its byte bound, evicting the least recently used answer first', () => {
    const cache = new HttpCache(2000);
    const keys = ['a', 'b', 'c', 'd', 'e'].map((name) => cache.keyOf({}, 'v1', 'POST', name)!);
    keys.slice(0, 3).forEach((key) => cache.keep(key, 200, {}, body));
    expect(cache.size.entries).toBe(3);
    cache.get(keys[0]!);
    keys.slice(3).forEach((key) => cache.keep(key, 200, {}, body));
    expect(cache.size.bytes).toBeLessThanOrEqual(2000);
    expect(cache.get(keys[0]!)).toBeDefined();
    expect(cache.get(keys[1]!)).toBeUndefined();
  });

  it('keeps nothing larger than its bound and nothing unsuccessful', () => {
    const cache = new HttpCache(1000);
    expect(cache.keep('big', 200, {}, JSON.stringify({ data: 'y'.repeat(2000) }))).toBeUndefined();
    expect(cache.keep('failed', 200, {}, JSON.stringify({ errors: [{ message: 'no' }] }))).toBeUndefined();
    expect(cache.keep('refused', 400, {}, JSON.stringify({ data: null }))).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('keys by graph version, method, media type and request, and gives no key to a request with credentials', () => {
    const cache = new HttpCache(1000);
    const key = cache.keyOf({ accept: 'application/json' }, 'v1', 'POST', 'q');
    expect(new Set([key, cache.keyOf({ accept: 'application/json' }, 'v2', 'POST', 'q'), cache.keyOf({ accept: 'application/json' }, 'v1', 'GET', 'q'), cache.keyOf({}, 'v1', 'POST', 'q'), cache.keyOf({ accept: 'application/json' }, 'v1', 'POST', 'r')]).size).toBe(5);
    expect(cache.keyOf({ authorization: 'Bearer k' }, 'v1', 'POST', 'q')).toBeUndefined();
    expect(cache.keyOf({ cookie: 'a=b' }, 'v1', 'POST', 'q')).toBeUndefined();
  });
});
