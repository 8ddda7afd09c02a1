import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lifecycle } from '../src/http/http-server.js';
import { RequestWork } from '../src/lib/work.js';
import { createLogger } from '../src/logger.js';
import { loadMemoryStore } from '../src/store/load.js';
import { SearchIndex } from '../src/store/search-index.js';
import { warmUpBeforeReady } from '../src/warm-up.js';
import { httpOn, storeWith, TINY_SEED, type TestHttp } from './helpers.js';

let http: TestHttp | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  vi.restoreAllMocks();
});

/** A logger whose lines the test reads. */
function capturedLogger() {
  const out = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  out.on('data', (chunk: Buffer) => chunk.toString().trim().split('\n').forEach((line) => lines.push(JSON.parse(line) as Record<string, unknown>)));
  return { logger: createLogger('info', out), lines };
}

const getJson = async (path: string) => {
  const response = await fetch(`${http!.url}${path}`);
  return { status: response.status, body: await response.json() };
};

describe('warming up at start-up', () => {
  it('keeps /ready at 503 "warming" until the indexes are built, while /health and queries are answered', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // The real build, held back until the test lets it go.
    const held = storeWith(store, { warmUp: async () => (await gate, store.warmUp()) });
    const lifecycle: Lifecycle = { draining: false };
    http = await httpOn(held, { http: { lifecycle } });
    const { logger, lines } = capturedLogger();

    const warming = warmUpBeforeReady(held, lifecycle, logger);
    expect(await getJson('/ready')).toEqual({ status: 503, body: { status: 'warming', graphVersion: store.version } });
    expect(await getJson('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const search = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(query: "Sylvania", first: 1) { nodes { node { id } } } }' }) });
    expect(((await search.json()) as { data: unknown }).data).toEqual({ search: { nodes: [{ node: { id: 'Country:sylvania' } }] } });

    open();
    await warming;
    expect(await getJson('/ready')).toEqual({ status: 200, body: { status: 'ready', graphVersion: store.version } });
    expect(lines.filter((line) => line.msg === 'indexes built')).toHaveLength(1);
  });

  it('turns ready when the build fails, saying so, so that the indexes are built on first use', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    const failing = storeWith(store, { warmUp: () => Promise.reject(new Error('out of memory')) });
    const lifecycle: Lifecycle = { draining: false };
    http = await httpOn(failing, { http: { lifecycle } });
    const { logger, lines } = capturedLogger();

    await warmUpBeforeReady(failing, lifecycle, logger);
    expect(await getJson('/ready')).toEqual({ status: 200, body: { status: 'ready', graphVersion: store.version } });
    expect(lines.map((line) => line.msg)).toEqual(['building the indexes failed; they will be built on first use']);
  });

  it('builds the search index once: a search during the build waits for it, and one abandoned meanwhile does not stop it', async () => {
    const builds = vi.spyOn(SearchIndex, 'build');
    const store = await loadMemoryStore(TINY_SEED);
    const warming = store.warmUp();
    const abandoned = new AbortController();
    abandoned.abort();
    const searches = [
      store.search('Sylvania', { limit: 1, offset: 0, types: null, includeRelationships: false }, new RequestWork(abandoned.signal)),
      store.search('Sylvania', { limit: 1, offset: 0, types: null, includeRelationships: false }, new RequestWork()),
    ];
    await expect(searches[0]).rejects.toMatchObject({ extensions: { code: 'REQUEST_TIMEOUT' } });
    expect((await searches[1]!).matches.map((match) => match.nodeId)).toEqual(['Country:sylvania']);
    await warming;
    expect(builds).toHaveBeenCalledTimes(1);
  });
});
