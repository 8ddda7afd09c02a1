/**
 * npm run bench [-- --rounds 5 --duration 5 --connections 50 --warmup 2 --order blocks|cycle]
 *
 * Measures Entente against the ceiling of this machine in one run. Entente (production mode, the
 * embedded seed) and a raw node:http server that replies with the precomputed bytes of the same
 * answers are pinned to core 0 with taskset; this process drives the load with autocannon from core
 * 1. The workloads (hot, mixed, unique, and rows without caches for comparison) each get a warm-up
 * and rounds that alternate Entente and the ceiling: by default workload by workload (`blocks`),
 * or with every workload in turn in each round (`cycle`). Every answer is checked against Apollo
 * alone (no caches, no direct execution) before anything is measured. Last, unique is measured
 * against the ceiling made as slow as unique (`--pace-us`), to read its latency against a server of
 * the same throughput. Writes
 * bench/results/workloads.json, bench/workloads.svg and the workloads section of bench/RESULTS.md.
 * Asserts nothing about time.
 */
import autocannon from 'autocannon';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeResultsSection } from './results.js';
import { startServerProcess } from './server-process.js';
import { barChart } from './svg-chart.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    order: { type: 'string', default: 'blocks' },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
if (values.order !== 'blocks' && values.order !== 'cycle') throw new Error(`--order must be blocks or cycle, not ${values.order}`);
const order: 'blocks' | 'cycle' = values.order;
const hasTaskset = existsSync('/usr/bin/taskset') && os.cpus().length >= 2;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

if (hasTaskset) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });

const children: ChildProcess[] = [];
// Whatever happens, no server outlives the benchmark.
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** Starts a Node process (pinned to core 0 where possible) and waits for the line with its port. */
function start(args: string[], env: Record<string, string>, portPattern: RegExp): Promise<{ child: ChildProcess; port: number }> {
  return startServerProcess(children, hasTaskset ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args], env, portPattern);
}

const entente = (env: Record<string, string>) =>
  start(['--import', 'tsx', 'src/index.ts'], { NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }, /localhost:(\d+)\//);

async function post(port: number, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: HEADERS, body });
  return { status: response.status, text: await response.text() };
}

/** CPU time (user + system) of a process so far, in microseconds, from /proc. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / 100;
}

function peakRssBytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

// ---------------------------------------------------------------- workloads

const HOT = JSON.stringify({
  query: `query Hot {
  agreements(first: 10) { nodes {
    name
    concludedOn { iso precision isInferred }
    concludedAt { node { name heldAt { node { name } } } evidence { quote } }
    topics(first: 5) { nodes { name } }
    signatories { edges {
      node { name }
      capacity
      evidence { quote start end method }
      onBehalfOf { name code agreements(first: 5) { nodes { name kind } } }
    } }
  } }
}`,
});

async function mixedRequests(port: number): Promise<string[]> {
  const lists = ['countries', 'people', 'agreements', 'events', 'topics', 'organizations', 'places', 'products', 'offices', 'policies', 'sources'];
  const { text } = await post(port, JSON.stringify({ query: `{ ${lists.map((l) => `${l}(first: 100) { nodes { id } }`).join(' ')} }` }));
  const data = JSON.parse(text).data as Record<string, { nodes: Array<{ id: string }> }>;
  const ids = lists.flatMap((l) => data[l]!.nodes.map((n) => n.id));
  const people = data.people!.nodes.map((n) => n.id);
  const requests: string[] = [];
  const lookup = 'query Lookup($id: ID!) { node(id: $id) { id ... on Entity { name description labels { language text } relations(first: 10) { totalCount edges { direction other { id name } node { type evidence { quote } } } } } } }';
  for (const id of ids) requests.push(JSON.stringify({ query: lookup, variables: { id }, operationName: 'Lookup' }));
  for (const term of ['montreal', 'wildberger', 'energy', 'deep learn', 'sovereign', 'munich', 'canada', 'robotics', 'declaration', 'data centers', 'ethical', 'semiconductor']) {
    requests.push(JSON.stringify({ query: 'query Search($q: String!) { search(query: $q, first: 5) { totalCount nodes { score field snippet { text } node { id } } } }', variables: { q: term } }));
  }
  for (const from of people) {
    for (const to of ids.slice(0, 8)) {
      requests.push(JSON.stringify({ query: 'query Path($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 3, first: 3) { length hops { relationship { type } } } }', variables: { from, to } }));
    }
  }
  for (const code of ['DE', 'CA', 'US', 'CN']) {
    requests.push(JSON.stringify({ query: 'query Parties($code: String) { agreements(filter: { parties: { some: { code: { equals: $code } } } }) { nodes { name } } }', variables: { code } }));
  }
  for (const first of [1, 2, 5, 10]) {
    for (const order of ['NAME', 'AGREEMENTS_COUNT', 'DEGREE']) {
      requests.push(JSON.stringify({ query: `query Topics($first: Int) { topics(first: $first, orderBy: [{ field: ${order}, direction: DESC }]) { totalCount pageInfo { endCursor } nodes { name } } }`, variables: { first } }));
    }
  }
  return requests;
}

/** A document no cache has seen: a new alias and field set each time. */
function uniqueRequest(n: number, ids: string[]): string {
  const id = ids[n % ids.length];
  const extra = n % 3 === 0 ? 'aliases' : n % 3 === 1 ? 'description' : 'label(language: DE)';
  return JSON.stringify({ query: `{ u${n}: node(id: "${id}") { id ... on Entity { name ${extra} } } }` });
}

// ---------------------------------------------------------------- run

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest: number;
  errors: number;
  non2xx: number;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

async function load(port: number, pid: number, requests: autocannon.Request[], seconds: number): Promise<Run> {
  const cpuBefore = cpuMicros(pid);
  // autocannon's latency histogram keeps whole milliseconds, too coarse for a ratio of two p99s of
  // 2 and 6 ms; every 2xx response's own time (in fractions of a millisecond) is kept instead.
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `http://127.0.0.1:${port}/graphql`, connections, duration: seconds, requests }, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms);
    });
  });
  const cpu = cpuMicros(pid) - cpuBefore;
  const sorted = Float64Array.from(times).sort();
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuMicrosPerRequest: cpu / Math.max(1, result.requests.total),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The row that measures unique against a ceiling made as slow as unique. */
const PACED = 'unique vs paced ceiling';

async function main(): Promise<void> {
  // Every request through Apollo's own pipeline, nothing kept: the reference for every answer.
  const reference = await entente({ RESPONSE_CACHE_BYTES: '0', DOCUMENT_CACHE_BYTES: '0', DIRECT_EXECUTION: 'off' });
  // The production server without its response cache: the floor of a request that cache cannot answer.
  const uncached = await entente({ RESPONSE_CACHE_BYTES: '0' });
  const measured = await entente({});
  const { text: idsText } = await post(reference.port, JSON.stringify({ query: '{ people(first: 100) { nodes { id } } agreements(first: 100) { nodes { id } } topics(first: 100) { nodes { id } } }' }));
  const idsData = JSON.parse(idsText).data as Record<string, { nodes: Array<{ id: string }> }>;
  const uniqueIds = Object.values(idsData).flatMap((list) => list.nodes.map((n) => n.id));
  const mixed = await mixedRequests(reference.port);
  const distinct = [HOT, ...mixed];

  // Every answer must be right before anything is measured: the measured server, on a miss and on
  // a hit, and the server without response cache must give byte for byte what Apollo alone gives.
  const answers: Record<string, string> = {};
  for (const body of distinct) {
    const expected = await post(reference.port, body);
    if (expected.status !== 200 || JSON.parse(expected.text).errors) throw new Error(`the reference answered ${expected.status}: ${expected.text.slice(0, 300)} for ${body}`);
    // A request is answered and not kept the first time, kept the second, served from the cache after.
    for (const [server, attempt] of [[measured, 'first'], [measured, 'kept'], [measured, 'hit'], [uncached, 'uncached']] as const) {
      const actual = await post(server.port, body);
      if (actual.status !== expected.status || actual.text !== expected.text) throw new Error(`answer differs (${attempt}) for ${body}`);
    }
    answers[body] = expected.text;
  }
  for (let n = 0; n < 100; n++) {
    const body = uniqueRequest(1_000_000 + n, uniqueIds);
    const [expected, actual, direct] = await Promise.all([post(reference.port, body), post(measured.port, body), post(uncached.port, body)]);
    if (actual.text !== expected.text || direct.text !== expected.text || JSON.parse(actual.text).errors) throw new Error(`unique answer differs for ${body}`);
  }
  const fallback = (await post(reference.port, uniqueRequest(0, uniqueIds))).text;
  console.log(`checked ${distinct.length} distinct requests (new, kept, hit, uncached) and 100 unique documents against Apollo alone`);

  mkdirSync(path.join('bench', 'results'), { recursive: true });
  const answersFile = path.join('bench', 'results', 'ceiling-answers.json');
  writeFileSync(answersFile, JSON.stringify({ answers, fallback }));
  const ceiling = await start(['--import', 'tsx', 'bench/ceiling-server.ts', answersFile], {}, /listening on (\d+)/);

  let counter = 0;
  const hot: autocannon.Request[] = [{ method: 'POST', path: '/graphql', headers: HEADERS, body: HOT }];
  const uniqueRequests: autocannon.Request[] = [
    { method: 'POST', path: '/graphql', headers: HEADERS, setupRequest: (request) => ({ ...request, body: uniqueRequest(counter++, uniqueIds) }) },
  ];
  // `entente` is the server a workload measures: the production one; for the uncached rows the
  // one without response cache, so every request is parsed from JSON, found in the document store
  // and executed; for the last row the reference, where Apollo parses, validates and executes.
  const workloads: Record<string, { requests: autocannon.Request[]; entente: typeof measured; ceiling?: typeof ceiling }> = {
    hot: { requests: hot, entente: measured },
    'hot, uncached': { requests: hot, entente: uncached },
    // One small document, always the same, without response cache: the floor for a request whose
    // document needs no parsing or validation; `unique` pays that plus a new document.
    'lookup, uncached': { requests: [{ method: 'POST', path: '/graphql', headers: HEADERS, body: uniqueRequest(0, uniqueIds) }], entente: uncached },
    mixed: { requests: mixed.map((body) => ({ method: 'POST', path: '/graphql', headers: HEADERS, body })), entente: measured },
    unique: { requests: uniqueRequests, entente: measured },
    'unique, Apollo alone': { requests: uniqueRequests, entente: reference },
  };
  const runs: Record<string, Record<string, Run[]>> = {};
  const warmUp = async (name: string): Promise<void> => {
    const { requests, entente, ceiling: against = ceiling } = workloads[name]!;
    for (const server of [entente, against]) await load(server.port, server.child.pid!, requests, warmup);
    console.log(`warmed up ${name}`);
  };
  const measureRound = async (name: string, round: number): Promise<void> => {
    const { requests, entente, ceiling: against = ceiling } = workloads[name]!;
    const order = round % 2 === 0 ? (['ceiling', 'entente'] as const) : (['entente', 'ceiling'] as const);
    for (const which of order) {
      const server = which === 'ceiling' ? against : entente;
      const run = await load(server.port, server.child.pid!, requests, duration);
      ((runs[name] ??= {})[which] ??= []).push(run);
      console.log(`round ${round + 1} ${name} ${which}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, ${run.cpuMicrosPerRequest.toFixed(0)} µs CPU/request, errors ${run.errors}, non-2xx ${run.non2xx}`);
    }
  };
  if (order === 'blocks') {
    // Each workload in a block: its warm-up, then its rounds, so each is measured in its own steady state.
    for (const name of Object.keys(workloads)) {
      await warmUp(name);
      for (let round = 0; round < rounds; round++) await measureRound(name, round);
    }
  } else {
    // Every warm-up first, then each round runs every workload in turn: each is measured on a
    // server that has just served the others.
    for (const name of Object.keys(workloads)) await warmUp(name);
    for (let round = 0; round < rounds; round++) for (const name of Object.keys(workloads)) await measureRound(name, round);
  }
  // With 50 connections always busy, a request waits for the ones ahead of it, so latency follows
  // throughput. The ceiling made as slow as unique shows what latency unique's throughput alone
  // brings on this machine; unique is measured against it once more. Its pace starts at unique's
  // extra CPU per request and is corrected by what a probe shows, since a slower server also pays
  // more per request for waking its clients.
  const uniqueCpu = median(runs.unique!.entente!.map((run) => run.cpuMicrosPerRequest));
  const startPaced = (micros: number) => start(['--import', 'tsx', 'bench/ceiling-server.ts', answersFile, '--pace-us', micros.toFixed(1)], {}, /listening on (\d+)/);
  let paceMicros = Math.max(0, uniqueCpu - median(runs.unique!.ceiling!.map((run) => run.cpuMicrosPerRequest)));
  let paced = await startPaced(paceMicros);
  for (let probe = 0; probe < 3; probe++) {
    const excess = (await load(paced.port, paced.child.pid!, uniqueRequests, warmup + 1)).cpuMicrosPerRequest - uniqueCpu;
    console.log(`paced ceiling at ${paceMicros.toFixed(0)} µs: ${excess.toFixed(0)} µs per request more than unique`);
    if (Math.abs(excess) < uniqueCpu * 0.05) break;
    paced.child.kill('SIGTERM');
    await once(paced.child, 'exit');
    paceMicros = Math.max(0, paceMicros - excess);
    paced = await startPaced(paceMicros);
  }
  workloads[PACED] = { requests: uniqueRequests, entente: measured, ceiling: paced };
  await warmUp(PACED);
  for (let round = 0; round < rounds; round++) await measureRound(PACED, round);
  const rss = { entente: peakRssBytes(measured.child.pid!), uncached: peakRssBytes(uncached.child.pid!), apolloAlone: peakRssBytes(reference.child.pid!), ceiling: peakRssBytes(ceiling.child.pid!) };
  const servers = [measured, uncached, reference, ceiling, paced];
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => once(server.child, 'exit')));

  const goals: Record<string, number | undefined> = { hot: 0.6, mixed: 0.32, unique: 0.15 };
  const summary = Object.entries(runs).map(([name, byServer]) => {
    const e = byServer.entente!;
    const c = byServer.ceiling!;
    const ratios = e.map((run, i) => run.requestsPerSecond / c[i]!.requestsPerSecond);
    return {
      workload: name,
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      goal: goals[name],
      entente: { rps: median(e.map((r) => r.requestsPerSecond)), p50: median(e.map((r) => r.p50)), p99: median(e.map((r) => r.p99)), cpu: median(e.map((r) => r.cpuMicrosPerRequest)), errors: e.reduce((n, r) => n + r.errors + r.non2xx, 0) },
      ceiling: { rps: median(c.map((r) => r.requestsPerSecond)), p50: median(c.map((r) => r.p50)), p99: median(c.map((r) => r.p99)), cpu: median(c.map((r) => r.cpuMicrosPerRequest)), errors: c.reduce((n, r) => n + r.errors + r.non2xx, 0) },
    };
  });
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}, Node ${process.version}${hasTaskset ? '; servers pinned to core 0, load from core 1' : '; no taskset: not pinned'}`;
  writeFileSync(path.join('bench', 'results', 'workloads.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, rounds, duration, connections, rss, summary, runs }, null, 2)}\n`);
  writeFileSync(
    path.join('bench', 'workloads.svg'),
    barChart(
      'Entente req/s as a share of the ceiling (median of rounds)',
      summary.filter((s) => s.workload !== PACED).map((s) => ({ name: s.workload, value: s.ratio, goal: s.goal })),
      '×',
    ),
  );
  const rows = summary.map(
    (s) =>
      `| ${s.workload} | **${s.ratio.toFixed(2)}×** (${s.ratioMin.toFixed(2)}–${s.ratioMax.toFixed(2)}) | ${s.goal === undefined ? '—' : `${s.goal}×`} | ${s.entente.rps.toFixed(0)} | ${s.ceiling.rps.toFixed(0)} | ${s.entente.p50.toFixed(2)} / ${s.entente.p99.toFixed(2)} ms | ${s.ceiling.p50.toFixed(2)} / ${s.ceiling.p99.toFixed(2)} ms | ${(s.entente.p99 / s.ceiling.p99).toFixed(1)}× | ${s.entente.cpu.toFixed(0)} µs | ${s.ceiling.cpu.toFixed(0)} µs | ${s.entente.errors} |`,
  );
  writeResultsSection(
    'workloads',
    `## Workloads against the ceiling\n\nCommand: \`npm run bench -- --rounds ${rounds} --duration ${duration} --connections ${connections} --order ${order}\` (${new Date().toISOString().slice(0, 10)}). Machine: ${machine}.\n\n` +
      `The ceiling is a raw \`node:http\` server that answers each request with the precomputed bytes of Entente's own answer (bench/ceiling-server.ts; for **unique**, whose documents are new every time, it answers with the bytes of one such answer). ` +
      `Entente runs with \`NODE_ENV=production\`, \`LOG_LEVEL=warn\` and its default response cache. ${order === 'blocks' ? `Each workload is measured in a block: a ${warmup} s warm-up on each server, then ${rounds} rounds of ${duration} s on each, alternating which goes first` : `After a ${warmup} s warm-up of every workload, each of ${rounds} rounds runs every workload in turn for ${duration} s on each server, alternating which goes first`}; ` +
      `figures are medians over rounds, the ratio's spread (min–max) in brackets. Latency percentiles are taken from the time of every 2xx response, to a hundredth of a millisecond (autocannon's own histogram keeps whole milliseconds, which made a ceiling p99 of 2.6 ms read as 2). Before measuring, every distinct request was answered by the measured server when new, when kept and from its cache, and by the server without response cache, and compared byte for byte with Apollo alone (no response cache, no document store, no direct execution), and 100 unique documents likewise.\n\n` +
      `| workload | ratio to ceiling | goal | Entente req/s | ceiling req/s | Entente p50 / p99 | ceiling p50 / p99 | p99 vs ceiling | Entente CPU per request | ceiling CPU per request | Entente errors + non-2xx |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n\n` +
      `Peak RSS: Entente ${(rss.entente / 2 ** 20).toFixed(0)} MiB, Entente without response cache ${(rss.uncached / 2 ** 20).toFixed(0)} MiB, Apollo alone ${(rss.apolloAlone / 2 ** 20).toFixed(0)} MiB, ceiling ${(rss.ceiling / 2 ** 20).toFixed(0)} MiB.\n\n` +
      `- **hot**: one analyst query of depth 4 (agreements → signatories → country → agreements, with topics, event and evidence).\n` +
      `- **hot, uncached**: the same query to an Entente whose response cache is off: every request is executed, its document found in the document store. No goal.\n` +
      `- **lookup, uncached**: one of the unique workload's small documents, always the same, to the server without response cache: the cost of a request when its document is already parsed and validated. No goal; it bounds what **unique** can reach, which pays this plus a new document.\n` +
      `- **mixed**: ${mixed.length} distinct requests cycled per connection: a lookup of every entity, 12 searches, paths between people and entities, filtered lists, ordered pages.\n` +
      `- **unique**: a new document every request (a new alias, one of three field sets), so neither the document cache nor the response cache can help.\n` +
      `- **unique, Apollo alone**: the same stream of new documents to Entente with its response cache, document store and direct execution switched off, so Apollo Server 5 parses, validates and executes every request itself. No goal; it shows what the rest of Entente's request path adds.\n` +
      `- **${PACED}**: the unique stream again, measured against the ceiling server made to spend ${paceMicros.toFixed(0)} µs more CPU on every request in a busy loop, so that it takes about unique's CPU per request and runs at about its throughput (the pace is set by up to three probes before measuring). No goal. With ${connections} connections always busy a request waits for the ones ahead of it (Little's law: mean latency = connections / throughput), so this row's ceiling p99 is the latency any server of unique's throughput has under this load, and Entente's p99 is to be read against it.\n\n![workloads against the ceiling](workloads.svg)\n`,
  );
  console.log('wrote bench/results/workloads.json, bench/workloads.svg and bench/RESULTS.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
