import { makeExecutableSchema } from '@graphql-tools/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { directRequestOf } from '../src/http/direct-execution.js';
import { resolvers } from '../src/modules/index.js';
import { readTypeDefs } from '../src/schema.js';
import { loadMemoryStore } from '../src/store/load.js';
import { schemaDocument } from './arbitraries.js';
import { httpOn, REAL_SEED, type TestHttp } from './helpers.js';

const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers });
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('directRequestOf', () => {
  it('takes a document with variables and an operation name, null or absent', () => {
    expect(directRequestOf({ query: '{ a }' })).toEqual({ query: '{ a }', variables: undefined, operationName: undefined });
    expect(directRequestOf({ query: '{ a }', variables: { x: 1 }, operationName: 'Q' })).toEqual({ query: '{ a }', variables: { x: 1 }, operationName: 'Q' });
    expect(directRequestOf({ query: '{ a }', variables: null, operationName: null })).toEqual({ query: '{ a }', variables: undefined, operationName: undefined });
    // Apollo reads extensions only for a persisted query; anything else in them changes nothing.
    expect(directRequestOf({ query: '{ a }', extensions: { trace: true } })).toEqual({ query: '{ a }', variables: undefined, operationName: undefined });
  });

  it.each([
    ['no document', { variables: {} }],
    ['an empty document', { query: '' }],
    ['a document that is not text', { query: { kind: 'Document' } }],
    ['variables as a JSON string', { query: '{ a }', variables: '{"x":1}' }],
    ['variables as a list', { query: '{ a }', variables: [1] }],
    ['an operation name that is not text', { query: '{ a }', operationName: 7 }],
    ['a persisted query', { query: '{ a }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }],
    ['extensions as a JSON string', { query: '{ a }', extensions: '{}' }],
    ['a field Apollo does not know', { query: '{ a }', other: 1 }],
    ['a list instead of an object', [{ query: '{ a }' }]],
  ])('leaves %s to Apollo', (_what, body) => {
    expect(directRequestOf(body)).toBeUndefined();
  });
});

describe('direct execution over HTTP', () => {
  let direct: TestHttp;
  /** The same server with every request through Apollo's pipeline; its document store stays on. */
  let apollo: TestHttp;
  beforeAll(async () => {
    const store = await loadMemoryStore(REAL_SEED);
    direct = await httpOn(store);
    apollo = await httpOn(store, { server: { directExecution: false } });
  });
  afterAll(async () => {
    await direct.close();
    await apollo.close();
  });

  const post = async (server: TestHttp, body: unknown, accept?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (accept !== undefined) headers.accept = accept;
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
    // Every header but the two that differ per response.
    const kept: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'date' && name !== 'x-request-id') kept[name] = value;
    });
    return { status: response.status, headers: kept, text: await response.text() };
  };

  it('answers a successful query without Apollo, and everything else through it', async () => {
    const calls = vi.spyOn(direct.graphql.apollo, 'executeHTTPGraphQLRequest');
    try {
      const ok = await post(direct, { query: 'query Few { people(first: 2) { totalCount nodes { name } } }' });
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.text).data.people.totalCount).toBe(4);
      expect(calls).not.toHaveBeenCalled();
      // A missing required variable: Apollo answers, in its own words.
      const refused = await post(direct, { query: 'query Q($id: ID!) { node(id: $id) { id } }' });
      expect(refused.status).toBe(200);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(calls).toHaveBeenCalledTimes(1);
    } finally {
      calls.mockRestore();
    }
  });

  it('places the errors of a document it has answered before, as Apollo does', async () => {
    const query = 'query Page($n: Int) {\n  people(first: $n) { totalCount }\n}';
    // Answered directly and kept, without source locations, from the second time.
    for (let attempt = 0; attempt < 3; attempt++) expect((await post(direct, { query, variables: { n: 1 } })).status).toBe(200);
    const failed = await post(direct, { query, variables: { n: 500 } });
    expect(JSON.parse(failed.text).errors[0].locations).toEqual([{ line: 2, column: 3 }]);
    expect(failed).toEqual(await post(apollo, { query, variables: { n: 500 } }));
  });

  it('counts the operations it answers in the same metrics as Apollo', async () => {
    for (const server of [direct, apollo]) await post(server, { query: 'query CountedTwice { agreements { totalCount } }' });
    for (const server of [direct, apollo]) {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toMatch(/entente_graphql_operations_total\{operation="CountedTwice",outcome="ok"\} 1\n/);
      expect(text).toMatch(/entente_graphql_operation_duration_seconds_count\{operation="CountedTwice"\} 1\n/);
    }
  });

  const ACCEPTS = [
    undefined,
    'application/json',
    'application/graphql-response+json',
    '*/*',
    'application/json;q=0.5, application/graphql-response+json',
    'application/graphql-response+json, application/json;q=0.9',
    'application/json; callbackSpec=1.0',
    'text/html',
  ];

  it('answers exactly as Apollo does, whatever the client accepts', async () => {
    const requests = [
      { query: '{ people { totalCount } }' },
      { query: 'query A { people { totalCount } } query B { agreements { totalCount nodes { name } } }', operationName: 'B' },
      { query: 'query A { people { totalCount } } query B { agreements { totalCount } }' },
      { query: 'query A { people { totalCount } }', operationName: 'Nope' },
      { query: 'query Q($id: ID!) { node(id: $id) { id ... on Entity { name } } }', variables: { id: 'Person:karsten-wildberger' } },
      { query: 'query Q($id: ID!) { node(id: $id) { id } }', variables: { id: 42 } },
      { query: 'query Q($n: Int) { people(first: $n) { nodes { name } } }', variables: { n: 500 } },
      { query: '{ node(id: "not an id") { id } }' },
      { query: '{ a: agreements(first: 100) { nodes { signatories(first: 100) { nodes { name } } } } }' },
      { query: '{ people { totalCount } }', extensions: { note: 'ignored' } },
      { query: '{ people { totalCount } }', extensions: {} },
      { query: '{ people { totalCount } }', extensions: 'x' },
      { query: '{ people { nosuch } }' },
    ];
    for (const body of requests) {
      for (const accept of ACCEPTS) {
        // Twice: once new, once with the document (and perhaps the answer) kept.
        for (let attempt = 0; attempt < 2; attempt++) expect(await post(direct, body, accept), `${JSON.stringify(body)} ${accept}`).toEqual(await post(apollo, body, accept));
      }
    }
  });

  it('answers random documents, variables and operation names exactly as Apollo does', { timeout: 60_000 }, async () => {
    const request = fc.record(
      {
        query: schemaDocument(schema),
        variables: fc.option(fc.record({ flag: fc.oneof(fc.boolean(), fc.constant('yes')), unused: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: [] }), { nil: undefined }),
        operationName: fc.option(fc.constantFrom('Q', 'S', 'Other'), { nil: undefined }),
      },
      { requiredKeys: ['query'] },
    );
    await fc.assert(
      fc.asyncProperty(request, fc.constantFrom(...ACCEPTS), async (body, accept) => {
        expect(await post(direct, body, accept), JSON.stringify(body)).toEqual(await post(apollo, body, accept));
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});
