import type { ApolloServerPlugin } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.js';
import type { Metrics } from '../src/metrics.js';
import { loadMemoryStore } from '../src/store/load.js';
import { KEYS, livingGraph, STORES, type LivingGraph } from './curation/living.js';
import { accessWith, countingStore, httpOn, TINY_SEED, type TestHttp } from './helpers.js';

/**
 * The answer cache inside Apollo's pipeline (src/operations/answer-cache.ts): a repeated query is
 * answered without executing, while every other hook runs as for any request; answers are kept
 * apart by graph version, document, operation name, variables and role.
 */
let executions = 0;
const countingExecutions: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async executionDidStart() {
        executions++;
      },
    };
  },
};

const ACCESS = [
  { name: 'rita', role: 'reader' as const, key: 'reader-key', budgetPerMinute: 1000 },
  { name: 'cora', role: 'curator' as const, key: 'curator-key' },
];

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

async function post(server: TestHttp, body: unknown, key?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The answer cache's lookups so far, by result. */
function lookups(metrics: Metrics): Record<string, number> {
  const counts: Record<string, number> = {};
  metrics.answerCache.each((labels, count) => (counts[labels.result!] = count));
  return counts;
}

/** What an answer from the cache says of the store's work: nothing touched, the estimate as before. */
const untouched = (text: string) => text.replace(/"touched":\d+/, '"touched":0');

const BOB = 'query Bob { node(id: "Person:bob-sample") { id ... on Entity { name } ... on Person { signedAgreements { nodes { id } } } } }';

describe('the answer cache', () => {
  let cached: TestHttp;
  let uncached: TestHttp;
  let calls: ReturnType<typeof countingStore>['calls'];
  const totalCalls = () => Object.values(calls).reduce((a, b) => a + b, 0);
  beforeAll(async () => {
    const counted = countingStore(await loadMemoryStore(TINY_SEED));
    calls = counted.calls;
    const access = accessWith(ACCESS);
    cached = await httpOn(counted.store, { server: { plugins: [countingExecutions] }, http: { access } });
    uncached = await httpOn(counted.store, { server: { plugins: [countingExecutions], answerCacheBytes: 0 }, http: { access } });
  });
  afterAll(async () => {
    await cached.close();
    await uncached.close();
  });

  it('answers a repeated keyed query without executing it, with the bytes execution gave but for the store work it did (none)', async () => {
    const before = { executions, calls: totalCalls() };
    const first = await post(cached, { query: BOB }, 'reader-key');
    const afterFirst = { executions, calls: totalCalls() };
    const second = await post(cached, { query: BOB }, 'reader-key');
    expect(JSON.parse(first.text)).toEqual({
      data: { node: { id: 'Person:bob-sample', name: 'Bob Sample', signedAgreements: { nodes: [{ id: 'Agreement:springfield-accord' }] } } },
      extensions: { cost: { requested: 44, limit: 10000, touched: 2 }, budget: { limit: 1000, remaining: 956, reset: 60 } },
    });
    expect(afterFirst.executions - before.executions).toBe(1);
    expect(afterFirst.calls).toBeGreaterThan(before.calls);
    // The hit still went through the access check and the budget (charged again), and the cost plugin reported on it.
    expect(second).toEqual({ ...first, text: untouched(first.text).replace('"remaining":956', '"remaining":912') });
    expect({ executions, calls: totalCalls() }).toEqual(afterFirst);
    expect(lookups(cached.metrics)).toMatchObject({ miss: 1, hit: 1 });
  });

  it('keeps answers apart by variables, in any key order, and by operation name', async () => {
    const query = 'query Two($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } } query Other { people { totalCount } }';
    const ab = { query, operationName: 'Two', variables: { a: 'Person:bob-sample', b: 'Person:alice-example' } };
    const ba = { query, operationName: 'Two', variables: { b: 'Person:alice-example', a: 'Person:bob-sample' } };
    const swapped = { query, operationName: 'Two', variables: { a: 'Person:alice-example', b: 'Person:bob-sample' } };
    const other = { query, operationName: 'Other' };
    const before = executions;
    const answers = [];
    for (const request of [ab, ba, swapped, other, ab, swapped, other]) answers.push(JSON.parse((await post(cached, request, 'curator-key')).text).data);
    expect(answers).toEqual([
      { a: { id: 'Person:bob-sample' }, b: { id: 'Person:alice-example' } },
      { a: { id: 'Person:bob-sample' }, b: { id: 'Person:alice-example' } },
      { a: { id: 'Person:alice-example' }, b: { id: 'Person:bob-sample' } },
      { people: { totalCount: 3 } },
      { a: { id: 'Person:bob-sample' }, b: { id: 'Person:alice-example' } },
      { a: { id: 'Person:alice-example' }, b: { id: 'Person:bob-sample' } },
      { people: { totalCount: 3 } },
    ]);
    // ab, swapped and other once each; ba is ab's answer.
    expect(executions - before).toBe(3);
  });

  it('never answers one role with an answer kept for another', async () => {
    const request = { query: '{ agreements { totalCount } }' };
    const before = executions;
    await post(cached, request, 'reader-key');
    await post(cached, request, 'curator-key');
    expect(executions - before, 'each role executes its own').toBe(2);
    await post(cached, request, 'reader-key');
    await post(cached, request, 'curator-key');
    expect(executions - before, 'then each is answered from its own').toBe(2);
  });

  it('never keeps an answer with errors', async () => {
    const request = { query: '{ good: node(id: "Person:bob-sample") { id } bad: node(id: "not an id") { id } }' };
    const before = executions;
    const first = await post(cached, request, 'curator-key');
    const second = await post(cached, request, 'curator-key');
    expect(JSON.parse(first.text).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(second).toEqual(first);
    expect(executions - before).toBe(2);
  });

  it('answers a request that says Cache-Control: no-cache by executing it, and keeps the new answer', async () => {
    const request = { query: '{ topics { totalCount } }' };
    const before = executions;
    await post(cached, request, 'curator-key');
    await post(cached, request, 'curator-key', { 'cache-control': 'no-cache' });
    expect(executions - before).toBe(2);
    await post(cached, request, 'curator-key');
    expect(executions - before).toBe(2);
  });

  it('when switched off (0), executes every request and answers byte for byte as with it on', async () => {
    const before = executions;
    const first = await post(uncached, { query: BOB }, 'curator-key');
    const second = await post(uncached, { query: BOB }, 'curator-key');
    expect(executions - before).toBe(2);
    expect(second).toEqual(first);
    expect(JSON.parse(first.text).extensions.cost.touched).toBe(2);
    expect(uncached.graphql.answers).toBeUndefined();
    // The server with the cache gives the same bytes the first time.
    const fresh = { query: `${BOB} # fresh` };
    expect((await post(cached, fresh, 'curator-key')).text).toBe((await post(uncached, fresh, 'curator-key')).text);
  });

  it('holds no more bytes than it is given', async () => {
    const small = await httpOn(await loadMemoryStore(TINY_SEED), { server: { answerCacheBytes: 2048 } });
    try {
      for (let n = 0; n < 40; n++) expect((await post(small, { query: `{ n${n}: node(id: "Person:bob-sample") { id ... on Entity { name aliases } } }` })).status).toBe(200);
      const size = small.graphql.answers!.size;
      expect(size.bytes).toBeLessThanOrEqual(2048);
      expect(size.entries).toBeGreaterThan(0);
      expect(size.entries).toBeLessThan(40);
    } finally {
      await small.close();
    }
  });
});

describe.each(STORES)('the answer cache on the %s store', (store) => {
  let graph: LivingGraph;
  beforeAll(async () => {
    graph = await livingGraph({ store });
  });
  afterAll(() => graph.close());

  const SIGNED_BOB = 'Relationship:Person:bob-sample>SIGNED>Agreement:springfield-accord';
  const signed = async () => {
    const { body } = await graph.post(BOB, undefined, KEYS.reader);
    return { signed: body.data.node.signedAgreements.nodes, touched: body.extensions.cost.touched };
  };

  it('gives the new answer after a write, and never looks up or keeps a mutation', async () => {
    const executed = await signed();
    expect(executed).toEqual({ signed: [{ id: 'Agreement:springfield-accord' }], touched: expect.any(Number) });
    expect(executed.touched).toBeGreaterThan(0);
    expect(await signed()).toEqual({ signed: [{ id: 'Agreement:springfield-accord' }], touched: 0 });
    const before = lookups(graph.http.metrics);
    const retract = `mutation { retractFact(input: { fact: "${SIGNED_BOB}", reason: "probing the answer cache" }) { retractedId userErrors { code } } }`;
    expect((await graph.post(retract, undefined, KEYS.curator)).body.data).toEqual({ retractFact: { retractedId: SIGNED_BOB, userErrors: [] } });
    expect(lookups(graph.http.metrics), 'a mutation is not looked up').toEqual(before);
    const after = await signed();
    expect(after.signed).toEqual([]);
    expect(after.touched).toBeGreaterThan(0);
    expect(await signed()).toEqual({ signed: [], touched: 0 });
  });
});
