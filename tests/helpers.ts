import type { ApolloServer } from '@apollo/server';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createContext, type Context } from '../src/context.js';
import type { HttpLimits } from '../src/config.js';
import { createHttpServer, type HttpOptions } from '../src/http/http-server.js';
import { createMetrics, type Metrics } from '../src/metrics.js';
import { createGraphQLServer, type GraphQLServer, type ServerOptions } from '../src/server.js';
import type { GraphStore } from '../src/store/graph-store.js';
import { loadMemoryStore } from '../src/store/load.js';
import { openAccess, type Access } from '../src/auth/access.js';
import { hashKey, KeyRing, type Role } from '../src/auth/keys.js';

/** Variables for the operations in operations/ that have no defaults, as the pages send them. */
export const OPERATION_VARIABLES: Readonly<Record<string, Record<string, unknown>>> = {
  ExploreSearch: { query: 'Montreal' },
  ExplorePaths: { from: 'Person:karsten-wildberger', to: 'Person:evan-solomon' },
  ExploreEntity: { id: 'Agreement:de-ca-ai-declaration' },
  ExploreRelationship: { id: 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration' },
  CurateMentions: { text: 'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent' },
  CurateAddSource: { input: { slug: 'example-report', text: 'An example report.', title: 'An example report', language: 'EN', publishedOn: { value: '2026', evidence: [] } } },
  CurateAddFacts: { input: { relationships: [] } },
};

export const TINY_SEED = fileURLToPath(new URL('./fixtures/tiny/seed/', import.meta.url));
export const TINY_TEXT = fileURLToPath(new URL('./fixtures/tiny/source.txt', import.meta.url));
export const REAL_SEED = fileURLToPath(new URL('../seed/', import.meta.url));

export interface TestGraph {
  store: GraphStore;
  apollo: ApolloServer<Context>;
  /** Runs an operation and returns its whole result: data and errors. */
  run: (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: any[] }>;
  /** Runs an operation that must succeed and returns its data; any error fails the test loudly. */
  data: (query: string, variables?: Record<string, unknown>) => Promise<any>;
}

export async function graphOn(
  seedDir: string,
  wrapStore: (store: GraphStore) => GraphStore = (s) => s,
  serverOptions: ServerOptions = {},
  sourceTextsDir: string | null = null,
): Promise<TestGraph> {
  const store = wrapStore(await loadMemoryStore(seedDir, sourceTextsDir));
  const { apollo } = createGraphQLServer(serverOptions);
  const run: TestGraph['run'] = async (query, variables) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(store) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const result = JSON.parse(JSON.stringify(response.body.singleResult));
    // Every response reports its cost; tests of the cost limit read it over HTTP (tests/limits.test.ts).
    if (result.extensions?.cost) {
      const { cost: _cost, ...extensions } = result.extensions;
      if (Object.keys(extensions).length > 0) result.extensions = extensions;
      else delete result.extensions;
    }
    return result;
  };
  const data: TestGraph['data'] = async (query, variables) => {
    const result = await run(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  return { store, apollo, run, data };
}

export interface TestHttp {
  url: string;
  server: Server;
  graphql: GraphQLServer;
  metrics: Metrics;
  close: () => Promise<void>;
}

export interface HttpOnOptions {
  limits?: Partial<HttpLimits>;
  server?: ServerOptions;
  http?: Omit<Partial<HttpOptions>, 'graphql' | 'store' | 'limits' | 'metrics'>;
}

/** Serves a store over real HTTP on an ephemeral loopback port, with metrics and no logs. */
export async function httpOn(store: GraphStore, options: HttpOnOptions = {}): Promise<TestHttp> {
  const metrics = createMetrics();
  const graphql = createGraphQLServer({ ...options.server, metrics });
  const { apollo } = graphql;
  await apollo.start();
  const server = createHttpServer({ graphql, store, limits: options.limits, metrics, ...options.http });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    graphql,
    metrics,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

const STORE_METHODS = ['getNodes', 'getRelationships', 'listRelationships', 'findByName', 'listEntities', 'listTimeline', 'countGroups', 'search', 'findEvidence'] as const;
type StoreMethod = (typeof STORE_METHODS)[number];
export type StoreCalls = Record<StoreMethod, number>;
/** Zero calls to every store method, to spell out only the calls a test expects. */
export const NO_CALLS: Readonly<StoreCalls> = Object.fromEntries(STORE_METHODS.map((method) => [method, 0])) as StoreCalls;

/** Wraps a store to count calls to each method, to show batching without timing anything. */
export function countingStore(store: GraphStore): { store: GraphStore; calls: StoreCalls } {
  const calls: StoreCalls = { ...NO_CALLS };
  const counted = {
    get version() {
      return store.version;
    },
    statistics: () => store.statistics(),
    readsAhead: store.readsAhead,
  } as GraphStore;
  for (const method of STORE_METHODS) {
    const call = store[method] as (...args: unknown[]) => unknown;
    (counted as unknown as Record<StoreMethod, unknown>)[method] = (...args: unknown[]) => (calls[method]++, call.apply(store, args));
  }
  return { store: counted, calls };
}

/**
 * The same store with some methods replaced, to simulate slow or failing storage. Replacing
 * `getNodes` drops `getNodeNow`, as the store interface asks of a wrapper, so every node lookup
 * goes through the replacement.
 */
export function storeWith(store: GraphStore, overrides: Partial<GraphStore>): GraphStore {
  const replaced: Partial<GraphStore> = { ...overrides };
  if (overrides.getNodes && !overrides.getNodeNow) replaced.getNodeNow = undefined;
  // A proxy, not a prototype: a store's private fields can only be read on the store itself.
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof GraphStore];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Access with the given keys (each a name, role and the key itself), reading open, no budgets unless given. */
export function accessWith(keys: ReadonlyArray<{ name: string; role: Role; key: string; budgetPerMinute?: number }>, overrides: Partial<Access> = {}): Access {
  return { ...openAccess(), keys: new KeyRing(keys.map(({ key, ...record }) => ({ ...record, sha256: hashKey(key) }))), ...overrides };
}
