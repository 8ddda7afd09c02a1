import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.js';
import { countingStore, graphOn, REAL_SEED, TINY_SEED } from './helpers.js';

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
    // One list call, then per level one call for the relationships and one for the nodes at their ends.
    expect(counted.calls).toEqual({ listEntities: 1, getEdges: 3, getNodes: 3, findByName: 0, search: 0, findEvidence: 0 });
  });

  it('keeps the same call count on the real seed, where the lists are longer', async () => {
    const counted = countingStore((await graphOn(REAL_SEED)).store);
    const graph = await graphOn(REAL_SEED, () => counted.store, generous);
    const data = await graph.data(NESTED, { first: 100 });
    const offices = data.people.nodes.flatMap((p: any) => p.signedAgreements.nodes.flatMap((a: any) => a.parties.nodes.flatMap((c: any) => c.offices.nodes)));
    expect(offices.length).toBeGreaterThan(1);
    expect(counted.calls).toEqual({ listEntities: 1, getEdges: 3, getNodes: 3, findByName: 0, search: 0, findEvidence: 0 });
  });
});
