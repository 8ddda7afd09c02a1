/**
 * npm run bench:heap [-- --rounds 10 --per-round 200000]
 * SEED_DIR=bench/data/1000000 npm run bench:heap -- --rounds 0
 *
 * What stays alive as one-off documents stream in: an Entente HTTP server in this process (default
 * caches), fed documents no cache has seen over loopback by autocannon, with a full garbage
 * collection after each round. Prints first the live heap of the loaded graph, after load and after
 * the warm-up a server does before it is ready (with `--rounds 0`, only those: the graph's own
 * cost at a size), then the live heap and the document store's size per round; RSS
 * is not the measure here (the load generator shares the process, and V8 keeps freed pages).
 * The soak (`npm run soak`) watches the RSS of a separate server. Writes
 * bench/results/live-heap.json and asserts nothing.
 *
 * To see which code allocated what stays alive, run it under V8's sampling heap profiler with
 * inlining off, since otherwise an allocation in a function inlined into another is charged to the
 * outer one (JSON.parse in the NDJSON reader's callback shows as readLines):
 *   node --expose-gc --no-turbo-inlining --heap-prof --heap-prof-dir=/tmp/heap --import tsx bench/live-heap.ts --rounds 0
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createMetrics } from '../src/metrics.js';
import { createGraphQLServer } from '../src/server.js';
import { loadMemoryStore } from '../src/store/load.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc (npm run bench:heap does)');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' }, 'per-round': { type: 'string', default: '200000' } } });
const rounds = Number(values.rounds);
const perRound = Number(values['per-round']);

const MiB = 2 ** 20;
const liveHeapMiB = () => {
  collect();
  collect();
  return Number((process.memoryUsage().heapUsed / MiB).toFixed(1));
};
const config = readConfig({ ...process.env, NODE_ENV: 'production' });
const loadStarted = performance.now();
const store = await loadMemoryStore(config.seedDir);
const loadMs = Math.round(performance.now() - loadStarted);
const afterLoadMiB = liveHeapMiB();
const warmUpStarted = performance.now();
await store.warmUp();
const warmUpMs = Math.round(performance.now() - warmUpStarted);
const afterWarmUpMiB = liveHeapMiB();
const graph = { seedDir: config.seedDir, ...store.size, loadMs, afterLoadMiB, warmUpMs, afterWarmUpMiB };
console.log(
  `${config.seedDir}: ${store.size.entities} entities, ${store.size.relationships} relationships; ` +
    `live heap ${afterLoadMiB} MiB after load (${(loadMs / 1000).toFixed(1)} s), ${afterWarmUpMiB} MiB after warm-up (${(warmUpMs / 1000).toFixed(1)} s)`,
);
const metrics = createMetrics();
const graphql = createGraphQLServer({ metrics, limits: config.limits, documentCacheBytes: config.documentCacheBytes });
await graphql.apollo.start();
const server = createHttpServer({ graphql, store, metrics, responseCacheBytes: config.responseCacheBytes });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };

let sent = 0;
const samples: Array<{ requests: number; liveHeapMiB: number; documents: number; documentBytes: number }> = [];
for (let round = 0; round <= rounds; round++) {
  if (round > 0) {
    await autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      connections: 20,
      amount: perRound,
      requests: [{ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: `{ once${(sent += 1)}: node(id: "Person:evan-solomon") { id ... on Entity { name } } }` }) }) }],
    });
  }
  const heap = liveHeapMiB();
  const { entries, bytes } = graphql.documents?.size ?? { entries: 0, bytes: 0 };
  const sample = { requests: sent, liveHeapMiB: heap, documents: entries, documentBytes: bytes };
  samples.push(sample);
  console.log(`after ${sample.requests} one-off requests: live heap ${sample.liveHeapMiB} MiB, document store ${entries} documents, ${(bytes / MiB).toFixed(1)} MiB by its count`);
}
mkdirSync(path.join('bench', 'results'), { recursive: true });
writeFileSync(path.join('bench', 'results', 'live-heap.json'), `${JSON.stringify({ date: new Date().toISOString(), graph, rounds, perRound, samples }, null, 2)}\n`);
server.close();
process.exit(0);
