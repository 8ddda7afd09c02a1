/**
 * npx tsx bench/checkout-cpu.ts --other DIR [--rounds 7 --requests 2000 --workloads hot,unique,generated]
 *
 * CPU per request of this checkout's pipeline against another checkout's (DIR, its node_modules
 * linked or installed), in this process and without HTTP: Apollo servers built by each checkout's
 * createGraphQLServer in production mode, with the answer cache on and off, answering requests that
 * carry a reader's key one after another through `executeHTTPGraphQLRequest`, in interleaved
 * rounds. How a change inside the pipeline (the cost estimates kept by operation, say) is measured
 * when it has no switch of its own. Prints medians and spread; asserts nothing.
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IDS_QUERY, idsOf, inProcessWorkloads } from './workloads.js';

const { values } = parseArgs({
  options: {
    other: { type: 'string' },
    rounds: { type: 'string', default: '7' },
    requests: { type: 'string', default: '2000' },
    workloads: { type: 'string', default: 'hot,unique,generated' },
  },
});
if (!values.other) throw new Error('--other DIR names the checkout to compare with');
process.env.NODE_ENV = 'production';
const here = fileURLToPath(new URL('../', import.meta.url));
const checkouts = { this: here, other: path.resolve(values.other) };

type Build = (options: Record<string, unknown>) => { apollo: ApolloServer<never> };
type MakeContext = (store: unknown, requestId?: string, signal?: AbortSignal, log?: unknown, access?: unknown) => never;
const load = async (dir: string, file: string) => import(pathToFileURL(path.join(dir, file)).href);
const store = await (await load(here, 'src/store/load.ts')).loadMemoryStore(path.join(here, 'seed/'));
const principal = { name: 'bench', role: 'reader', budgetKey: 'key:bench', budgetPerMinute: 0 };

interface Target {
  apollo: ApolloServer<never>;
  context: () => Promise<never>;
}
const targets: Record<string, Target> = {};
for (const [name, dir] of Object.entries(checkouts)) {
  const build = (await load(dir, 'src/server.ts')).createGraphQLServer as Build;
  const createContext = (await load(dir, 'src/context.ts')).createContext as MakeContext;
  const { Budgets } = await load(dir, 'src/auth/budgets.ts');
  // One for the server's life, as the HTTP surface has: a Budgets allocates its table when made.
  const budgets = new Budgets();
  for (const answers of ['on', 'off']) {
    const { apollo } = build({ production: true, ...(answers === 'off' ? { answerCacheBytes: 0 } : {}) });
    await apollo.start();
    targets[`${name}, answer cache ${answers}`] = { apollo, context: async () => createContext(store, undefined, undefined, undefined, { principal, budgets }) };
  }
}

const first = Object.values(targets)[0]!;
const listed = await first.apollo.executeOperation({ query: IDS_QUERY }, { contextValue: await first.context() });
if (listed.body.kind !== 'single') throw new Error('expected a single result');
const { readTypeDefs } = await load(here, 'src/schema.ts');
const WORKLOADS = inProcessWorkloads(idsOf(listed.body.singleResult.data), buildSchema(readTypeDefs().join('\n')), { seed: 14, count: 2000 }).bodies;
const headers = new HeaderMap([['content-type', 'application/json']]);
const perRun = Number(values.requests);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function cpuPerRequest(target: Target, next: (i: number) => Record<string, unknown>, offset: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < perRun; i++) {
    const response = await target.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: next(offset + i) }, context: target.context });
    if (response.status !== undefined && response.status !== 200) throw new Error(`answered ${response.status}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / perRun;
}

for (const workload of values.workloads.split(',')) {
  const next = WORKLOADS[workload];
  if (!next) throw new Error(`--workloads takes ${Object.keys(WORKLOADS).join(', ')}, not ${workload}`);
  const names = Object.keys(targets);
  for (const name of names) await cpuPerRequest(targets[name]!, next, 0);
  const runs: Record<string, number[]> = {};
  for (let round = 0; round < Number(values.rounds); round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      (runs[name] ??= []).push(await cpuPerRequest(targets[name]!, next, (round + 1) * perRun));
    }
  }
  console.log(`${workload}: ${names.map((name) => `${name} ${median(runs[name]!).toFixed(0)} µs (${Math.min(...runs[name]!).toFixed(0)}–${Math.max(...runs[name]!).toFixed(0)})`).join('; ')}`);
}
process.exit(0);
