import type { ApolloServerPlugin } from '@apollo/server';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.js';
import { loadMemoryStore } from '../src/store/load.js';
import { accessWith, countingStore, httpOn, OPERATION_VARIABLES, REAL_SEED, type TestHttp } from './helpers.js';
import { readmeExamples } from './readme-examples.js';

/**
 * One request path: every executed request runs Apollo's pipeline once, so a plugin (telemetry,
 * auth, a rate limit) sees every operation. Only a repeat of a credential-free request may be
 * answered by the HTTP cache in front, as a CDN would; inside the pipeline, the answer cache skips
 * execution alone for a repeated query, and every other hook still runs once.
 */
const HOOKS = ['requestDidStart', 'didResolveOperation', 'executionDidStart', 'willSendResponse'] as const;
type Hook = (typeof HOOKS)[number];
const seen: Record<Hook, number> = { requestDidStart: 0, didResolveOperation: 0, executionDidStart: 0, willSendResponse: 0 };
const reset = () => HOOKS.forEach((hook) => (seen[hook] = 0));

const watching: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    seen.requestDidStart++;
    return {
      async didResolveOperation() {
        seen.didResolveOperation++;
      },
      async executionDidStart() {
        seen.executionDidStart++;
      },
      async willSendResponse() {
        seen.willSendResponse++;
      },
    };
  },
};

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VARIABLES = OPERATION_VARIABLES;

/** Every operation in operations/ and every example of the README on the article's graph, as requests. */
function requests(): Array<{ query: string; operationName?: string; variables?: Record<string, unknown> }> {
  const list: Array<{ query: string; operationName?: string; variables?: Record<string, unknown> }> = [];
  for (const file of readdirSync(`${ROOT}operations`).filter((f) => f.endsWith('.graphql')).sort()) {
    const text = readFileSync(`${ROOT}operations/${file}`, 'utf8');
    for (const definition of parse(text).definitions) {
      // Mutations (the curation page's) are refused to a request without a key before they execute
      // (FORBIDDEN); tests/curation.test.ts and the curation browser tests follow them with a key.
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') continue;
      const name = (definition as OperationDefinitionNode).name!.value;
      list.push({ query: text, operationName: name, variables: VARIABLES[name] });
    }
  }
  for (const query of readmeExamples()) list.push({ query });
  return list;
}

let http: TestHttp;
let withoutAnswers: TestHttp;
let cached: TestHttp;
let calls: ReturnType<typeof countingStore>['calls'];
beforeAll(async () => {
  const counted = countingStore(await loadMemoryStore(REAL_SEED));
  calls = counted.calls;
  http = await httpOn(counted.store, { server: { plugins: [watching] } });
  withoutAnswers = await httpOn(counted.store, { server: { plugins: [watching], answerCacheBytes: 0 } });
  cached = await httpOn(counted.store, { server: { plugins: [watching] }, http: { responseCacheBytes: 1 << 20, access: accessWith([{ name: 'analyst', role: 'reader', key: 'reader-key' }]) } });
});
afterAll(async () => {
  await http.close();
  await withoutAnswers.close();
  await cached.close();
});

const post = (target: TestHttp, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('the request path', () => {
  it('runs every hook of a plugin exactly once for every query, over POST and GET, new or repeated; a repeat answered by the answer cache skips execution alone', async () => {
    const all = requests();
    expect(all.length).toBeGreaterThan(15);
    const answered = new Set<string>();
    for (const request of all) {
      for (let repeat = 0; repeat < 2; repeat++) {
        reset();
        const answer = await post(http, request);
        // The README shows one refusal on purpose (a depth of 5): it too is executed once, and an answer with errors is never kept.
        if (answer.body.errors) expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
        const fromAnswerCache = answered.has(JSON.stringify(request));
        if (!answer.body.errors) answered.add(JSON.stringify(request));
        expect(seen, request.operationName ?? request.query.slice(0, 80)).toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: fromAnswerCache ? 0 : 1, willSendResponse: 1 });
        // With the answer cache off, every request executes.
        reset();
        await post(withoutAnswers, request);
        expect(seen, request.operationName ?? request.query.slice(0, 80)).toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: 1, willSendResponse: 1 });
      }
    }
    expect(answered.size).toBeGreaterThan(15);
    reset();
    const search = new URLSearchParams({ query: '{ countries { totalCount } }' });
    expect((await fetch(`${http.url}/graphql?${search}`)).status).toBe(200);
    expect(seen).toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: 1, willSendResponse: 1 });
  });

  it('executes a request with an error once, and reaches the store once for it', async () => {
    const request = { query: '{ good: node(id: "Person:evan-solomon") { id } bad: node(id: "not an id") { id } }' };
    const before = { ...calls };
    reset();
    const answer = await post(http, request);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.body.data).toEqual({ good: { id: 'Person:evan-solomon' }, bad: null });
    expect(seen).toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: 1, willSendResponse: 1 });
    expect(calls.getNodes - before.getNodes).toBe(1);
  });

  it('refuses a request whose variables cannot be applied before it executes, with each hook once', async () => {
    reset();
    const answer = await post(http, { query: 'query ($id: ID = "Person:evan-solomon") { node(id: $id) { id } }', variables: { id: null } });
    expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(seen).toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: 0, willSendResponse: 1 });
  });

  it('answers a repeat from the HTTP cache only when it carries no credentials; with a key, every request runs the pipeline', async () => {
    const request = { query: '{ agreements { totalCount } }' };
    reset();
    await post(cached, request);
    await post(cached, request);
    expect(seen, 'the anonymous repeat is an HTTP cache hit').toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: 1, willSendResponse: 1 });
    reset();
    for (let i = 0; i < 3; i++) await post(cached, request, { authorization: 'Bearer reader-key' });
    // Each keyed request runs the pipeline; the answer cache, which kept the first answer, spares each its execution.
    expect(seen).toEqual({ requestDidStart: 3, didResolveOperation: 3, executionDidStart: 0, willSendResponse: 3 });
  });

  it('answers a request that says Cache-Control: no-cache (or no-store, max-age=0, Pragma: no-cache) through the pipeline, never from the HTTP cache', async () => {
    const request = { query: '{ events { totalCount } }' };
    await post(cached, request);
    reset();
    await post(cached, request);
    expect(seen.executionDidStart, 'a plain repeat is a cache hit').toBe(0);
    const bypasses: Array<Record<string, string>> = [{ 'cache-control': 'no-cache' }, { 'cache-control': 'no-store' }, { 'cache-control': 'max-age=0' }, { pragma: 'no-cache' }];
    for (const headers of bypasses) {
      reset();
      const answer = await post(cached, request, headers);
      expect(answer.body.data.events.totalCount).toBe(3);
      expect(seen, JSON.stringify(headers)).toEqual({ requestDidStart: 1, didResolveOperation: 1, executionDidStart: 1, willSendResponse: 1 });
    }
  });
});
