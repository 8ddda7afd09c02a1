/**
 * npm run bench [-- --rounds 5 --duration 4 --connections 50 --warmup 2
 *                   --workloads hot,mixed,unique,generated --pool 2000 --seed 14
 *                   --old /tmp/entente-old --variant 'label=DIR[,NAME=VALUE...]' ...]
 *
 * Measures Entente, its peers and the ceiling of this machine in one run. Every server is started
 * here and pinned to core 0 with taskset; this process drives the load with autocannon from core 1:
 *
 * - the ceiling: a raw node:http server that replies with the precomputed bytes of Entente's answers;
 * - Entente in production mode, asked twice: as an anonymous client (its HTTP cache may answer
 *   repeats) and with `Authorization: Bearer <key>` (always through Apollo's pipeline);
 * - Apollo Server 5 with its defaults and mercurius with graphql-jit, on Entente's schema,
 *   resolvers and store (bench/peers/);
 * - with `--old DIR`, an older checkout of Entente (its node_modules installed or linked), as
 *   anonymous client and with its response cache off;
 * - with `--variant`, more Entente servers (another checkout, other environment variables), asked
 *   with the key: how experiments are compared with the code as it stands.
 *
 * Workloads: hot (one depth-4 analyst query), mixed (a cycle of distinct lookups, searches, paths,
 * filters and pages), unique (a new document every request) and generated (a seeded pool of
 * documents generated from the schema, bench/generated-documents.ts, cycled in order). Before
 * anything is measured, every request of every workload is answered by every server and compared:
 * Entente's answers byte for byte between its two ways in and its variants, the peers' and the old
 * checkout's by their `data`. Each workload is measured in a block: a warm-up of every server, then
 * rounds in which every server runs in turn, the order rotating from round to round. Writes
 * bench/results/workloads.json, bench/workloads.svg and the workloads section of bench/RESULTS.md.
 * Asserts nothing about time.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { writeResultsSection } from './results.js';
import { BENCH_KEY, cpuMicros, documentCounts, entente, hasTaskset, peakRssBytes, pinLoadToCore1, pinToCore0, post, start, stop, type Server } from './servers.js';
import { barChart } from './svg-chart.js';
import { entityIds, HOT, LISTS, mixedRequests, SEARCH_TERMS, uniqueRequest } from './workloads.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    workloads: { type: 'string', default: 'hot,mixed,unique,generated' },
    pool: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '14' },
    old: { type: 'string' },
    peers: { type: 'string', default: 'apollo,mercurius' },
    anonymous: { type: 'string', default: 'on' },
    variant: { type: 'string', multiple: true, default: [] },
    section: { type: 'string', default: 'workloads' },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const poolSize = Number(values.pool);
const WORKLOADS = ['hot', 'mixed', 'unique', 'generated'] as const;
type WorkloadName = (typeof WORKLOADS)[number];
const chosenWorkloads = values.workloads.split(',').map((w) => w.trim()) as WorkloadName[];
for (const w of chosenWorkloads) if (!WORKLOADS.includes(w)) throw new Error(`--workloads takes ${WORKLOADS.join(', ')}, not ${w}`);
const peers = values.peers.split(',').filter((p) => p !== '');
for (const p of peers) if (p !== 'apollo' && p !== 'mercurius') throw new Error(`--peers takes apollo and mercurius, not ${p}`);
const ANONYMOUS = { 'content-type': 'application/json', accept: 'application/json' };
const KEYED = { ...ANONYMOUS, authorization: `Bearer ${BENCH_KEY}` };

pinLoadToCore1();

interface Workload {
  /** The distinct request bodies checked before measuring (for unique, a sample). */
  checked: string[];
  /** autocannon's requests for one measured run with these headers. */
  requests: (target: Target) => autocannon.Request[];
  describe: string;
}

// ---------------------------------------------------------------- measuring

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest: number;
  errors: number;
  non2xx: number;
  /** Share of executed requests whose document Entente's document store held (Entente only). */
  documentHits?: number;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

async function load(server: Server, requests: autocannon.Request[], seconds: number): Promise<Run> {
  const pid = server.child.pid!;
  const documentsBefore = await documentCounts(server);
  const cpuBefore = cpuMicros(pid);
  // autocannon's latency histogram keeps whole milliseconds; every 2xx response's own time is kept instead.
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `http://127.0.0.1:${server.port}/graphql`, connections, duration: seconds, requests }, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms);
    });
  });
  const cpu = cpuMicros(pid) - cpuBefore;
  const documentsAfter = await documentCounts(server);
  const cached = documentsAfter.cached - documentsBefore.cached;
  const parsed = documentsAfter.parsed - documentsBefore.parsed;
  const sorted = Float64Array.from(times).sort();
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuMicrosPerRequest: cpu / Math.max(1, result.requests.total),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ...(server.metrics && cached + parsed > 0 ? { documentHits: cached / (cached + parsed) } : {}),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What is measured: a server, asked with or without the key. */
interface Target {
  label: string;
  server: Server;
  headers: Record<string, string>;
  /** How its answers must match the reference: byte for byte, or by `data`. */
  match: 'bytes' | 'data';
}

/** An answer as the answer cache would give it: the same bytes, with no store work done. */
const untouched = (text: string) => text.replace(/"touched":\d+/, '"touched":0');

function parseVariant(text: string): { label: string; dir: string; env: Record<string, string> } {
  const [label, rest] = text.split(/=(.*)/s) as [string, string | undefined];
  if (!label || !rest) throw new Error(`--variant takes label=DIR[,NAME=VALUE...], not ${text}`);
  const [dir, ...settings] = rest.split(',');
  const env = Object.fromEntries(settings.map((s) => s.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { label, dir: path.resolve(dir!), env };
}

async function main(): Promise<void> {
  // graphql-js checks every instanceof for duplicate copies unless NODE_ENV is production; the
  // generator validates thousands of documents, so it is loaded after this is set.
  process.env.NODE_ENV = 'production';
  const { generateDocuments } = await import('./generated-documents.js');
  const { buildSchema } = await import('graphql');
  const { readTypeDefs } = await import('../src/schema.js');

  const started = Date.now();
  const oldDir = values.old ? path.resolve(values.old) : undefined;
  const [measured, apollo, mercurius, old, oldUncached, ...variants] = await Promise.all([
    entente('Entente', {}),
    peers.includes('apollo') ? start('Apollo Server defaults', ['--import', 'tsx', 'bench/peers/apollo-defaults.ts'], {}, /apollo listening on (\d+)/) : undefined,
    peers.includes('mercurius') ? start('mercurius + graphql-jit', ['--import', 'tsx', 'bench/peers/mercurius-jit.ts'], {}, /mercurius listening on (\d+)/) : undefined,
    oldDir ? entente('old', {}, oldDir) : undefined,
    oldDir ? entente('old without response cache', { RESPONSE_CACHE_BYTES: '0' }, oldDir) : undefined,
    ...values.variant.map(parseVariant).map((v) => entente(`Entente ${v.label}`, v.env, v.dir)),
  ]);
  if (!measured) throw new Error('Entente did not start');
  const oldCommit = oldDir ? execFileSync('git', ['-C', oldDir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim() : undefined;

  const targets: Target[] = [];
  if (values.anonymous === 'on') targets.push({ label: 'Entente, anonymous', server: measured, headers: ANONYMOUS, match: 'bytes' });
  targets.push({ label: 'Entente, key', server: measured, headers: KEYED, match: 'bytes' });
  for (const variant of variants) if (variant) targets.push({ label: `${variant.name}, key`, server: variant, headers: KEYED, match: 'bytes' });
  if (apollo) targets.push({ label: 'Apollo Server defaults', server: apollo, headers: ANONYMOUS, match: 'data' });
  if (mercurius) targets.push({ label: 'mercurius + graphql-jit', server: mercurius, headers: ANONYMOUS, match: 'data' });
  if (old && oldUncached) {
    targets.push({ label: `${oldCommit}, anonymous`, server: old, headers: ANONYMOUS, match: 'data' });
    targets.push({ label: `${oldCommit} without response cache`, server: oldUncached, headers: KEYED, match: 'data' });
  }

  const ids = await entityIds(measured, KEYED);
  const uniqueIds = [...ids.people!, ...ids.agreements!, ...ids.topics!];
  const mixed = mixedRequests(ids);
  const schema = buildSchema(readTypeDefs().join('\n'));
  const generation = performance.now();
  const pool = generateDocuments(schema, { seed: Number(values.seed), count: poolSize, ids: LISTS.flatMap((l) => ids[l]!), searchTerms: SEARCH_TERMS });
  const generated = pool.requests.map((request) => JSON.stringify(request));
  const poolChars = pool.requests.reduce((sum, r) => sum + r.query.length, 0);
  console.log(`generated ${generated.length} documents (${pool.rejected} drafts refused by validation or the limits) in ${((performance.now() - generation) / 1000).toFixed(1)} s, ${(poolChars / generated.length).toFixed(0)} characters on average`);

  const cycle = (bodies: string[]) => {
    // One place in the cycle per target, shared by its connections and kept from run to run, so
    // every target goes round the same requests in the same order however fast it is.
    const next = new Map<string, number>();
    return (target: Target): autocannon.Request[] => [
      {
        method: 'POST',
        path: '/graphql',
        headers: target.headers,
        setupRequest: (request) => {
          const at = next.get(target.label) ?? 0;
          next.set(target.label, at + 1);
          return { ...request, body: bodies[at % bodies.length] };
        },
      },
    ];
  };
  let uniqueCounter = 0;
  const workloads: Record<WorkloadName, Workload> = {
    hot: { checked: [HOT], requests: (target) => [{ method: 'POST', path: '/graphql', headers: target.headers, body: HOT }], describe: 'one analyst query of depth 4 (agreements → signatories → country → agreements, with topics, event and evidence), always the same' },
    mixed: { checked: mixed, requests: cycle(mixed), describe: `${mixed.length} distinct requests sent in turn: a lookup of every entity, 12 searches, paths between people and entities, filtered lists, ordered pages` },
    unique: {
      checked: Array.from({ length: 100 }, (_, n) => uniqueRequest(1_000_000 + n, uniqueIds)),
      requests: (target) => [{ method: 'POST', path: '/graphql', headers: target.headers, setupRequest: (request) => ({ ...request, body: uniqueRequest(uniqueCounter++, uniqueIds) }) }],
      describe: 'a new small document every request (a node lookup under a new alias, one of three field sets): no cache can help',
    },
    generated: {
      checked: generated,
      requests: cycle(generated),
      describe: `a pool of ${generated.length} distinct documents generated from the schema (seed ${values.seed}; bench/generated-documents.ts): random field subsets 2–4 entities deep, with named fragments, inline fragments, variables and a \`first\` on every paged field; ${(poolChars / generated.length).toFixed(0)} characters on average (${(poolChars / 1024).toFixed(0)} KiB in all), sent in turn, so each comes back after ${generated.length - 1} others`,
    },
  };

  // Every answer must be right before anything is measured. The reference is Entente through the
  // pipeline (with the key); the anonymous client must get the same bytes when its answer is new
  // and when it is a repeat, as must every variant; peers and the old checkout the same `data`.
  // One figure may differ: an answer from the answer cache inside the pipeline reports the store
  // work it did, none (`extensions.cost.touched` 0).
  const answers: Record<string, string> = {};
  const sameBytes = (actual: string, expected: string) => actual === expected || untouched(actual) === untouched(expected);
  const byteIdentical = new Map<string, number>();
  const check = async (body: string): Promise<void> => {
    const expected = await post(measured, body, KEYED);
    const expectedJson = JSON.parse(expected.text) as { data?: unknown; errors?: unknown };
    if (expected.status !== 200 || expectedJson.errors) throw new Error(`Entente answered ${expected.status}: ${expected.text.slice(0, 400)} for ${body}`);
    await Promise.all(
      targets.map(async (target) => {
        // The anonymous client asks twice: the first answer comes from the pipeline and is kept, the second from the HTTP cache.
        for (let attempt = 1; attempt <= (target.label === 'Entente, anonymous' ? 2 : 1); attempt++) {
          const actual = await post(target.server, body, target.headers);
          if (actual.status !== 200) throw new Error(`${target.label} answered ${actual.status}: ${actual.text.slice(0, 400)} for ${body}`);
          if (target.match === 'bytes' && !sameBytes(actual.text, expected.text)) throw new Error(`${target.label} answered differently (attempt ${attempt}) for ${body}:\n${actual.text.slice(0, 400)}\nEntente:\n${expected.text.slice(0, 400)}`);
          if (!isDeepStrictEqual((JSON.parse(actual.text) as { data?: unknown }).data, expectedJson.data)) throw new Error(`${target.label} gave other data for ${body}:\n${actual.text.slice(0, 600)}\nEntente:\n${expected.text.slice(0, 600)}`);
          if (actual.text === expected.text) byteIdentical.set(target.label, (byteIdentical.get(target.label) ?? 0) + 1);
        }
      }),
    );
    answers[body] = expected.text;
  };
  // Checked on both cores, eight requests at a time; the servers are pinned to core 0 afterwards.
  const bodies = [...new Set(chosenWorkloads.flatMap((name) => workloads[name].checked))];
  for (let i = 0; i < bodies.length; i += 8) await Promise.all(bodies.slice(i, i + 8).map(check));
  const checkedCount = bodies.length;
  const fallback = (await post(measured, uniqueRequest(0, uniqueIds), KEYED)).text;
  console.log(`checked ${checkedCount} requests on ${targets.length} targets (${((Date.now() - started) / 1000).toFixed(0)} s since start)`);

  mkdirSync(path.join('bench', 'results'), { recursive: true });
  const answersFile = path.join('bench', 'results', 'ceiling-answers.json');
  writeFileSync(answersFile, JSON.stringify({ answers, fallback }));
  const ceiling = await start('ceiling', ['--import', 'tsx', 'bench/ceiling-server.ts', answersFile], {}, /listening on (\d+)/);
  const all: Target[] = [{ label: 'ceiling', server: ceiling, headers: ANONYMOUS, match: 'bytes' }, ...targets];
  pinToCore0([...new Set(all.map((t) => t.server))]);

  const runs: Record<string, Record<string, Run[]>> = {};
  for (const name of chosenWorkloads) {
    const workload = workloads[name];
    // Each workload in a block: every server warmed up, then rounds in which each runs in turn.
    for (const target of all) await load(target.server, workload.requests(target), warmup);
    console.log(`warmed up ${name}`);
    for (let round = 0; round < rounds; round++) {
      // The order rotates every round, and runs backwards every other round, so no server always follows the same one.
      const shifted = all.map((_, i) => all[(i + round) % all.length]!);
      for (const target of round % 2 === 0 ? shifted : shifted.reverse()) {
        const run = await load(target.server, workload.requests(target), duration);
        ((runs[name] ??= {})[target.label] ??= []).push(run);
        console.log(
          `round ${round + 1} ${name} ${target.label}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, ${run.cpuMicrosPerRequest.toFixed(0)} µs CPU/request, errors ${run.errors}, non-2xx ${run.non2xx}${run.documentHits === undefined ? '' : `, document store hits ${(run.documentHits * 100).toFixed(0)} %`}`,
        );
      }
    }
  }
  const rss = Object.fromEntries([...new Set(all.map((t) => t.server))].map((s) => [s.name, peakRssBytes(s.child.pid!)]));
  await stop([...new Set(all.map((t) => t.server))]);

  // ---------------------------------------------------------------- report

  const summary = chosenWorkloads.map((name) => {
    const byTarget = runs[name]!;
    const ceilingRuns = byTarget.ceiling!;
    const rows = all.map((target) => {
      const r = byTarget[target.label]!;
      const ratios = r.map((run, i) => run.requestsPerSecond / ceilingRuns[i]!.requestsPerSecond);
      const hits = r.flatMap((run) => (run.documentHits === undefined ? [] : [run.documentHits]));
      return {
        target: target.label,
        ratio: median(ratios),
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        rps: median(r.map((run) => run.requestsPerSecond)),
        p50: median(r.map((run) => run.p50)),
        p99: median(r.map((run) => run.p99)),
        cpu: median(r.map((run) => run.cpuMicrosPerRequest)),
        errors: r.reduce((n, run) => n + run.errors + run.non2xx, 0),
        silentRounds: r.filter((run) => run.requestsPerSecond === 0).length,
        documentHits: hits.length > 0 ? median(hits) : undefined,
      };
    });
    return { workload: name, rows };
  });
  // A comparison of two targets in one workload: the ratio of their medians, and in how many rounds the first was ahead.
  const versus = (name: WorkloadName, a: string, b: string) => {
    const ra = runs[name]?.[a];
    const rb = runs[name]?.[b];
    if (!ra || !rb) return undefined;
    const perRound = ra.map((run, i) => run.requestsPerSecond / rb[i]!.requestsPerSecond);
    return { ratio: median(ra.map((r) => r.requestsPerSecond)) / median(rb.map((r) => r.requestsPerSecond)), min: Math.min(...perRound), max: Math.max(...perRound), ahead: perRound.filter((x) => x > 1).length };
  };
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}, Node ${process.version}${hasTaskset ? '; servers pinned to core 0, load from core 1' : '; no taskset: not pinned'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`;
  writeFileSync(path.join('bench', 'results', `${values.section}.json`), `${JSON.stringify({ date: new Date().toISOString(), machine, rounds, duration, connections, poolSize, seed: values.seed, rss, summary, runs }, null, 2)}\n`);
  if (values.section === 'workloads') {
    writeFileSync(
      path.join('bench', 'workloads.svg'),
      barChart(
        'Entente req/s as a share of the ceiling (median of rounds)',
        summary.flatMap((s) => s.rows.filter((r) => r.target.startsWith('Entente,')).map((r) => ({ name: `${s.workload}, ${r.target.slice('Entente, '.length)}`, value: r.ratio, goal: r.target.endsWith('anonymous') && s.workload !== 'unique' ? 0.6 : undefined }))),
        '×',
      ),
    );
  }

  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : x === Infinity ? '∞' : '—');
  const tables = summary.map(
    ({ workload, rows }) =>
      `### ${workload}\n\n${workloads[workload].describe}.\n\n| server | ratio to ceiling | req/s | p50 / p99 | CPU per request | document store hits | errors + non-2xx |\n| --- | --- | --- | --- | --- | --- | --- |\n` +
      rows.map((r) => `| ${r.target} | **${fmt(r.ratio)}×** (${fmt(r.ratioMin)}–${fmt(r.ratioMax)}) | ${r.rps.toFixed(0)} | ${fmt(r.p50)} / ${fmt(r.p99)} ms | ${r.cpu.toFixed(0)} µs | ${r.documentHits === undefined ? '—' : `${(r.documentHits * 100).toFixed(0)} %`} | ${r.errors}${r.silentRounds > 0 ? `; no answer at all in ${r.silentRounds} of ${rounds} rounds` : ''} |`).join('\n'),
  );
  const goals: string[] = [];
  for (const name of chosenWorkloads) {
    const anonymous = summary.find((s) => s.workload === name)!.rows.find((r) => r.target === 'Entente, anonymous');
    if (anonymous && name !== 'unique') goals.push(`| repeats from the HTTP cache ≥ 0.6× the ceiling: ${name} | ${fmt(anonymous.ratio)}× (${fmt(anonymous.ratioMin)}–${fmt(anonymous.ratioMax)}) | ${anonymous.ratio >= 0.6 ? (anonymous.ratioMin >= 0.6 ? 'yes, every round' : 'yes, by the median') : 'no'} |`);
    for (const peer of ['Apollo Server defaults', 'mercurius + graphql-jit']) {
      const v = versus(name, 'Entente, key', peer);
      if (v) goals.push(`| with a key ahead of ${peer}: ${name} | ${fmt(v.ratio)}× its req/s (rounds ${fmt(v.min)}–${fmt(v.max)}, ahead in ${v.ahead} of ${rounds}) | ${v.ratio > 1 ? (v.ahead === rounds ? 'yes, every round' : 'yes, by the median') : v.ahead > 0 ? 'no, by the median' : 'no'} |`);
    }
  }
  const generatedVsApollo = versus('generated', 'Entente, key', 'Apollo Server defaults');
  if (generatedVsApollo) goals.push(`| generated documents with a key ≥ 2× Apollo Server's defaults | ${fmt(generatedVsApollo.ratio)}× (rounds ${fmt(generatedVsApollo.min)}–${fmt(generatedVsApollo.max)}) | ${generatedVsApollo.ratio >= 2 ? 'yes' : 'no'} |`);
  const rssLine = Object.entries(rss).map(([name, bytes]) => `${name} ${(bytes / 2 ** 20).toFixed(0)} MiB`).join(', ');
  const identical = [...byteIdentical].filter(([label]) => !label.startsWith('Entente')).map(([label, n]) => `${label} ${n}`).join(', ');
  const command = `npm run bench -- --rounds ${rounds} --duration ${duration} --connections ${connections} --warmup ${warmup} --workloads ${chosenWorkloads.join(',')} --pool ${poolSize} --seed ${values.seed}${values.old ? ` --old ${values.old}` : ''}${values.variant.map((v) => ` --variant '${v}'`).join('')}${values.peers !== 'apollo,mercurius' ? ` --peers '${values.peers}'` : ''}${values.anonymous !== 'on' ? ` --anonymous ${values.anonymous}` : ''}${values.section !== 'workloads' ? ` --section ${values.section}` : ''}`;
  writeResultsSection(
    values.section,
    `## ${values.section === 'workloads' ? 'Workloads against the ceiling and the peers' : `Experiment: ${values.section}`}\n\nCommand: \`${command}\` (${new Date().toISOString().slice(0, 10)}, ${((Date.now() - started) / 60000).toFixed(0)} minutes). Machine: ${machine}.\n\n` +
      `Every server runs with \`NODE_ENV=production\`. The **ceiling** is a raw \`node:http\` server that answers each request with the precomputed bytes of Entente's answer (bench/ceiling-server.ts). ` +
      `**Entente, anonymous** sends no credentials, so the HTTP cache may answer a repeat; **Entente, key** sends \`Authorization: Bearer ${BENCH_KEY}\`, so every request runs Apollo's pipeline. ` +
      `**Apollo Server defaults** is \`startStandaloneServer\` with every option at its default, and **mercurius + graphql-jit** is mercurius on fastify with \`jit: 1\`, both on Entente's schema, resolvers, context and in-memory store (bench/peers/). ` +
      (old ? `**${oldCommit}** is the commit before the one request path (direct execution, a response cache that answers every repeat), asked as an anonymous client and with its response cache off. ` : '') +
      `Each workload is measured in a block: a ${warmup} s warm-up of every server, then ${rounds} rounds of ${duration} s in which every server runs in turn with ${connections} connections, the order rotating each round; figures are medians over rounds, the ratio's spread (min–max) in brackets. Ratios are to the ceiling's req/s in the same round. ` +
      `Before measuring, all ${checkedCount} requests of these workloads (unique: a sample of 100) were answered by every server: the anonymous client got the bytes of the pipeline's answer when new and when repeated${variants.length > 0 ? ', as did every variant' : ''} (but for \`extensions.cost.touched\`, 0 in an answer from the answer cache); the peers${old ? ' and the old commit' : ''} gave the same \`data\`${identical ? ` (byte for byte: ${identical})` : ''}.\n\n` +
      `${tables.join('\n\n')}\n\n` +
      (goals.length > 0 ? `| goal | measured | holds |\n| --- | --- | --- |\n${goals.join('\n')}\n\n` : '') +
      `Peak RSS: ${rssLine}.\n` +
      (values.section === 'workloads' ? '\n![workloads against the ceiling](workloads.svg)\n' : ''),
  );
  console.log(`wrote bench/results/${values.section}.json${values.section === 'workloads' ? ', bench/workloads.svg' : ''} and bench/RESULTS.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
