import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.js';
import { countingStore, graphOn, NO_CALLS, TINY_SEED } from './helpers.js';
import { openTestStore } from './postgres/databases.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('PostgreSQL', () => openTestStore('tiny'));

describe('batching on PostgreSQL', () => {
  it('reads the entities at the other end with their relationships: one statement per level and no node look-ups', async () => {
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
    // The memory store makes a getNodes call per level too (tests/batching.test.ts).
    expect(counted.calls).toEqual({ ...NO_CALLS, listEntities: 1, listRelationships: 3 });
  });
});
