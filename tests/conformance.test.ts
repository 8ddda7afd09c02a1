import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, TINY_SEED, type TestHttp } from './helpers.js';

let http: TestHttp;
beforeAll(async () => {
  http = await httpOn(await loadMemoryStore(TINY_SEED));
});
afterAll(() => http.close());

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  it('passes every audit: no MUST fails and no SHOULD or MAY is left as a warning', async () => {
    const results = await auditServer({ url: `${http.url}/graphql` });
    const failed = results.filter((result) => result.status !== 'ok').map((result) => `${result.status} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
    // The suite itself must have run: graphql-http 1.23 has over 50 audits.
    expect(results.length).toBeGreaterThan(50);
  });
});
