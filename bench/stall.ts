/**
 * npm run bench:stall [-- --sizes 100000,1000000 --samples 3]
 *
 * How long one heavy request holds everyone else up. For each size, a real server (production
 * mode, HTTP cache and answer cache off) serves the synthetic graph of bench/generate-graph.ts, and once `/ready`
 * says its start-up indexes are built (the time is reported), for each heavy probe (filters through relationships, a deep neighbourhood, paths, a search with common words,
 * the first search, evidence of a whole source, grouped counts), this process sends the probe and,
 * while it runs, a `GET /health` and a `node(id:)` lookup every 5 ms on other connections. The
 * longest /health wait is the longest stretch the event loop was held. Writes
 * bench/results/stall.json and the stall section of bench/RESULTS.md, with the /health waits of an
 * earlier run beside them when `--before` names its JSON (bench/results/stall-before.json by
 * default, written by a run with `--label before`). Asserts nothing about time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateGraph } from './generate-graph.js';
import { writeResultsSection } from './results.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    samples: { type: 'string', default: '3' },
    label: { type: 'string', default: '' },
    'timeout-ms': { type: 'string', default: '10000' },
    before: { type: 'string', default: path.join('bench', 'results', 'stall-before.json') },
    // Node and V8 flags for the server, such as --server-args=--trace-gc (with '=': the value starts with a dash).
    'server-args': { type: 'string', default: '' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const samples = Number(values.samples);

interface Probe {
  name: string;
  /** The probe's name in earlier runs, to find its figures there. */
  formerly?: string;
  query: string;
  variables?: Record<string, unknown>;
}

const PROBES: Probe[] = [
  { name: 'first search after start-up', formerly: 'first search (builds the index)', query: '{ search(query: "digital alliance", first: 10) { totalCount nodes { score } } }' },
  {
    name: 'filter through two relationships',
    query: '{ people(first: 19, filter: { signedAgreements: { some: { agreement: { topics: { some: { name: { startsWith: "topic-2" } } } } } } }) { totalCount } }',
  },
  { name: 'filter on a description-free attribute', query: '{ agreements(first: 20, filter: { concludedOn: { exists: true }, NOT: { kind: { equals: ALLIANCE } } }) { totalCount } }' },
  { name: 'ordered by relationship count', query: '{ people(first: 20, orderBy: [{ field: SIGNED_AGREEMENTS_COUNT, direction: DESC }]) { totalCount nodes { id } } }' },
  { name: 'neighbourhood of a hub, depth 3', query: '{ neighborhood(id: "Country:c-de", depth: 3, maxNodes: 500) { nodes { depth } } }' },
  { name: 'paths between two people', query: '{ paths(from: "Person:person-1", to: "Person:person-77", maxHops: 6, first: 20) { length } }' },
  { name: 'search with common words', query: '{ search(query: "person", first: 20) { totalCount nodes { score } } }' },
  { name: 'evidence of a whole source, paged', query: '{ factsIn(source: "Source:synthetic-0", start: 0, end: 100000000, first: 100) { totalCount nodes { subject { id } } } }' },
  { name: 'evidence of a whole source, unpaged (deprecated)', query: '{ evidenceIn(source: "Source:synthetic-0", start: 0, end: 100000000) { subject { id } } }' },
  { name: 'grouped counts, paged', query: '{ groups(entityType: PERSON, by: { relationship: MEMBER_OF, direction: OUTGOING }, first: 20) { totalCount nodes { count } } }' },
  { name: 'grouped counts, unpaged (deprecated)', query: '{ groupCounts(entityType: PERSON, by: { relationship: MEMBER_OF, direction: OUTGOING }) { count } }' },
];

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

async function startServer(seedDir: string): Promise<{ port: number; child: ChildProcess }> {
  const serverArgs = values['server-args']!.split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--max-old-space-size=8192', ...serverArgs, '--import', 'tsx', 'src/index.ts'], {
    // The cost limit is lifted: this measures what a request that is let through does to the others.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DIR: seedDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', RESPONSE_CACHE_BYTES: '0', ANSWER_CACHE_BYTES: '0', EXECUTION_TIMEOUT_MS: values['timeout-ms']!, MAX_COST: '100000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let output = '';
  // What the server writes (with --trace-gc, its collections), kept for reading beside the probes.
  mkdirSync(path.join('bench', 'results'), { recursive: true });
  const log = createWriteStream(path.join('bench', 'results', `stall-server-${path.basename(seedDir)}.log`));
  child.stdout!.pipe(log);
  let found = false;
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (found) return;
      output += chunk.toString();
      const match = /localhost:(\d+)/.exec(output);
      if (match) {
        found = true;
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { port, child };
}

/** Waits until /ready answers 200: the server has built the indexes it builds at start-up. */
async function ready(port: number): Promise<void> {
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
    await response?.arrayBuffer();
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The time a request took to be answered; a request the server dropped counts for the time until it was dropped. */
async function timed(request: () => Promise<Response>, failures: { count: number }): Promise<number> {
  const started = performance.now();
  try {
    const response = await request();
    await response.arrayBuffer();
  } catch {
    failures.count += 1;
  }
  return performance.now() - started;
}

interface Sample {
  status: number;
  ms: number;
  bytes: number;
  code: string | null;
  healthMaxMs: number;
  lookupMaxMs: number;
  /** Watching requests the server dropped (a connection reset) instead of answering. */
  dropped: number;
  /** The estimate and the items touched, from extensions.cost, when the server reports them. */
  cost: { requested?: number; touched?: number } | null;
}

/** Sends one probe and watches /health and a lookup until it is answered. */
async function measure(port: number, probe: Probe): Promise<Sample> {
  const base = `http://127.0.0.1:${port}`;
  let done = false;
  const health: number[] = [];
  const lookups: number[] = [];
  const failures = { count: 0 };
  const watch = async (into: number[], request: () => Promise<Response>) => {
    while (!done) {
      into.push(await timed(request, failures));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const lookup = () => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ node(id: \\"Person:person-3\\") { id } }"}' });
  const watchers = [watch(health, () => fetch(`${base}/health`)), watch(lookups, lookup)];
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  let status = 0;
  let text = '';
  try {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: probe.query, variables: probe.variables }) });
    status = response.status;
    text = await response.text();
  } catch {
    text = 'dropped';
  }
  const ms = performance.now() - started;
  done = true;
  await Promise.all(watchers);
  let code: string | null = null;
  let cost: Sample['cost'] = null;
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }>; extensions?: { cost?: Sample['cost'] } };
    code = body.errors?.[0]?.extensions?.code ?? null;
    cost = body.extensions?.cost ?? null;
  } catch {
    code = 'not JSON';
  }
  return { status, ms, bytes: text.length, code, healthMaxMs: Math.max(0, ...health), lookupMaxMs: Math.max(0, ...lookups), dropped: failures.count, cost };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: Array<{ size: number; probe: string; formerly?: string; samples: Sample[] }> = [];
const warmUps: Array<{ size: number; loadMs: number; warmUpMs: number }> = [];
for (const size of sizes) {
  const dir = path.join('bench', 'data', String(size));
  if (!existsSync(path.join(dir, 'graph.relationships.ndjson'))) {
    console.log(`generating ${size.toLocaleString('en')} nodes in ${dir}`);
    await generateGraph(size, dir);
  }
  const started = performance.now();
  const { port, child } = await startServer(dir);
  const serving = performance.now();
  await ready(port);
  const warmUp = { loadMs: serving - started, warmUpMs: performance.now() - serving };
  warmUps.push({ size, ...warmUp });
  console.log(`${size.toLocaleString('en')} entities, server on port ${port}: serving after ${(warmUp.loadMs / 1000).toFixed(1)} s, ready ${(warmUp.warmUpMs / 1000).toFixed(1)} s later`);
  for (const probe of PROBES) {
    const taken: Sample[] = [];
    for (let i = 0; i < samples; i++) taken.push(await measure(port, probe));
    rows.push({ size, probe: probe.name, formerly: probe.formerly, samples: taken });
    const last = taken[taken.length - 1]!;
    console.log(
      `  ${probe.name}: ${last.status}${last.code ? ` ${last.code}` : ''}, ${median(taken.map((s) => s.ms)).toFixed(0)} ms, ${last.bytes} bytes; ` +
        `/health waited at most ${median(taken.map((s) => s.healthMaxMs)).toFixed(1)} ms, a lookup ${median(taken.map((s) => s.lookupMaxMs)).toFixed(1)} ms (medians of ${samples}); ${taken.reduce((n, s) => n + s.dropped, 0)} watching requests dropped`,
    );
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

mkdirSync(path.join('bench', 'results'), { recursive: true });
const label = values.label ? `-${values.label}` : '';
writeFileSync(path.join('bench', 'results', `stall${label}.json`), `${JSON.stringify({ date: new Date().toISOString(), sizes, samples, warmUps, rows }, null, 2)}\n`);
const before: { date: string; rows: typeof rows } | null = !values.label && existsSync(values.before!) ? JSON.parse(readFileSync(values.before!, 'utf8')) : null;
/** The median longest /health wait of the same probe at the same size in the earlier run, when it has one. */
const healthBefore = (size: number, probe: string, formerly?: string): string => {
  const row = before?.rows.find((r) => r.size === size && (r.probe === probe || r.probe === formerly));
  return row ? median(row.samples.map((s) => s.healthMaxMs)).toFixed(1) : '—';
};
const table = rows
  .map(({ size, probe, formerly, samples: taken }) => {
    const last = taken[taken.length - 1]!;
    const range = (pick: (s: Sample) => number) => `${median(taken.map(pick)).toFixed(1)} (${Math.min(...taken.map(pick)).toFixed(1)}–${Math.max(...taken.map(pick)).toFixed(1)})`;
    const cost = last.cost ? `${last.cost.requested ?? '—'} / ${last.cost.touched ?? '—'}` : '—';
    const beforeCell = before ? ` ${healthBefore(size, probe, formerly)} |` : '';
    return `| ${size.toLocaleString('en')} | ${probe} | ${last.status}${last.code ? ` ${last.code}` : ''} | ${cost} | ${range((s) => s.ms)} |${beforeCell} ${range((s) => s.healthMaxMs)} | ${range((s) => s.lookupMaxMs)} | ${taken.reduce((n, s) => n + s.dropped, 0)} |`;
  })
  .join('\n');
writeResultsSection(
  'stall',
  `## Stalls: how long one heavy request holds the others\n\n` +
    `Command: \`npm run bench:stall -- --sizes ${sizes.join(',')} --samples ${samples}\` (${new Date().toISOString().slice(0, 10)}). ` +
    `A real server (production mode, HTTP cache and answer cache off, so that every sample does the work, cost limit lifted, execution limit ${values['timeout-ms']} ms) serves the synthetic graph; while each probe runs, this process sends \`GET /health\` and a \`node(id:)\` lookup every 5 ms on other connections. ` +
    `Probes start once \`/ready\` answers 200, that is once the server has built its start-up indexes: ${warmUps.map((w) => `${w.size.toLocaleString('en')} entities served after ${(w.loadMs / 1000).toFixed(1)} s, ready ${(w.warmUpMs / 1000).toFixed(1)} s later`).join('; ')}. ` +
    `The longest /health wait is the longest stretch the event loop was held. Medians of ${samples} samples, range in brackets. Goal: /health and a lookup within 50 ms while any probe runs.` +
    (before ? ` "Before" is the median longest /health wait of the run of ${before.date.slice(0, 10)} (${values.before}).` : '') +
    `\n\n| entities | probe | answer | cost estimated / items touched | probe ms |${before ? ' before: longest /health wait, ms |' : ''} longest /health wait, ms | longest lookup wait, ms | watching requests dropped |\n| --- | --- | --- | --- | --- |${before ? ' --- |' : ''} --- | --- | --- |\n${table}\n`,
);
process.exit(0);
