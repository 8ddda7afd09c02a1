/**
 * npm run bench:plugins [-- --rounds 9 --requests 2000 --pool 2000 --seed 14]
 *
 * What each of Entente's Apollo plugins costs per request, measured in this process (no HTTP, no
 * other server) on the hot, unique and generated documents:
 *
 * - whole requests through `executeHTTPGraphQLRequest` on Apollo servers built by
 *   createGraphQLServer as production builds it, without the metrics plugin, without the
 *   internal-error plugin, and with one more plugin whose two hooks do nothing (what a plugin costs
 *   Apollo to call), in interleaved rounds; the cost plugin cannot be left out without changing
 *   src/, so its work is timed on its own:
 * - the cost plugin's work (the variable checks and the cost estimate of its didResolveOperation)
 *   and the metrics plugin's hooks, called directly many times over the same documents.
 *
 * Writes the plugins section of bench/RESULTS.md. Asserts nothing about time.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS } from '../src/config.js';
import { createContext, type Context } from '../src/context.js';
import { estimateCost } from '../src/limits/query-cost.js';
import { checkVariables } from '../src/limits/variables.js';
import { createMetrics, metricsPlugin } from '../src/metrics.js';
import { readTypeDefs } from '../src/schema.js';
import { createGraphQLServer } from '../src/server.js';
import { loadMemoryStore } from '../src/store/load.js';
import { writeResultsSection } from './results.js';
import { HOT, IDS_QUERY, idsOf, inProcessWorkloads, uniqueRequest } from './workloads.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    requests: { type: 'string', default: '2000' },
    pool: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '14' },
  },
});
const rounds = Number(values.rounds);
const perRun = Number(values.requests);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

const store = await loadMemoryStore(fileURLToPath(new URL('../seed/', import.meta.url)));
const noHooks: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return { async didResolveOperation() {}, async willSendResponse() {} };
  },
};
const onInternalError = () => {};
const builds = {
  production: () => createGraphQLServer({ production: true, metrics: createMetrics(), onInternalError }),
  'without the metrics plugin': () => createGraphQLServer({ production: true, onInternalError }),
  'without the internal-error plugin': () => createGraphQLServer({ production: true, metrics: createMetrics() }),
  'with one more plugin of two empty hooks': () => createGraphQLServer({ production: true, metrics: createMetrics(), onInternalError, plugins: [noHooks] }),
};
const servers = Object.fromEntries(await Promise.all(Object.entries(builds).map(async ([name, build]) => {
  const { apollo } = build();
  await apollo.start();
  return [name, apollo] as const;
})));

// Request bodies as Apollo receives them from the HTTP route: parsed JSON.
const idsResult = await servers.production!.executeOperation({ query: IDS_QUERY }, { contextValue: createContext(store) });
if (idsResult.body.kind !== 'single') throw new Error('expected a single result');
const schema = buildSchema(readTypeDefs().join('\n'));
const { bodies: workloads, pool, uniqueIds } = inProcessWorkloads(idsOf(idsResult.body.singleResult.data), schema, { seed: Number(values.seed), count: Number(values.pool) });
const headers = new HeaderMap([['content-type', 'application/json']]);

/** CPU µs per request of `count` requests answered one after another. */
async function requestsOn(name: string, workload: string, count: number, offset: number): Promise<number> {
  const apollo = servers[name]!;
  const next = workloads[workload]!;
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: next(offset + i) }, context: async () => createContext(store) });
    if (response.status !== undefined && response.status !== 200) throw new Error(`${name} answered ${response.status}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

const whole: Record<string, Record<string, number[]>> = {};
for (const workload of Object.keys(workloads)) {
  for (const name of Object.keys(servers)) await requestsOn(name, workload, perRun / 4, 0);
  for (let round = 0; round < rounds; round++) {
    const names = Object.keys(servers);
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of round % 2 === 0 ? order : order.reverse()) ((whole[workload] ??= {})[name] ??= []).push(await requestsOn(name, workload, perRun, round * perRun));
  }
  console.log(workload, Object.entries(whole[workload]!).map(([name, xs]) => `${name} ${median(xs).toFixed(1)} µs`).join(', '));
}

/** Median µs per call of `work` over `count` calls, in `repeat` runs. */
function timed(count: number, repeat: number, work: (i: number) => void): number[] {
  const runs: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) work(i);
    runs.push(Number(process.hrtime.bigint() - start) / 1000 / count);
  }
  return runs;
}
const parsed = {
  hot: [{ document: parse(JSON.parse(HOT).query), variables: {}, operationName: undefined as string | undefined }],
  unique: Array.from({ length: 2000 }, (_, n) => ({ document: parse(JSON.parse(uniqueRequest(n, uniqueIds)).query), variables: {}, operationName: undefined as string | undefined })),
  generated: pool.map((r) => ({ document: parse(r.query), variables: r.variables, operationName: r.operationName })),
};
const costWork: Record<string, number[]> = {};
for (const [workload, documents] of Object.entries(parsed)) {
  costWork[workload] = timed(5000, rounds, (i) => {
    const { document, variables, operationName } = documents[i % documents.length]!;
    checkVariables(variables, DEFAULT_LIMITS);
    estimateCost(schema, document, variables, operationName);
  });
}
const metricsHooks = metricsPlugin<Context>(createMetrics());
type Listener = Record<string, (context: unknown) => Promise<void>>;
const metricsWork: number[] = [];
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 50_000; i++) {
    // The hooks Apollo calls on a successful request whose document the store held, awaited as Apollo awaits them.
    const listener = (await metricsHooks.requestDidStart!({} as never)) as unknown as Listener;
    await listener.didResolveOperation!({});
    await listener.willSendResponse!({ response: { body: { kind: 'single', singleResult: { data: {} } } }, operationName: 'Analyst', errors: undefined, document: {} });
  }
  metricsWork.push(Number(process.hrtime.bigint() - start) / 1000 / 50_000);
}

const rows = Object.keys(workloads).map((workload) => {
  const w = whole[workload]!;
  const production = w.production!;
  const delta = (name: string) => {
    const deltas = production.map((x, i) => x - w[name]![i]!);
    return `${median(deltas).toFixed(1)} µs (${spread(deltas)})`;
  };
  const extra = w['with one more plugin of two empty hooks']!.map((x, i) => x - production[i]!);
  return `| ${workload} | ${median(production).toFixed(0)} µs (${spread(production)}) | ${median(costWork[workload]!).toFixed(1)} µs (${spread(costWork[workload]!)}) | ${delta('without the metrics plugin')} | ${delta('without the internal-error plugin')} | ${median(extra).toFixed(1)} µs (${spread(extra)}) |`;
});
writeResultsSection(
  'plugins',
  `## What each plugin costs\n\nCommand: \`npm run bench:plugins -- --rounds ${rounds} --requests ${perRun} --pool ${values.pool} --seed ${values.seed}\` (${new Date().toISOString().slice(0, 10)}). In one process, without HTTP: Apollo servers built by createGraphQLServer as in production, without the metrics plugin, without the internal-error plugin, and with one more plugin of two empty hooks, each answering ${perRun} requests one after another per round through \`executeHTTPGraphQLRequest\`, ${rounds} interleaved rounds; CPU µs per request, median (min–max over rounds). "Without X" columns are production minus the server without X, round by round: a difference smaller than its spread is noise. The cost plugin cannot be left out without changing src/, so its work (variable checks and the cost estimate, as its didResolveOperation does them) is timed on its own over the same documents; the metrics plugin's hooks, timed the same way, take ${median(metricsWork).toFixed(2)} µs (${spread(metricsWork)}) a request.\n\n| workload | a request, as in production | cost plugin's work | metrics plugin | internal-error plugin | one more plugin of two empty hooks |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
);
console.log(rows.join('\n'));
for (const apollo of Object.values(servers)) await apollo.stop();
