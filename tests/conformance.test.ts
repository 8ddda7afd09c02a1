import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, TINY_SEED, type TestHttp } from './helpers.js';

let http: TestHttp;
let cached: TestHttp;
beforeAll(async () => {
  const store = await loadMemoryStore(TINY_SEED);
  http = await httpOn(store);
  cached = await httpOn(store, { http: { responseCacheBytes: 1 << 20 } });
});
afterAll(async () => {
  await http.close();
  await cached.close();
});

describe.each([
  ['without', () => http],
  ['with', () => cached],
])('GraphQL over HTTP conformance (graphql-http audits), %s the response cache', (_label, server) => {
  it('passes every audit: no MUST fails and no SHOULD or MAY is left as a warning', async () => {
    const results = await auditServer({ url: `${server().url}/graphql` });
    const failed = results.filter((result) => result.status !== 'ok').map((result) => `${result.status} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
    // The suite itself must have run: graphql-http 1.23 has over 50 audits.
    expect(results.length).toBeGreaterThan(50);
  });
});
