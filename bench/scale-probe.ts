/**
 * Measures one generated graph; run by bench/scale.ts in a fresh process per size so each size's
 * memory is its own. With the memory store it loads the graph itself; with `--database-url` it
 * serves the graph already loaded in that database (PostgreSQL store). Prints one JSON line with the
 * figures on stdout; progress goes to stderr. Latencies are of in-process execution (Apollo
 * executeOperation), without HTTP.
 *
 *   tsx bench/scale-probe.ts --dir <graph folder> --rounds 200 [--skip-search] [--skip path,...] [--database-url <url>]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createContext } from '../src/context.js';
import { encodeCursor } from '../src/lib/connection.js';
import { createGraphQLServer } from '../src/server.js';
import type { GraphStore } from '../src/store/graph-store.js';
import { loadMemoryStore } from '../src/store/load.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { random } from './generate-graph.js';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string' },
    rounds: { type: 'string', default: '200' },
    'skip-search': { type: 'boolean', default: false },
    // Probes left out by name (`--skip path`): at 10⁷ relationships a path between two random people
    // meets the search's cap of visited entities and is refused, which is not a latency.
    skip: { type: 'string', default: '' },
    'database-url': { type: 'string' },
  },
});
const dir = args.dir!;
const rounds = Number(args.rounds);
const gc = (globalThis as { gc?: () => void }).gc;

const loadStarted = performance.now();
let store: GraphStore;
let size: { entities: number; relationships: number };
if (args['database-url']) {
  // Loaded by bench/scale.ts with npm run db:load, which it times.
  // Connections kept open, so that the database processes whose CPU time is read stay the same.
  store = await PostgresGraphStore.open({ url: args['database-url'], poolSize: 4, statementTimeoutMs: 600_000, idleTimeoutMs: 0 });
  size = { entities: (await store.listEntities({ type: null, condition: null, orderBy: [], first: 0, after: null })).totalCount, relationships: NaN };
} else {
  const memoryStore = await loadMemoryStore(dir, null, (records) => process.stderr.write(`  ${dir}: ${records.toLocaleString('en')} records\r`));
  store = memoryStore;
  size = memoryStore.size;
}
const loadMs = performance.now() - loadStarted;
process.stderr.write('\n');
gc?.();
const memory = process.memoryUsage();
const { entities, relationships } = size;

// The answer cache off: a round repeated must do its work again, as a first one does.
const { apollo } = createGraphQLServer({ answerCacheBytes: 0 });
await apollo.start();
async function run(query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(store) });
  if (response.body.kind !== 'single' || response.body.singleResult.errors) {
    throw new Error(`query failed: ${JSON.stringify(response.body.kind === 'single' ? response.body.singleResult.errors : response.body.kind)}`);
  }
}

const people = (await store.listEntities({ type: 'Person', condition: null, orderBy: [], first: 0, after: null })).totalCount;
// A keyset cursor names an item by its keys: the deep page starts after the person at 90 %.
const [deep] = (await store.getNodes([`Person:person-${Math.max(0, Math.floor(people * 0.9))}`])) as Array<{ id: string; name: string } | null>;
const deepCursor = encodeCursor('Person', [deep!.name, deep!.id]);
const next = random(7);
const person = () => `Person:person-${Math.floor(next() * people)}`;
const words = ['alliance', 'digital', 'energy', 'robotics', 'treaty', 'standards', 'market', 'talent'];
// Agreements with low numbers are among the hubs of the generated graph; their names are looked up once.
const agreements = (await store.getNodes(Array.from({ length: 100 }, (_, i) => `Agreement:agreement-${i}`))).flatMap((node) => (node && 'name' in node ? [node.name] : []));

const workloads: Record<string, () => [string, Record<string, unknown>]> = {
  lookupTwoHops: () => [
    `query ($id: ID!) { node(id: $id) { ... on Entity { name relations(first: 20) { edges { other { name relations(first: 20) { totalCount edges { other { id } } } } } } } } }`,
    { id: person() },
  ],
  search: () => [`query ($q: String!) { search(query: $q, first: 10) { totalCount nodes { score node { id } } } }`, { q: `${words[Math.floor(next() * words.length)]} person` }],
  path: () => [`query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 5) { length } }`, { from: person(), to: person() }],
  firstPage: () => [`query { people(first: 20) { totalCount nodes { id name } } }`, {}],
  deepPage: () => [
    `query ($after: String) { people(first: 20, after: $after) { totalCount nodes { id name } } }`,
    { after: deepCursor },
  ],
  // Three levels of relationships: the people who spoke about a topic narrower than one an agreement covers.
  filteredList: () => [
    `query ($name: String!) { people(first: 20, filter: { spokeAbout: { some: { broader: { some: { agreements: { some: { name: { equals: $name } } } } } } } }) { totalCount nodes { id name } } }`,
    { name: agreements[Math.floor(next() * agreements.length)] },
  ],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// The search index is built on first use; time that once, apart from the searches. A size whose
// index is known not to fit can skip search (bench/scale.ts --skip-search-from).
const skipped = args.skip!.split(',').filter(Boolean);
for (const name of skipped) {
  if (!(name in workloads)) throw new Error(`--skip: no probe named ${name}; the probes are ${Object.keys(workloads).join(', ')}`);
}
const skipSearch = args['skip-search']! || skipped.includes('search');
if (skipSearch) skipped.push('search');
for (const name of skipped) delete workloads[name];
const indexStarted = performance.now();
if (!skipSearch) await run(...workloads.search!());
const searchIndexMs = skipSearch ? NaN : performance.now() - indexStarted;

/**
 * CPU time, in ms, that the database's processes serving this one have used so far: read from
 * /proc, so only for a server on this machine (null otherwise). Time on a machine shared with other
 * work is stretched by waiting for a core; CPU time is not, so it tells what an idle machine would take.
 */
const databaseProcesses = store instanceof PostgresGraphStore ? await store.serverProcesses() : [];
function databaseCpuMs(): number | null {
  if (databaseProcesses.length === 0) return null;
  let ticks = 0;
  for (const pid of databaseProcesses) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks * 10;
}

const latencies: Record<string, { p50: number; p99: number; cpuMs: number; databaseCpuMs: number | null }> = {};
for (const [name, make] of Object.entries(workloads)) {
  // Warmed as a server in service is: long enough for V8 to optimise the code the probe runs (20 runs
  // left a two-hop lookup on PostgreSQL at twice its steady latency), 300 runs or 5 s, at least 20.
  const warming = performance.now();
  for (let i = 0; i < 20 || (i < 300 && performance.now() - warming < 5000); i++) await run(...make());
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  const databaseBefore = databaseCpuMs();
  for (let i = 0; i < rounds; i++) {
    const [query, variables] = make();
    const started = performance.now();
    await run(query, variables);
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const databaseAfter = databaseCpuMs();
  times.sort((a, b) => a - b);
  latencies[name] = {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpuMs: (cpu.user + cpu.system) / 1000 / rounds,
    databaseCpuMs: databaseBefore === null || databaseAfter === null ? null : (databaseAfter - databaseBefore) / rounds,
  };
}
gc?.();
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    entities,
    relationships,
    loadMs,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    bytesPerElement: memory.heapUsed / (entities + relationships),
    searchIndexMs,
    rssAfterBytes: after.rss,
    latencies,
  })}\n`,
);
await apollo.stop();
if (store instanceof PostgresGraphStore) await store.close();
