/**
 * Soak: drives a real Entente process on loopback for a set time with a mixed workload and reports
 * errors, latency percentiles and the server's memory (RSS) over time. It stops by itself.
 *
 *   npm run soak                       # 5 minutes, 50 connections
 *   npm run soak -- --duration 30s     # shorter; also 2m, 90 (seconds)
 *   npm run soak -- --connections 10
 *   npm run build && npm run soak -- --production   # the production start: node dist/src/index.js
 *
 * Writes bench/results/soak-<time>.json and asserts nothing about time.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function seconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(text.trim());
  if (!match) throw new Error(`--duration must look like 300, 30s or 5m; got ${text}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

const { values } = parseArgs({ options: { duration: { type: 'string', default: '5m' }, connections: { type: 'string', default: '50' }, production: { type: 'boolean', default: false } } });
const durationSeconds = seconds(values.duration);
const connections = Number(values.connections);

const json = (query: string, variables?: Record<string, unknown>) => ({
  method: 'POST' as const,
  path: '/graphql',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
});

let unique = 0;

/** What analysts and a few misbehaving clients send, in turn on every connection. */
const workload = [
  json('{ node(id: "Agreement:de-ca-ai-declaration") { ... on Agreement { name signatories { edges { node { name } onBehalfOf { code } evidence { quote start end } } } concludedAt { node { name } } topics(first: 3) { totalCount nodes { name } } } } }'),
  json('{ entitiesByName(name: "montreal") { name ... on Place { events { edges { node { name status startsOn { iso precision qualifier } } evidence { quote modality } } } } } }'),
  json('query Canada($code: CountryCode!) { country(code: $code) { name label(language: FR) strengths { edges { node { name } relationship { note } } } agreements { nodes { name kind } } } }', { code: 'CA' }),
  { method: 'GET' as const, path: `/graphql?query=${encodeURIComponent('query People { people(first: 10) { totalCount nodes { id name } } }')}`, headers: { accept: 'application/graphql-response+json' } },
  json('query TooCostly($n: Int) { people(first: $n) { nodes { signedAgreements(first: $n) { nodes { signatories(first: $n) { nodes { name } } } } } } }', { n: 100 }),
  { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query": ' },
  // A document no cache has seen, every time: checked, answered and forgotten.
  {
    ...json(''),
    setupRequest: (request: autocannon.Request) => ({ ...request, body: JSON.stringify({ query: `{ once${(unique += 1)}: node(id: "Person:evan-solomon") { id ... on Entity { name } } }` }) }),
  },
  { method: 'GET' as const, path: '/health' },
];

/** The server's own view: requests it answered, and GraphQL time from its duration histogram. */
async function serverSide(base: string): Promise<{ httpRequests: number; graphqlOperations: number; graphqlMeanMs: number; graphqlP50Ms: number; graphqlP99Ms: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  const httpRequests = sum(/^entente_http_requests_total\{[^}]*\} (\d+)/gm);
  const count = sum(/^entente_graphql_operation_duration_seconds_count\{[^}]*\} (\d+)/gm);
  const seconds = sum(/^entente_graphql_operation_duration_seconds_sum\{[^}]*\} ([\d.e+-]+)/gm);
  const buckets = new Map<number, number>();
  for (const match of text.matchAll(/^entente_graphql_operation_duration_seconds_bucket\{le="([^"]+)",[^}]*\} (\d+)/gm)) {
    const le = match[1] === '+Inf' ? Infinity : Number(match[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
  }
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const quantile = (q: number) => (sorted.find(([, n]) => n >= q * count)?.[0] ?? NaN) * 1000;
  return { httpRequests, graphqlOperations: count, graphqlMeanMs: Math.round((seconds / count) * 1e5) / 100, graphqlP50Ms: quantile(0.5), graphqlP99Ms: quantile(0.99) };
}

async function rssBytes(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
}

const PRODUCTION_ENTRY = 'dist/src/index.js';
if (values.production && !existsSync(new URL(`../${PRODUCTION_ENTRY}`, import.meta.url))) throw new Error(`--production runs ${PRODUCTION_ENTRY}: run npm run build first`);
const start = values.production ? [PRODUCTION_ENTRY] : ['--import', 'tsx', 'src/index.ts'];
const child = spawn(process.execPath, start, {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
const port = await new Promise<number>((resolve, reject) => {
  child.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /at http:\/\/localhost:(\d+)\//.exec(output);
    if (match) resolve(Number(match[1]));
  });
  child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
});
const base = `http://127.0.0.1:${port}`;
console.log(`soak: ${durationSeconds} s, ${connections} connections, ${workload.length} kinds of request, server (node ${start.join(' ')}) pid ${child.pid} at ${base}`);

const rss: Array<{ atSeconds: number; mb: number }> = [];
const started = Date.now();
const sample = async () => rss.push({ atSeconds: Math.round((Date.now() - started) / 1000), mb: Math.round((await rssBytes(base)) / 1e5) / 10 });
await sample();
const sampler = setInterval(() => void sample().catch(() => undefined), Math.max(1000, Math.min(15_000, (durationSeconds * 1000) / 20)));

const result = await autocannon({ url: base, connections, duration: durationSeconds, requests: workload, timeout: 10 });
clearInterval(sampler);
await sample();
const server = await serverSide(base);

const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]));
const count = (from: number, to: number) => Object.entries(statuses).reduce((sum, [code, n]) => sum + (Number(code) >= from && Number(code) < to ? n : 0), 0);
const report = {
  when: new Date().toISOString(),
  node: process.version,
  durationSeconds,
  connections,
  start: `node ${start.join(' ')}`,
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  statuses,
  status5xx: count(500, 600),
  // The workload sends invalid JSON on purpose (400); the over-cost query is a 200 with errors.
  status4xx: count(400, 500),
  errors: result.errors,
  timeouts: result.timeouts,
  latencyMs: { mean: result.latency.mean, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  // Upper bounds of the histogram buckets the 50th and 99th percentiles fall in.
  server,
  rssMb: rss,
};

child.kill('SIGTERM');
const [exitCode] = await once(child, 'exit');
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = fileURLToPath(new URL(`./results/soak-${report.when.replace(/[:.]/g, '-')}.json`, import.meta.url));
writeFileSync(file, `${JSON.stringify({ ...report, serverExitCode: exitCode }, null, 2)}\n`);

const first = rss[0]?.mb;
const last = rss.at(-1)?.mb;
console.log(
  [
    `requests ${report.requests} (${report.requestsPerSecond.toFixed(0)}/s), statuses ${JSON.stringify(statuses)}`,
    `errors ${report.errors}, timeouts ${report.timeouts}, 5xx ${report.status5xx}`,
    `latency ms mean ${report.latencyMs.mean}, p50 ${report.latencyMs.p50}, p90 ${report.latencyMs.p90}, p99 ${report.latencyMs.p99}, max ${report.latencyMs.max}`,
    `server side: ${server.httpRequests} HTTP requests answered, ${server.graphqlOperations} GraphQL operations, mean ${server.graphqlMeanMs} ms, p50 <= ${server.graphqlP50Ms} ms, p99 <= ${server.graphqlP99Ms} ms`,
    `server RSS MB ${first} -> ${last} (max ${Math.max(...rss.map((r) => r.mb))}); samples ${rss.map((r) => `${r.atSeconds}s:${r.mb}`).join(' ')}`,
    `server exit code after SIGTERM: ${exitCode}; written to ${file}`,
  ].join('\n'),
);
