import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/store/postgres/load-graph.js';
import { migrate } from '../src/store/postgres/migrate.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { loadSeed } from '../src/store/seed.js';
import { httpOn, TINY_SEED, type TestHttp } from './helpers.js';
import { startEmbeddedServer, type EmbeddedServer } from './postgres/embedded.js';

/**
 * The database goes away under a running service and comes back. This file has an embedded server
 * of its own (whatever DATABASE_URL says), since it stops it: the suite's other files keep theirs.
 */
let server: EmbeddedServer;
let store: PostgresGraphStore;
let http: TestHttp;
beforeAll(async () => {
  server = await startEmbeddedServer();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migrate(client);
  await loadGraph(client, await loadSeed(TINY_SEED));
  await client.end();
  store = await PostgresGraphStore.open({ url: server.url, poolSize: 2, statementTimeoutMs: 10_000, connectTimeoutMs: 1000 });
  // No cache of answers, in front of the pipeline or in it: each query here reaches the database.
  http = await httpOn(store, { server: { answerCacheBytes: 0 }, http: { responseCacheBytes: 0 } });
}, 60_000);
afterAll(async () => {
  await http?.close();
  await store?.close();
  await server?.remove();
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${http.url}${path}`);
  return { status: response.status, body: await response.json() };
}

async function query(text: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
  const body = (await response.json()) as { extensions?: unknown };
  delete body.extensions;
  return { status: response.status, body };
}

const FREEDONIA = '{ country(code: "FM") { name } }';

describe('a service on PostgreSQL when the database goes away', () => {
  it('answers SERVICE_UNAVAILABLE and reports itself unready while the database is down, and recovers by itself when it returns', async () => {
    const version = store.version;
    expect(await get('/ready')).toEqual({ status: 200, body: { status: 'ready', database: 'reachable', graphVersion: version } });
    expect(await query(FREEDONIA)).toEqual({ status: 200, body: { data: { country: { name: 'Freedonia' } } } });

    await server.stop();
    expect(await get('/ready')).toEqual({ status: 503, body: { status: 'unavailable', database: 'unreachable', graphVersion: version } });
    expect(await query(FREEDONIA)).toEqual({
      status: 200,
      body: {
        errors: [
          {
            message: 'The graph database cannot be reached just now; the service keeps trying, so try again shortly.',
            locations: [{ line: 1, column: 3 }],
            path: ['country'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
        data: { country: null },
      },
    });

    await server.start();
    // Nobody restarts the service: its next queries find the database again.
    for (let attempt = 0; attempt < 100 && (await get('/ready')).status !== 200; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await get('/ready')).toEqual({ status: 200, body: { status: 'ready', database: 'reachable', graphVersion: version } });
    expect(await query(FREEDONIA)).toEqual({ status: 200, body: { data: { country: { name: 'Freedonia' } } } });
  });
});
