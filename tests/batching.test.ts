import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.js';
import { createContext } from '../src/context.js';
import { resolvers } from '../src/modules/index.js';
import { readTypeDefs } from '../src/schema.js';
import type { GraphStore } from '../src/store/graph-store.js';
import { loadMemoryStore } from '../src/store/load.js';
import { countingStore, NO_CALLS, graphOn, REAL_SEED, storeWith, TINY_SEED } from './helpers.js';

const OPERATIONS = fileURLToPath(new URL('../operations/', import.meta.url));

// Four nested lists cost more than the default limit allows; batching is what is tested here.
const generous = { limits: { ...DEFAULT_LIMITS, maxCost: 10_000_000 } };

/** Three levels of nested relationships below a root list. */
const NESTED = `query ($first: Int) {
  people(first: $first) { nodes {
    signedAgreements { nodes {
      parties { nodes {
        offices { nodes { name } }
      } }
    } }
  } }
}`;

describe('batching', () => {
  it('makes a fixed number of store calls per level, whatever the number of items', async () => {
    const counted = countingStore((await graphOn(TINY_SEED)).store);
    const graph = await graphOn(TINY_SEED, () => counted.store, generous);

    const one = await graph.data(NESTED, { first: 1 });
    const callsForOne = { ...counted.calls };
    for (const key of Object.keys(counted.calls)) counted.calls[key as keyof typeof counted.calls] = 0;
    const all = await graph.data(NESTED, { first: 3 });

    expect(one.people.nodes).toHaveLength(1);
    expect(all.people.nodes).toHaveLength(3);
    expect(counted.calls).toEqual(callsForOne);
    // One list call, then per level one call for the relationships. The entities at their ends are
    // looked up only where a field beyond their id is read: once, for the offices' names.
    expect(counted.calls).toEqual({ ...NO_CALLS, listEntities: 1, listRelationships: 3, getNodes: 1 });
  });

  it('keeps the same call count on the real seed, where the lists are longer', async () => {
    const counted = countingStore((await graphOn(REAL_SEED)).store);
    const graph = await graphOn(REAL_SEED, () => counted.store, generous);
    const data = await graph.data(NESTED, { first: 100 });
    const offices = data.people.nodes.flatMap((p: any) => p.signedAgreements.nodes.flatMap((a: any) => a.parties.nodes.flatMap((c: any) => c.offices.nodes)));
    expect(offices.length).toBeGreaterThan(1);
    expect(counted.calls).toEqual({ ...NO_CALLS, listEntities: 1, listRelationships: 3, getNodes: 1 });
  });
});

describe('node lookups from a store that answers at once', () => {
  const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers });
  const operations = readdirSync(OPERATIONS)
    .filter((file) => file.endsWith('.graphql'))
        // The pages' mutations change the graph, which this store does not take; their node lookups are the queries'.
    .flatMap((file) => parse(readFileSync(path.join(OPERATIONS, file), 'utf8')).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query'));
  const relationshipId = 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration';
  const variablesOf: Record<string, Record<string, unknown>> = {
    ExploreSearch: { query: 'artificial intelligence' },
    ExplorePaths: { from: 'Person:karsten-wildberger', to: 'Country:canada' },
    ExploreEntity: { id: 'Country:de' },
    ExploreRelationship: { id: relationshipId },
    CurateMentions: { text: 'Karsten Wildberger and Evan Solomon signed it for Germany and Canada.' },
  };
  // Every resolver that looks nodes up: by id, by ids, the ends of relationships and hops, search
  // hits, the subjects of facts, groups, and ids that name nothing or a relationship.
  const documents = [
    ...operations.map((operation) => ({ query: print(operation), variables: variablesOf[operation.name!.value] ?? {} })),
    { query: `{ a: node(id: "Person:karsten-wildberger") { id } b: node(id: "Person:nobody") { id } c: node(id: "${relationshipId}") { id } }`, variables: {} },
    { query: '{ nodes(ids: ["Country:de", "Country:ca", "Topic:nothing"]) { id ... on Entity { name } } }', variables: {} },
    { query: 'query ($s: ID!) { evidenceIn(source: $s, start: 0, end: 4000) { kind subject { id } } }', variables: { s: 'Source:heise-2026-02-germany-canada-ai' } },
    { query: '{ groupCounts(entityType: AGREEMENT, by: { relationship: PARTY_TO, direction: INCOMING }) { entity { id } count } }', variables: {} },
    { query: '{ agreements { nodes { signatories { edges { onBehalfOf { id } node { id } } } } } }', variables: {} },
  ];

  it('gives the answers the DataLoader gives, and never calls getNodes', async () => {
    const store = await loadMemoryStore(REAL_SEED);
    expect(store.getNodeNow).toBeTypeOf('function');
    let batched = 0;
    let atOnce = 0;
    const watched: GraphStore = Object.assign(Object.create(store) as GraphStore, {
      getNodes: (ids: readonly string[]) => (batched++, store.getNodes(ids)),
      getNodeNow: (id: string) => (atOnce++, store.getNodeNow!(id)),
    });
    const loaded = countingStore(store);
    expect(loaded.store.getNodeNow).toBeUndefined();
    for (const { query, variables } of documents) {
      const document = parse(query);
      const now = JSON.stringify(await execute({ schema, document, variableValues: variables, contextValue: createContext(watched) }));
      const later = JSON.stringify(await execute({ schema, document, variableValues: variables, contextValue: createContext(loaded.store) }));
      expect(now, query).toBe(later);
      expect(JSON.parse(now).errors, query).toBeUndefined();
    }
    expect(atOnce).toBeGreaterThan(100);
    expect(batched).toBe(0);
    expect(loaded.calls.getNodes).toBeGreaterThan(10);
  });

  it('runs a lookup without waiting when every field answers at once, and waits for a store that cannot', async () => {
    const store = await loadMemoryStore(REAL_SEED);
    const document = parse('{ node(id: "Person:karsten-wildberger") { id ... on Entity { name aliases } } }');
    const now = execute({ schema, document, contextValue: createContext(store) });
    expect(now).not.toBeInstanceOf(Promise);
    const later = execute({ schema, document, contextValue: createContext(storeWith(store, { getNodes: (ids) => store.getNodes(ids) })) });
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toEqual(now);
  });
});
