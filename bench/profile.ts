/**
 * npm run bench:profile [-- --workloads unique,generated --duration 15 --pool 2000
 *                           --seed 14 --env NAME=VALUE,... --servers entente,apollo,mercurius]
 *
 * Where the time goes on the one request path, and on the peers'. For each workload and each
 * server named in `--servers` (Entente; `apollo`, Apollo Server with its defaults; `mercurius`,
 * mercurius with graphql-jit: the peers of `npm run bench`, on Entente's schema, resolvers and
 * store), the server is started in production mode under `node --cpu-prof` (pinned to core 0),
 * warmed up, then loaded for `--duration` seconds with the key (every request through Apollo's
 * pipeline on Entente; the peers ignore it) from core 1. Only the samples taken while the load ran
 * are counted. Each sample is put in the first group, in the order below, that one of the frames on
 * its stack belongs to, and the groups are written as µs of CPU per request and shares of the busy
 * time, a column per server, into the profile section of bench/RESULTS.md; the raw profiles stay
 * in bench/results/profiles/ (open them in Chrome's DevTools). Asserts nothing.
 */
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeResultsSection } from './results.js';
import { BENCH_KEY, cpuMicros, entente, pinLoadToCore1, pinToCore0, start, stop, type Server } from './servers.js';
import { entityIds, HOT, LISTS, SEARCH_TERMS, uniqueRequest } from './workloads.js';

const { values } = parseArgs({
  options: {
    workloads: { type: 'string', default: 'unique,generated' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    pool: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '14' },
    env: { type: 'string', default: '' },
    servers: { type: 'string', default: 'entente' },
  },
});
const serverEnv = Object.fromEntries(values.env.split(',').filter((s) => s !== '').map((s) => s.split(/=(.*)/s).slice(0, 2) as [string, string]));
const KEYED = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${BENCH_KEY}` };

/** A group of frames. */
interface Group {
  name: string;
  matches: (frame: { functionName: string; url: string }) => boolean;
}

const inFile = (part: string) => (frame: { url: string }) => frame.url.includes(part);
/** Stages: a sample belongs to the first stage one of the frames on its stack belongs to. */
const STAGES: Group[] = [
  { name: 'our cost plugin (estimate with graphql-query-complexity, variable checks)', matches: (f) => f.url.includes('src/limits/query-cost.ts') || f.url.includes('src/limits/variables.ts') || f.url.includes('graphql-query-complexity') },
  { name: 'our metrics plugin and counters', matches: (f) => f.url.includes('src/metrics.ts') || f.url.includes('prom-client') },
  { name: 'our error masking and internal-error plugin', matches: (f) => f.url.includes('src/server.ts') },
  { name: 'our validation rules (graphql-armor depth, aliases, directives; operation types)', matches: (f) => f.url.includes('@escape.tech') || f.url.includes('src/limits/validation-rules.ts') },
  { name: 'graphql-js validate (its rules, TypeInfo)', matches: (f) => f.url.includes('graphql/validation/') },
  { name: 'graphql-js parse', matches: (f) => f.url.includes('graphql/language/parser') },
  { name: 'document store (lru-cache, our DocumentCache)', matches: (f) => f.url.includes('lru-cache') || f.url.includes('src/operations/document-cache.ts') },
  { name: 'resolvers, loaders and store', matches: (f) => /src\/(modules|store|loaders|lib|generated)\//.test(f.url) || f.url.includes('dataloader') },
  { name: 'graphql-js execute (field collection, completion)', matches: inFile('graphql/execution/') },
  { name: 'graphql-jit execute', matches: inFile('graphql-jit') },
  { name: 'response to JSON (Apollo prettyJSONStringify)', matches: (f) => f.functionName === 'prettyJSONStringify' },
  { name: 'garbage collection', matches: (f) => f.functionName === '(garbage collector)' },
];
/** Owners: a sample in no stage belongs to the owner of the frame nearest its top that has one. */
const OWNERS: Group[] = [
  { name: 'Apollo Server (request pipeline, hooks, HTTP handling)', matches: inFile('@apollo/') },
  { name: 'mercurius and fastify (request pipeline, hooks, HTTP handling)', matches: (f) => /node_modules\/(mercurius|fastify|@fastify|find-my-way|avvio|light-my-request)\//.test(f.url) },
  { name: 'our HTTP route and server (body, HTTP cache key, headers)', matches: inFile('src/http/') },
  { name: 'Node HTTP, streams and sockets', matches: (f) => f.url.startsWith('node:') },
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds of samples per group, counting only samples taken from `from` to `to` (µs on the profile's clock). */
function attribute(profile: Profile, from: number, to: number): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const groupOf = new Map<number, string>();
  const groupFor = (id: number): string => {
    let found: string | undefined = groupOf.get(id);
    if (found !== undefined) return found;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') found = name;
    else {
      found = STAGES.find((group) => stack.some((node) => group.matches(node.callFrame)))?.name;
      for (const node of stack) found ??= OWNERS.find((group) => group.matches(node.callFrame))?.name;
      found ??= 'other';
    }
    groupOf.set(id, found);
    return found;
  };
  const totals = new Map<string, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i]!;
    if (time < from || time > to) continue;
    const group = groupFor(profile.samples[i]!);
    totals.set(group, (totals.get(group) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  return totals;
}

/** The servers this profiles, by the name `--servers` gives them. */
const SERVERS: Record<string, { title: string; start: (node: string[]) => Promise<Server> }> = {
  entente: { title: 'Entente, key', start: (node) => entente('Entente', serverEnv, undefined, node) },
  apollo: { title: 'Apollo Server defaults', start: (node) => start('Apollo Server defaults', [...node, '--import', 'tsx', 'bench/peers/apollo-defaults.ts'], {}, /apollo listening on (\d+)/) },
  mercurius: { title: 'mercurius + graphql-jit', start: (node) => start('mercurius + graphql-jit', [...node, '--import', 'tsx', 'bench/peers/mercurius-jit.ts'], {}, /mercurius listening on (\d+)/) },
};

/** One server's profile under one workload: µs of samples per group, and CPU per request. */
interface Measured {
  title: string;
  totals: Map<string, number>;
  busy: number;
  perRequest: number;
  requests: number;
  failed: number;
}

async function profileServer(key: string, workload: string, dir: string): Promise<Measured> {
  const { generateDocuments } = await import('./generated-documents.js');
  const { buildSchema } = await import('graphql');
  const { readTypeDefs } = await import('../src/schema.js');
  const known = SERVERS[key];
  if (!known) throw new Error(`--servers takes ${Object.keys(SERVERS).join(', ')}, not ${key}`);
  const server = await known.start(['--cpu-prof', '--cpu-prof-dir', dir]);
  pinToCore0([server]);
  const ids = await entityIds(server, KEYED);
  let requests: autocannon.Request[];
  if (workload === 'hot') requests = [{ method: 'POST', path: '/graphql', headers: KEYED, body: HOT }];
  else if (workload === 'unique') {
    const uniqueIds = [...ids.people!, ...ids.agreements!, ...ids.topics!];
    let n = 0;
    requests = [{ method: 'POST', path: '/graphql', headers: KEYED, setupRequest: (request) => ({ ...request, body: uniqueRequest(n++, uniqueIds) }) }];
  } else if (workload === 'generated') {
    const pool = generateDocuments(buildSchema(readTypeDefs().join('\n')), { seed: Number(values.seed), count: Number(values.pool), ids: LISTS.flatMap((l) => ids[l]!), searchTerms: SEARCH_TERMS }).requests.map((r) => JSON.stringify(r));
    let n = 0;
    requests = [{ method: 'POST', path: '/graphql', headers: KEYED, setupRequest: (request) => ({ ...request, body: pool[n++ % pool.length] }) }];
  } else throw new Error(`--workloads takes hot, unique and generated, not ${workload}`);
  const run = (seconds: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      autocannon({ url: `http://127.0.0.1:${server.port}/graphql`, connections: Number(values.connections), duration: seconds, requests }, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    });
  await run(Number(values.warmup));
  const from = Number(process.hrtime.bigint() / 1000n);
  const cpuBefore = cpuMicros(server.child.pid!);
  const result = await run(Number(values.duration));
  const cpu = cpuMicros(server.child.pid!) - cpuBefore;
  const to = Number(process.hrtime.bigint() / 1000n);
  await stop([server]);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
  const totals = attribute(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile, from, to);
  const busy = [...totals].filter(([name]) => name !== '(idle)' && name !== '(program)').reduce((sum, [, micros]) => sum + micros, 0);
  return { title: known.title, totals, busy, perRequest: cpu / result.requests.total, requests: result.requests.total, failed: result.non2xx + result.errors };
}

/** A workload's table: a row per group, a column per server, µs per request (share of busy samples). */
function table(workload: string, measured: Measured[]): string {
  const groups = new Map<string, number>();
  for (const m of measured) for (const [name, micros] of m.totals) if (name !== '(idle)' && name !== '(program)') groups.set(name, Math.max(groups.get(name) ?? 0, (micros / m.busy) * m.perRequest));
  const cell = (m: Measured, name: string) => {
    const micros = m.totals.get(name) ?? 0;
    return micros === 0 ? '–' : `${((micros / m.busy) * m.perRequest).toFixed(0)} µs (${((micros / m.busy) * 100).toFixed(1)} %)`;
  };
  const rows = [...groups].sort((a, b) => b[1] - a[1]).map(([name]) => `| ${name} | ${measured.map((m) => cell(m, name)).join(' | ')} |`);
  const totals = `| **CPU per request** | ${measured.map((m) => `**${m.perRequest.toFixed(0)} µs**`).join(' | ')} |`;
  const runs = measured
    .map((m) => `${m.title}: ${m.requests} requests in ${values.duration} s (${(m.requests / Number(values.duration)).toFixed(0)}/s), ${m.failed} errors, V8's own work outside JavaScript (\`(program)\`) ${(((m.totals.get('(program)') ?? 0) / m.busy) * 100).toFixed(0)} % as much again`)
    .join('; ');
  return `### ${workload}\n\n${runs}.\n\n| where | ${measured.map((m) => m.title).join(' | ')} |\n| --- | ${measured.map(() => '---').join(' | ')} |\n${rows.join('\n')}\n${totals}`;
}

async function main(): Promise<void> {
  pinLoadToCore1();
  process.env.NODE_ENV = 'production';
  const sections: string[] = [];
  const servers = values.servers.split(',').filter((name) => name !== '');
  for (const workload of values.workloads.split(',')) {
    const measured: Measured[] = [];
    for (const key of servers) {
      const dir = path.resolve('bench', 'results', 'profiles', workload, key);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      measured.push(await profileServer(key, workload, dir));
    }
    sections.push(table(workload, measured));
    console.log(sections.at(-1));
  }
  writeResultsSection(
    'profile',
    `## Where the time goes on the one path\n\nCommand: \`npm run bench:profile -- --workloads ${values.workloads} --servers ${values.servers} --duration ${values.duration} --connections ${values.connections} --pool ${values.pool}${values.env ? ` --env ${values.env}` : ''}\` (${new Date().toISOString().slice(0, 10)}). Each server in production mode under \`node --cpu-prof\`, on core 0, loaded from core 1 (Entente with the key, so every request runs Apollo's pipeline; the peers are those of \`npm run bench\`, on Entente's schema, resolvers and store), one after another; only samples taken under load count. A sample belongs to the first group in the list (bench/profile.ts) that a frame on its stack belongs to, so a plugin's calls into graphql-js count for the plugin, and resolvers called by graphql-js count as resolvers. Each cell is µs of CPU per request and, in brackets, the share of that server's busy samples. The profiler itself slows the servers, so the µs are larger than the benchmark's.\n\n${sections.join('\n\n')}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
