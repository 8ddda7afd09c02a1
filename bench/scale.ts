/**
 * npm run bench:scale [-- --sizes 1000,10000,100000,1000000 --rounds 200]
 * npm run bench:scale -- --store postgres [--database-url <url>] [--pin] [--reuse] [--sizes ...]
 *
 * For each size: generates the synthetic graph (once, under bench/data/), loads it in a fresh
 * process, and records load time, memory and the latency of five operations. Writes
 * bench/results/scale.json, bench/results/scale.svg and the scale section of bench/RESULTS.md.
 * With `--store postgres`, the same for the PostgreSQL store (see scale-postgres.ts). Asserts
 * nothing about time: the figures are for reading and comparing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { generateGraph } from './generate-graph.js';
import { writeResultsSection } from './results.js';
import { measurePostgresScale } from './scale-postgres.js';
import { lineChart } from './svg-chart.js';

const run = promisify(execFile);

interface Probe {
  entities: number;
  relationships: number;
  loadMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  bytesPerElement: number;
  searchIndexMs: number;
  rssAfterBytes: number;
  latencies: Record<string, { p50: number; p99: number }>;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    rounds: { type: 'string', default: '200' },
    'skip-search-from': { type: 'string' },
    store: { type: 'string', default: 'memory' },
    'database-url': { type: 'string' },
    pin: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const skipSearchFrom = values['skip-search-from'] ? Number(values['skip-search-from']) : Infinity;
const sizes = values.sizes!.split(',').map(Number);
if (values.store === 'postgres') {
  await measurePostgresScale({ sizes, rounds: Number(values.rounds), skipSearchFrom, databaseUrl: values['database-url'], pin: values.pin!, reuse: values.reuse! });
  process.exit(0);
}
if (values.store !== 'memory') throw new Error(`--store must be memory or postgres, not ${values.store}`);
const results: Probe[] = [];
for (const size of sizes) {
  const dir = path.join('bench', 'data', String(size));
  if (!existsSync(path.join(dir, 'graph.relationships.ndjson'))) {
    console.log(`generating ${size.toLocaleString('en')} nodes in ${dir}`);
    await generateGraph(size, dir);
  }
  console.log(`measuring ${size.toLocaleString('en')} nodes`);
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--max-semi-space-size=64', '--import', 'tsx', 'bench/scale-probe.ts', '--dir', dir, '--rounds', values.rounds!, ...(size >= skipSearchFrom ? ['--skip-search'] : [])],
    { maxBuffer: 1 << 24, env: { ...process.env, NODE_ENV: 'production' } },
  );
  const probe = JSON.parse(stdout.trim().split('\n').pop()!) as Probe;
  results.push(probe);
  console.log(
    `  load ${(probe.loadMs / 1000).toFixed(1)} s, heap ${(probe.heapUsedBytes / 2 ** 20).toFixed(0)} MiB (${probe.bytesPerElement.toFixed(0)} B per node+edge), RSS ${(probe.rssBytes / 2 ** 20).toFixed(0)} MiB; ` +
      Object.entries(probe.latencies)
        .map(([name, l]) => `${name} p50 ${l.p50.toFixed(2)} ms p99 ${l.p99.toFixed(2)} ms`)
        .join('; '),
  );
}

mkdirSync(path.join('bench', 'results'), { recursive: true });
writeFileSync(path.join('bench', 'results', 'scale.json'), `${JSON.stringify({ date: new Date().toISOString(), sizes, results }, null, 2)}\n`);
const names = Object.keys(results[0]!.latencies);
const latency = (r: Probe, name: string) => (r.latencies[name] ? `${r.latencies[name]!.p50.toFixed(2)} / ${r.latencies[name]!.p99.toFixed(2)} ms` : 'not measured');
const svg = lineChart(
  'Latency (p50, ms) and heap bytes per node+edge against graph size',
  'entities in the graph (log)',
  'ms (log) / bytes per element ÷ 100',
  [
    ...names.map((name) => ({ name: `${name} p50`, points: results.filter((r) => r.latencies[name]).map((r) => [r.entities, r.latencies[name]!.p50] as [number, number]) })),
    { name: 'bytes/element ÷ 100', points: results.map((r) => [r.entities, r.bytesPerElement / 100] as [number, number]) },
  ],
  { logX: true, logY: true },
);
writeFileSync(path.join('bench', 'scale.svg'), svg);

const table = [
  '| entities | relationships | load | heap | bytes per node+edge | RSS | search index build | ' + names.map((n) => `${n} p50 / p99`).join(' | ') + ' |',
  '|' + ' --- |'.repeat(7 + names.length),
  ...results.map(
    (r) =>
      `| ${r.entities.toLocaleString('en')} | ${r.relationships.toLocaleString('en')} | ${(r.loadMs / 1000).toFixed(2)} s | ${(r.heapUsedBytes / 2 ** 20).toFixed(0)} MiB | ${r.bytesPerElement.toFixed(0)} | ${(r.rssBytes / 2 ** 20).toFixed(0)} MiB | ${Number.isNaN(r.searchIndexMs ?? NaN) || r.searchIndexMs === null ? 'skipped' : `${(r.searchIndexMs / 1000).toFixed(2)} s`} | ` +
      names.map((n) => latency(r, n)).join(' | ') +
      ' |',
  ),
].join('\n');
writeResultsSection(
  'scale',
  `## Scale\n\nCommand: \`npm run bench:scale -- --sizes ${values.sizes} --rounds ${values.rounds}${values['skip-search-from'] ? ` --skip-search-from ${values['skip-search-from']}` : ''}\` (${new Date().toISOString().slice(0, 10)}). ` +
    `Each size is a deterministic synthetic graph (bench/generate-graph.ts: every entity type, about three relationships per entity with hubs, evidence on everything), ` +
    `loaded from NDJSON in a fresh process; latencies are in-process executions of the operation (no HTTP), ${values.rounds} rounds after 300 warm-up runs (or 5 s of them, at least 20).\n\n` +
    `${table}\n\n![scale curve](scale.svg)\n`,
);
console.log('wrote bench/results/scale.json, bench/scale.svg and bench/RESULTS.md');
