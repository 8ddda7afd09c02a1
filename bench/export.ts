/**
 * npm run bench:export [-- --sizes 10000,100000 --rounds 3]
 *
 * For each size: generates the synthetic graph (once, under bench/data/), and in a fresh process
 * downloads the whole graph from `GET /export` in every format (bench/export-probe.ts), recording
 * the bytes, the time, how far the server's resident memory rose above what it was before the
 * export, and how far its live heap (what a full collection leaves) rose. An export that held the
 * graph, or its output, would raise the live heap with the graph; a streamed one holds a page. Writes bench/results/export.json and the export section of
 * bench/RESULTS.md. Asserts nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { Download } from './export-probe.js';
import { generateGraph } from './generate-graph.js';
import { writeResultsSection } from './results.js';

const run = promisify(execFile);

interface Probe {
  entities: number;
  relationships: number;
  loadMs: number;
  downloads: Download[];
}

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, rounds: { type: 'string', default: '3' } } });
const sizes = values.sizes!.split(',').map(Number);
const rounds = Number(values.rounds);

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const MiB = 2 ** 20;
const spread = (list: number[], unit: number, digits = 0) =>
  `${(median(list) / unit).toFixed(digits)} (${(Math.min(...list) / unit).toFixed(digits)}–${(Math.max(...list) / unit).toFixed(digits)})`;

const probes: Probe[] = [];
for (const size of sizes) {
  const dir = path.join('bench', 'data', String(size));
  if (!existsSync(path.join(dir, 'graph.relationships.ndjson'))) {
    console.log(`generating ${size.toLocaleString('en')} nodes in ${dir}`);
    await generateGraph(size, dir);
  }
  console.log(`exporting ${size.toLocaleString('en')} nodes, ${rounds} rounds`);
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/export-probe.ts', dir, String(rounds)], {
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const probe = JSON.parse(stdout.trim().split('\n').pop()!) as Probe;
  probes.push(probe);
  for (const name of new Set(probe.downloads.map((d) => d.name))) {
    const of = probe.downloads.filter((d) => d.name === name);
    console.log(
      `  ${name}: ${spread(of.map((d) => d.bytes), MiB)} MiB in ${spread(of.map((d) => d.ms), 1000, 1)} s, RSS +${spread(of.map((d) => d.rssPeakBytes - d.rssBeforeBytes), MiB)} MiB, live heap +${spread(of.map((d) => d.livePeakBytes - d.liveBeforeBytes), MiB, 1)} MiB`,
    );
  }
}

mkdirSync(path.join('bench', 'results'), { recursive: true });
writeFileSync(path.join('bench', 'results', 'export.json'), `${JSON.stringify({ date: new Date().toISOString(), rounds, probes }, null, 2)}\n`);

const rows = probes.flatMap((probe) =>
  [...new Set(probe.downloads.map((d) => d.name))].map((name) => {
    const of = probe.downloads.filter((d) => d.name === name);
    const rise = (d: Download) => d.livePeakBytes - d.liveBeforeBytes;
    return `| ${probe.entities.toLocaleString('en')} | ${probe.relationships.toLocaleString('en')} | ${name} | ${spread(of.map((d) => d.bytes), MiB)} MiB | ${spread(of.map((d) => d.ms), 1000, 1)} s | ${spread(of.map((d) => d.liveBeforeBytes), MiB)} MiB | **+${spread(of.map(rise), MiB, 1)} MiB** | ${spread(of.map((d) => d.rssBeforeBytes), MiB)} MiB | +${spread(of.map((d) => d.rssPeakBytes - d.rssBeforeBytes), MiB)} MiB |`;
  }),
);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
writeResultsSection(
  'export',
  `## Export memory

Command: \`npm run bench:export -- --sizes ${sizes.join(',')} --rounds ${rounds}\` (${new Date().toISOString().slice(0, 10)}). Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.

Each size is the synthetic graph of bench/generate-graph.ts, served by Entente in a fresh process with \`NODE_ENV=production\`; curl downloads \`GET /export\` over loopback in each format, ${rounds} round(s) with the order of the formats turning each round. The live heap is what a full collection leaves: before the download, and the highest at collections forced every 2 s while it ran; that rise is what the export holds. RSS is the process's resident memory after a full collection before the download, and its rise to the highest value sampled every 10 ms: it counts garbage too, which V8 lets grow before collecting in proportion to the heap it already holds (the graph), so it rises with the graph even when the export holds nothing more. Medians, with min–max in brackets. Times are on a machine shared with other work (load average ${os.loadavg()[0]!.toFixed(0)} on ${os.cpus().length} cores when the run ended).

| entities | relationships | format | size | time | live heap before | live heap rise during the export | RSS before | RSS rise |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}`,
);
