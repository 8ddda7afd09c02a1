/**
 * npm run bench:postgres [-- --size 1000000 --rounds 5 --duration 10 --connections 16 --pin --database-url <url>]
 *
 * Entente on PostgreSQL against its peers, in one run, on the generated graph of `--size` loaded
 * into the bench server (bench/postgres-server.ts; loaded with db:load if it is not there yet):
 *
 * 1. Entente against PostGraphile 5 serving the same database (bench/postgraphile-server.ts), over
 *    HTTP with autocannon, on three probes with an equivalent query each: a lookup with a two-hop
 *    expansion, a three-level relationship filter, and a page deep in a list. Rounds alternate
 *    the two servers; the table gives medians of the rounds and their ratio.
 * 2. One Entente replica against two on the same database, on a mixed workload, rounds alternating.
 * 3. How long a new graph version takes to reach a replica: a version written and announced in one
 *    transaction, timed until the replica's `version` shows it (LISTEN/NOTIFY).
 *
 * Entente runs with its HTTP cache and answer cache off, so that every request reaches the store. With `--pin`,
 * the server measured runs on core 0; on two cores the database, this process (the load generator)
 * and the second replica share core 1, and on four or more they have cores 1, 2 and 3 apart (see
 * CORES). Writes bench/results/postgres-peers.json and the
 * postgres-peers section of bench/RESULTS.md. Asserts nothing about time.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { encodeCursor } from '../src/lib/connection.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { VERSION_CHANNEL } from '../src/store/postgres/version-feed.js';
import { generateGraph, random } from './generate-graph.js';
import { benchServer, canPin, describeDatabase, loadDatabase, prewarm } from './postgres-server.js';
import { writeResultsSection } from './results.js';
import { cpuMicros, entente as ententeServer, start as startServer, type Server } from './servers.js';

/**
 * PostGraphile lives in a package of its own, installed from its own lock file on first use: it
 * declares Node 22, and the project's own install stays clean on Node 20.
 */
const POSTGRAPHILE_DIR = path.join('bench', 'peers', 'postgraphile');
function installPostGraphile(): void {
  if (existsSync(path.join(POSTGRAPHILE_DIR, 'node_modules', 'postgraphile'))) return;
  console.log(`installing PostGraphile in ${POSTGRAPHILE_DIR} (npm ci)`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', POSTGRAPHILE_DIR], { stdio: 'inherit' });
}

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    pin: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
  },
});
const size = Number(values.size);
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const pin = values.pin! && canPin;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
/** A request unanswered after this long counts as failed; statements are cancelled after it too. */
const TIMEOUT_S = 30;

/**
 * The cores each process is pinned to. On two cores the server measured has core 0 and the rest
 * share core 1, where the second replica goes too; with four or more, the second replica, the
 * database and the load generator have a core each, so that two replicas can be measured apart.
 */
const CORES = os.cpus().length >= 4 ? { first: '0', second: '1', database: '2', generator: '3' } : { first: '0', second: '1', database: '1', generator: '1' };
const spreadOut = CORES.database !== CORES.second;

if (pin) execFileSync('taskset', ['-cp', CORES.generator, String(process.pid)], { stdio: 'ignore' });

/** Starts a server process (bench/servers.ts, which kills it on exit), pinned to the given CPUs when pinning. */
async function start(cpus: string | null, server: Promise<Server>): Promise<Server> {
  const started = await server;
  if (pin && cpus !== null) execFileSync('taskset', ['-a', '-cp', cpus, String(started.child.pid)], { stdio: 'ignore' });
  return started;
}

/** Entente on the database, as bench/servers.ts starts it (production, budgets off), with the PostgreSQL settings of the peers. */
const entente = (cpus: string, url: string) =>
  start(cpus, ententeServer('entente', { STORE: 'postgres', DATABASE_URL: url, DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_S * 1000), RESPONSE_CACHE_BYTES: '0', ANSWER_CACHE_BYTES: '0' }));

async function post(port: number, body: string): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: HEADERS, body });
  const json = (await response.json()) as { errors?: unknown };
  if (response.status !== 200 || json.errors) throw new Error(`${response.status} ${JSON.stringify(json).slice(0, 400)} for ${body.slice(0, 300)}`);
  return json;
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time per request, in ms, of the servers measured, the database (null when not on this machine) and this process, which generates the load. */
  cpu: { servers: number; database: number | null; generator: number };
}

/** The database server's CPU time so far, set once it has started. */
let databaseCpuMicros: () => number | null = () => null;

/** autocannon against one or more servers at once, connections shared out; requests per second summed. */
async function load(servers: Server[], bodies: string[], seconds: number): Promise<Run> {
  const ports = servers.map((server) => server.port);
  const times: number[] = [];
  const before = { servers: servers.reduce((sum, server) => sum + cpuMicros(server.child.pid!), 0), database: databaseCpuMicros(), generator: process.cpuUsage() };
  const results = await Promise.all(
    ports.map(
      (port) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const requests = bodies.map((body) => ({ method: 'POST' as const, headers: HEADERS, body }));
          const instance = autocannon({ url: `http://127.0.0.1:${port}/graphql`, connections: Math.max(1, Math.round(connections / ports.length)), duration: seconds, timeout: TIMEOUT_S, requests }, (error: unknown, done) =>
            error ? reject(error) : resolve(done),
          );
          instance.on('response', (_client, status, _bytes, ms) => {
            if (status >= 200 && status < 300) times.push(ms);
          });
        }),
    ),
  );
  const generator = process.cpuUsage(before.generator);
  const database = databaseCpuMicros();
  const requests = Math.max(1, results.reduce((sum, result) => sum + result.requests.total, 0));
  const cpu = {
    servers: (servers.reduce((sum, server) => sum + cpuMicros(server.child.pid!), 0) - before.servers) / requests / 1000,
    database: database === null || before.database === null ? null : (database - before.database) / requests / 1000,
    generator: (generator.user + generator.system) / requests / 1000,
  };
  const sorted = Float64Array.from(times).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return {
    cpu,
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.total, 0) / seconds,
    p50: at(0.5),
    p99: at(0.99),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
  };
}

/**
 * Waits until no statement runs in the database: a server whose client gave up on a slow request
 * may still be running its query, and the next run must not pay for it.
 */
async function databaseIdle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let waited = 0; waited < TIMEOUT_S * 2; waited++) {
      const { rows } = await client.query<{ busy: number }>("SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()");
      if (rows[0]!.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await client.end();
  }
}

/** CPU per request of a server's runs (medians): the server's own and the database's, in ms. */
function cpuCell(runs: Run[]): string {
  const server = median(runs.map((run) => run.cpu.servers));
  const database = runs.some((run) => run.cpu.database === null) ? null : median(runs.map((run) => run.cpu.database!));
  return database === null ? `${server.toFixed(2)} ms` : `${server.toFixed(2)} + ${database.toFixed(2)} ms`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

/** The bodies of each probe for each server, with the same entities in the same order. */
interface Probe {
  name: string;
  entente: string[];
  postgraphile: string[];
  /** What both answers must agree on, for a check before anything is measured. */
  same: (ententeAnswer: any, postgraphileAnswer: any) => boolean;
}

async function probes(ententePort: number, postgraphilePort: number, people: number): Promise<Probe[]> {
  const next = random(11);
  const personIds = Array.from({ length: 200 }, () => `Person:person-${Math.floor(next() * people)}`);
  const agreementNames = ((await post(ententePort, JSON.stringify({ query: `{ nodes(ids: [${Array.from({ length: 100 }, (_, i) => `"Agreement:agreement-${i}"`).join(', ')}]) { ... on Entity { name } } }` }))).data.nodes as Array<{ name: string } | null>)
    .filter((node): node is { name: string } => node !== null)
    .map((node) => node.name);
  const deep = Math.floor(people * 0.9);
  const deepPerson = (await post(postgraphilePort, JSON.stringify({ query: `{ allEntities(condition: { type: "Person" }, orderBy: [NAME_ASC, ROW_ID_ASC], first: 1, offset: ${deep}) { edges { cursor node { rowId name } } } }` }))).data.allEntities.edges[0];
  const ententeCursor = encodeCursor('Person', [deepPerson.node.name, deepPerson.node.rowId]);

  // Relationships of either direction, a symmetric one once, outgoing first: as Entente's `relations` lists them.
  const listed = `orderBy: [OUTGOING_DESC, REL_ASC], filter: { or: [{ outgoing: { equalTo: true } }, { isSymmetric: { equalTo: false } }] }`;
  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const lookup: Probe = {
    name: 'lookup with two-hop expansion',
    entente: personIds.map((id) =>
      body(`query ($id: ID!) { node(id: $id) { ... on Entity { name relations(first: 20) { edges { other { name relations(first: 20) { totalCount edges { other { id } } } } } } } } }`, { id }),
    ),
    postgraphile: personIds.map((id) =>
      body(`query ($id: String!) { entityByRowId(rowId: $id) { name adjacencies(first: 20, ${listed}) { nodes { otherEntity { name adjacencies(first: 20, ${listed}) { totalCount nodes { otherEntity { rowId } } } } } } } }`, { id }),
    ),
    same: (a, b) =>
      JSON.stringify(a.data.node.relations.edges.map((e: any) => [e.other.name, e.other.relations.totalCount, e.other.relations.edges.map((x: any) => x.other.id)])) ===
      JSON.stringify(b.data.entityByRowId.adjacencies.nodes.map((n: any) => [n.otherEntity.name, n.otherEntity.adjacencies.totalCount, n.otherEntity.adjacencies.nodes.map((x: any) => x.otherEntity.rowId)])),
  };
  const related = (type: string, outgoing: boolean, other: string) => `adjacencies: { some: { outgoing: { equalTo: ${outgoing} }, type: { equalTo: "${type}" }, otherEntity: { ${other} } } }`;
  const filtered: Probe = {
    name: 'three-level relationship filter',
    entente: agreementNames.map((name) =>
      body(`query ($name: String!) { people(first: 20, filter: { spokeAbout: { some: { broader: { some: { agreements: { some: { name: { equals: $name } } } } } } } }) { totalCount nodes { id name } } }`, { name }),
    ),
    postgraphile: agreementNames.map((name) =>
      body(
        `query ($name: String!) { allEntities(first: 20, orderBy: [NAME_ASC, ROW_ID_ASC], filter: { type: { equalTo: "Person" }, ${related('SPOKE_ABOUT', true, related('BROADER_THAN', false, related('COVERS', false, 'name: { equalTo: $name }')))} }) { totalCount nodes { rowId name } } }`,
        { name },
      ),
    ),
    same: (a, b) => a.data.people.totalCount === b.data.allEntities.totalCount && JSON.stringify(a.data.people.nodes.map((n: any) => n.id)) === JSON.stringify(b.data.allEntities.nodes.map((n: any) => n.rowId)),
  };
  const deepPage: Probe = {
    name: 'page at 90 % of the people',
    entente: [body(`query ($after: String) { people(first: 20, after: $after) { totalCount nodes { id name } } }`, { after: ententeCursor })],
    postgraphile: [body(`query ($after: Cursor) { allEntities(condition: { type: "Person" }, orderBy: [NAME_ASC, ROW_ID_ASC], first: 20, after: $after) { totalCount nodes { rowId name } } }`, { after: deepPerson.cursor })],
    same: (a, b) => a.data.people.totalCount === b.data.allEntities.totalCount && JSON.stringify(a.data.people.nodes.map((n: any) => n.id)) === JSON.stringify(b.data.allEntities.nodes.map((n: any) => n.rowId)),
  };
  return [lookup, filtered, deepPage];
}

/**
 * The mixed workload for the replicas: lookups, paths, relationship filters, deep pages and ordered
 * lists, in a fixed order. No search: on PostgreSQL a common word at a million entities takes
 * seconds (bench:scale measures it), which would be all the workload measured.
 */
async function mixed(port: number, people: number, probesList: Probe[]): Promise<string[]> {
  const next = random(23);
  const person = () => `Person:person-${Math.floor(next() * people)}`;
  const bodies: string[] = [];
  for (let i = 0; i < 100; i++) {
    bodies.push(JSON.stringify({ query: 'query ($id: ID!) { node(id: $id) { id ... on Entity { name description relations(first: 10) { totalCount edges { direction other { id name } node { type evidence { quote } } } } } } }', variables: { id: person() } }));
    if (i % 4 === 0) bodies.push(JSON.stringify({ query: 'query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 3, first: 3) { length } }', variables: { from: person(), to: person() } }));
    if (i % 4 === 1) bodies.push(probesList[1]!.entente[i % probesList[1]!.entente.length]!);
    if (i % 4 === 2) bodies.push(probesList[2]!.entente[0]!);
    if (i % 4 === 3) bodies.push(JSON.stringify({ query: '{ topics(first: 10, orderBy: [{ field: DEGREE, direction: DESC }]) { totalCount nodes { name } } }' }));
  }
  for (const request of bodies) await post(port, request);
  return bodies;
}

/** How long a replica takes to hear a new version: written and announced in one transaction, timed until `version` shows it. */
async function versionPropagation(url: string, times: number): Promise<number[]> {
  const replica = await PostgresGraphStore.open({ url, poolSize: 1, statementTimeoutMs: 10_000 });
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const original = replica.version;
  const delays: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const version = `${original}+bench${i}`;
      const started = performance.now();
      await writer.query('BEGIN');
      await writer.query('UPDATE graph_state SET version = $1', [version]);
      await writer.query('SELECT pg_notify($1, $2)', [VERSION_CHANNEL, version]);
      await writer.query('COMMIT');
      while (replica.version !== version) await new Promise((resolve) => setImmediate(resolve));
      delays.push(performance.now() - started);
    }
  } finally {
    await writer.query('UPDATE graph_state SET version = $1', [original]);
    await writer.query('SELECT pg_notify($1, $2)', [VERSION_CHANNEL, original]);
    await writer.end();
    await replica.close();
  }
  return delays;
}

async function main(): Promise<void> {
  const server = await benchServer(values['database-url']);
  databaseCpuMicros = () => server.cpuMicros();
  const pinnedDatabase = pin && server.pin(CORES.database);
  const name = `entente_bench_${size}`;
  let url = server.urlOf(name);
  const dir = path.join('bench', 'data', String(size));
  if ((await describeDatabase(url)).version === null) {
    if (!existsSync(path.join(dir, 'graph.relationships.ndjson'))) await generateGraph(size, dir);
    url = await server.createDatabase(name);
    console.log(`loading ${dir}`);
    await loadDatabase(url, dir);
  }
  const database = await describeDatabase(url);
  await prewarm(url);
  console.log(`measuring on ${database.entities.toLocaleString('en')} entities and ${database.relationships.toLocaleString('en')} relationships (${server.description})`);
  const replicaOne = await entente(CORES.first, url);
  installPostGraphile();
  const postgraphile = await start(CORES.first, startServer('postgraphile', ['--import', 'tsx', path.join(POSTGRAPHILE_DIR, 'server.ts')], { DATABASE_URL: url }, /listening on (\d+)/));
  const people = (await post(replicaOne.port, '{"query":"{ people(first: 0) { totalCount } }"}')).data.people.totalCount as number;
  const list = await probes(replicaOne.port, postgraphile.port, people);

  // Both servers must give the same answer before they are compared.
  for (const probe of list) {
    for (let i = 0; i < Math.min(5, probe.entente.length); i++) {
      const [a, b] = await Promise.all([post(replicaOne.port, probe.entente[i]!), post(postgraphile.port, probe.postgraphile[i]!)]);
      if (!probe.same(a, b)) throw new Error(`${probe.name}: Entente and PostGraphile disagree on ${probe.entente[i]}:\n${JSON.stringify(a).slice(0, 600)}\n${JSON.stringify(b).slice(0, 600)}`);
    }
  }

  // Probe by probe: both servers warmed, then rounds that alternate them, the database idle before each run.
  const peers: Record<string, { entente: Run[]; postgraphile: Run[] }> = {};
  const servers = { entente: replicaOne, postgraphile };
  for (const probe of list) {
    peers[probe.name] = { entente: [], postgraphile: [] };
    for (const who of ['entente', 'postgraphile'] as const) {
      await load([servers[who]], probe[who], 2);
      await databaseIdle(url);
    }
    for (let round = 0; round < rounds; round++) {
      for (const who of round % 2 === 0 ? (['entente', 'postgraphile'] as const) : (['postgraphile', 'entente'] as const)) {
        const run = await load([servers[who]], probe[who], duration);
        await databaseIdle(url);
        peers[probe.name]![who].push(run);
        console.log(`round ${round + 1} ${probe.name} ${who}: ${run.requestsPerSecond.toFixed(1)} req/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.errors + run.non2xx} failed`);
      }
    }
  }
  postgraphile.child.kill('SIGTERM');

  const replicaTwo = await entente(CORES.second, url);
  const workload = await mixed(replicaOne.port, people, list);
  const replicas = { one: [] as Run[], two: [] as Run[] };
  await load([replicaOne, replicaTwo], workload, 2);
  await databaseIdle(url);
  for (let round = 0; round < rounds; round++) {
    for (const count of round % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const)) {
      const run = await load(count === 'one' ? [replicaOne] : [replicaOne, replicaTwo], workload, duration);
      await databaseIdle(url);
      replicas[count].push(run);
      console.log(`round ${round + 1} mixed, ${count} replica${count === 'one' ? '' : 's'}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms`);
    }
  }
  replicaOne.child.kill('SIGTERM');
  replicaTwo.child.kill('SIGTERM');

  const delays = await versionPropagation(url, 200);
  await server.stop();

  const rps = (runs: Run[]) => runs.map((run) => run.requestsPerSecond);
  const peerRows = Object.entries(peers).map(([probe, { entente: e, postgraphile: p }]) => {
    const ratio = median(rps(e)) / median(rps(p));
    return `| ${probe} | ${median(rps(e)).toFixed(0)} (${spread(rps(e))}) | ${median(e.map((r) => r.p50)).toFixed(1)} / ${median(e.map((r) => r.p99)).toFixed(1)} ms | ${cpuCell(e)} | ${median(rps(p)).toFixed(0)} (${spread(rps(p))}) | ${median(p.map((r) => r.p50)).toFixed(1)} / ${median(p.map((r) => r.p99)).toFixed(1)} ms | ${cpuCell(p)} | ${ratio.toFixed(2)}× |`;
  });
  // What the machine could serve of the mixed workload with every core busy, from the CPU one request takes.
  const perRequest = (part: (run: Run) => number | null) => median(replicas.one.map((run) => part(run) ?? NaN));
  const cpuOne = { servers: perRequest((run) => run.cpu.servers), database: perRequest((run) => run.cpu.database), generator: perRequest((run) => run.cpu.generator) };
  const cores = os.cpus().length;
  const machineBound = (cores * 1000) / (cpuOne.servers + cpuOne.database + cpuOne.generator);
  const scaling = median(rps(replicas.two)) / median(rps(replicas.one));
  const sortedDelays = [...delays].sort((a, b) => a - b);
  const failures = [...Object.values(peers).flatMap((p) => [...p.entente, ...p.postgraphile]), ...replicas.one, ...replicas.two].reduce((sum, run) => sum + run.errors + run.non2xx, 0);
  mkdirSync(path.join('bench', 'results'), { recursive: true });
  writeFileSync(path.join('bench', 'results', 'postgres-peers.json'), `${JSON.stringify({ date: new Date().toISOString(), server: server.description, database, peers, replicas, delays }, null, 2)}\n`);
  const command = `npm run bench:postgres -- --size ${size} --rounds ${rounds} --duration ${duration} --connections ${connections}${values.pin ? ' --pin' : ''}`;
  writeResultsSection(
    'postgres-peers',
    `## Entente on PostgreSQL against PostGraphile 5, and replicas\n\nCommand: \`${command}\` (${new Date().toISOString().slice(0, 10)}), on ${server.description}, ` +
      `${database.entities.toLocaleString('en')} entities and ${database.relationships.toLocaleString('en')} relationships. ` +
      `HTTP with autocannon, ${connections} connections, ${duration} s per run, ${rounds} rounds alternating the servers; medians of the rounds (min–max in brackets). ` +
      `Entente runs with its HTTP cache and answer cache off; both servers' statements, and autocannon's requests, time out after ${TIMEOUT_S} s, and the database is let go idle between runs. ${pinnedDatabase ? `Pinned with taskset: the server measured on core ${CORES.first}; the database on core ${CORES.database} and the load generator on core ${CORES.generator}.` : 'Not pinned.'} ` +
      `Every answer pair was checked to agree before measuring. ${failures} requests failed or answered other than 2xx.\n\n` +
      `| probe | Entente req/s | Entente p50 / p99 | Entente CPU per request (server + database) | PostGraphile req/s | PostGraphile p50 / p99 | PostGraphile CPU per request (server + database) | Entente ÷ PostGraphile |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${peerRows.join('\n')}\n\n` +
      `Mixed workload (lookups with relationships, paths, relationship filters, deep pages, ordered lists; no search, caches off): one replica ${median(rps(replicas.one)).toFixed(0)} req/s (${spread(rps(replicas.one))}), ` +
      `two replicas on one database ${median(rps(replicas.two)).toFixed(0)} req/s (${spread(rps(replicas.two))}): ${scaling.toFixed(2)}×` +
      `${pin ? (spreadOut ? ` (the second replica on core ${CORES.second}, a core of its own)` : ' (the second replica on core 1, beside the database and the load generator: the machine has two cores)') : ''}. ` +
      `With one replica a request of this workload took ${cpuOne.servers.toFixed(2)} ms of CPU in Entente, ${Number.isNaN(cpuOne.database) ? 'an unmeasured amount' : `${cpuOne.database.toFixed(2)} ms`} in PostgreSQL and ${cpuOne.generator.toFixed(2)} ms in the load generator, ` +
      `so all ${cores} cores of this machine, fully busy, could serve at most ${machineBound.toFixed(0)} req/s of it: ${(machineBound / median(rps(replicas.one))).toFixed(2)}× one replica's throughput, whatever the number of replicas.\n\n` +
      `A new version reaches a replica (written and NOTIFYed in one transaction, until the replica's \`version\` shows it), ${delays.length} times: ` +
      `p50 ${sortedDelays[Math.floor(delays.length / 2)]!.toFixed(2)} ms, p99 ${sortedDelays[Math.floor(delays.length * 0.99)]!.toFixed(2)} ms, max ${sortedDelays[delays.length - 1]!.toFixed(2)} ms.\n`,
  );
  console.log(`wrote bench/results/postgres-peers.json and bench/RESULTS.md`);
}

await main();
process.exit(0);
