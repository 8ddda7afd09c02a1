/**
 * Run by bench/export.ts in a fresh process: loads one synthetic graph, serves it over HTTP on
 * loopback, and downloads `GET /export` in every format with curl, `rounds` times, the order of the
 * formats turning each round. For each download it records the bytes, the time and the process's
 * memory: resident memory after a full collection just before, and the highest seen while the
 * export ran (sampled every 10 ms); and the live heap with the buffers outside it, what a full collection leaves, before and
 * at full collections forced every 2 s while the export runs. Resident memory rises with garbage,
 * which V8 lets grow in proportion to the heap it already has (the graph); the live heap is what
 * the export holds. Prints one JSON line.
 *
 *   node --expose-gc --import tsx bench/export-probe.ts <seed dir> <rounds>
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { createHttpServer } from '../src/http/http-server.js';
import { createGraphQLServer } from '../src/server.js';
import { loadMemoryStore } from '../src/store/load.js';

const run = promisify(execFile);
const [dir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
if (!dir || !gc) throw new Error('usage: node --expose-gc --import tsx bench/export-probe.ts <seed dir> <rounds>');

/** What is downloaded: each format, and Turtle once more by a client that reads at 20 MB/s. */
const EXPORT_CASES = [
  { name: 'jsonld', query: 'format=jsonld' },
  { name: 'turtle', query: 'format=turtle' },
  { name: 'nquads', query: 'format=nquads' },
  { name: 'ndjson', query: 'format=ndjson' },
  { name: 'csv relationships', query: 'format=csv&table=relationships' },
  { name: 'turtle, slow client (20 MB/s)', query: 'format=turtle', rate: '20M' },
] as const;

const loadStarted = performance.now();
const store = await loadMemoryStore(dir);
const loadMs = performance.now() - loadStarted;
const graphql = createGraphQLServer({});
await graphql.apollo.start();
const server = createHttpServer({ graphql, store, publicUrl: 'http://localhost:4000' });
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address() as AddressInfo;

/** One download as the probe reports it to bench/export.ts. */
export interface Download {
  name: string;
  bytes: number;
  ms: number;
  rssBeforeBytes: number;
  rssPeakBytes: number;
  liveBeforeBytes: number;
  livePeakBytes: number;
}

/** The JavaScript heap and the buffers outside it (text on its way to the socket is in buffers). */
function live(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

async function download(name: string, query: string, rate: string | undefined): Promise<Download> {
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc!();
  const rssBeforeBytes = process.memoryUsage.rss();
  const liveBeforeBytes = live();
  let rssPeakBytes = rssBeforeBytes;
  let livePeakBytes = liveBeforeBytes;
  const sampler = setInterval(() => (rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss())), 10);
  const collector = setInterval(() => {
    rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
    gc!();
    livePeakBytes = Math.max(livePeakBytes, live());
  }, 2000);
  const started = performance.now();
  const args = ['-s', '-o', '/dev/null', '-w', '%{size_download} %{http_code}', ...(rate ? ['--limit-rate', rate] : []), `http://127.0.0.1:${port}/export?${query}`];
  const { stdout } = await run('curl', args);
  const ms = performance.now() - started;
  clearInterval(sampler);
  clearInterval(collector);
  const [bytes, status] = stdout.trim().split(' ').map(Number);
  if (status !== 200) throw new Error(`${name}: status ${status}`);
  return { name, bytes: bytes!, ms, rssBeforeBytes, rssPeakBytes, liveBeforeBytes, livePeakBytes };
}

const downloads: Download[] = [];
for (let round = 0; round < rounds; round++) {
  const order = EXPORT_CASES.map((_, i) => EXPORT_CASES[(i + round) % EXPORT_CASES.length]!);
  for (const { name, query, ...rest } of order) downloads.push(await download(name, query, 'rate' in rest ? rest.rate : undefined));
}
server.closeAllConnections();
server.close();
await graphql.apollo.stop();
console.log(JSON.stringify({ entities: store.size.entities, relationships: store.size.relationships, loadMs, downloads }));
