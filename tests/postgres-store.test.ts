import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.js';
import { countingStore, graphOn, NO_CALLS, TINY_SEED } from './helpers.js';
import { openTestStore } from './postgres/databases.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('PostgreSQL', () => openTestStore('tiny'));

describe('batching on PostgreSQL', () => {
  it('reads the entities at the other end with their relationships, and the next level with the first: no node look-ups', async () => {
    const counted = countingStore(await openTestStore('tiny'));
    const graph = await graphOn(TINY_SEED, () => counted.store, { limits: { ...DEFAULT_LIMITS, maxCost: 10_000_000 } });
    const data = await graph.data(`{
      people { nodes { name signedAgreements { nodes { name parties { nodes { name offices { nodes { name } } } } } } } }
    }`);
    expect(data.people.nodes.map((person: any) => person.signedAgreements.nodes.map((agreement: any) => agreement.parties.nodes.map((country: any) => country.name)))).toEqual([
      [['Freedonia', 'Sylvania']],
      [['Freedonia', 'Sylvania']],
      [['Freedonia', 'Sylvania']],
    ]);
    // The agreements' parties are read with the agreements; the countries' offices take a statement
    // of their own. The memory store makes one call per level (tests/batching.test.ts).
    expect(counted.calls).toEqual({ ...NO_CALLS, listEntities: 1, listRelationships: 2 });
  });

  it('reads a lookup two levels deep in one statement: the node with its relationships and theirs', async () => {
    const counted = countingStore(await openTestStore('tiny'));
    const graph = await graphOn(TINY_SEED, () => counted.store);
    const data = await graph.data(`{ node(id: "Country:freedonia") { ... on Entity { name relations(first: 20) { edges { other { name relations(first: 20) { totalCount edges { other { id } } } } } } } } }`);
    expect(data.node.relations.edges.length).toBeGreaterThan(1);
    expect(data.node.relations.edges.every((edge: any) => edge.other.relations.edges.length > 0)).toBe(true);
    expect(counted.calls).toEqual({ ...NO_CALLS, listRelationships: 1 });
  });
});
