/**
 * npm run bench:profile [-- --workloads unique,generated --duration 15 --pool 2000
 *                           --seed 14 --env NAME=VALUE,...]
 *
 * Where Entente's time goes on the one request path. For each workload Entente is started in
 * production mode under `node --cpu-prof` (pinned to core 0), warmed up, then loaded for
 * `--duration` seconds with the key (every request through Apollo's pipeline) from core 1. Only the
 * samples taken while the load ran are counted. Each sample is put in the first group, in the
 * order below, that one of the frames on its stack belongs to, and the groups are written as shares
 * of the busy time and as µs of CPU per request into the profile section of bench/RESULTS.md; the
 * raw profiles stay in bench/results/profiles/ (open them in Chrome's DevTools). Asserts nothing.
 */
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeResultsSection } from './results.js';
import { BENCH_KEY, cpuMicros, entente, pinLoadToCore1, pinToCore0, stop } from './servers.js';
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

async function main(): Promise<void> {
  pinLoadToCore1();
  process.env.NODE_ENV = 'production';
  const { generateDocuments } = await import('./generated-documents.js');
  const { buildSchema } = await import('graphql');
  const { readTypeDefs } = await import('../src/schema.js');
  const sections: string[] = [];
  for (const workload of values.workloads.split(',')) {
    const dir = path.resolve('bench', 'results', 'profiles', workload);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const server = await entente(`Entente (${workload})`, serverEnv, undefined, ['--cpu-prof', '--cpu-prof-dir', dir]);
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
    const perRequest = cpu / result.requests.total;
    const rows = [...totals]
      .filter(([name]) => name !== '(idle)' && name !== '(program)')
      .sort((a, b) => b[1] - a[1])
      .map(([name, micros]) => `| ${name} | ${((micros / busy) * 100).toFixed(1)} % | ${((micros / busy) * perRequest).toFixed(0)} µs |`);
    sections.push(
      `### ${workload}\n\n${result.requests.total} requests in ${values.duration} s (${(result.requests.total / Number(values.duration)).toFixed(0)}/s), ${perRequest.toFixed(0)} µs of CPU per request, ${result.non2xx + result.errors} errors; V8's own work outside JavaScript (\`(program)\`, ${((totals.get('(program)') ?? 0) / busy * 100).toFixed(0)} % as much again) is left out of the shares.\n\n| where | share of busy samples | µs per request |\n| --- | --- | --- |\n${rows.join('\n')}`,
    );
    console.log(sections.at(-1));
  }
  writeResultsSection(
    'profile',
    `## Where the time goes on the one path\n\nCommand: \`npm run bench:profile -- --workloads ${values.workloads} --duration ${values.duration} --connections ${values.connections} --pool ${values.pool}${values.env ? ` --env ${values.env}` : ''}\` (${new Date().toISOString().slice(0, 10)}). Entente in production mode under \`node --cpu-prof\`, on core 0, loaded with the key (so every request runs Apollo's pipeline) from core 1; only samples taken under load count. A sample belongs to the first group in the list (bench/profile.ts) that a frame on its stack belongs to, so a plugin's calls into graphql-js count for the plugin, and resolvers called by graphql-js count as resolvers. The profiler itself slows the server, so the µs are larger than the benchmark's.\n\n${sections.join('\n\n')}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
