import { RequestWork } from '../src/lib/work.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';
import { Bitset } from '../src/lib/bitset.js';
import { ConditionEvaluator, type MemoryGraph } from '../src/store/memory-conditions.js';
import type { MemoryGraphStore } from '../src/store/memory-store.js';
import { loadMemoryStore } from '../src/store/load.js';
import type { EntityCondition } from '../src/store/query.js';

/**
 * Filters answered by indexes read only the entities that may match: shown by counting the
 * entities the evaluator reads on a synthetic graph of 20,000, not by timing anything.
 */
let dir: string;
let store: MemoryGraphStore;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'entente-indexes-'));
  await generateGraph(20_000, dir, 7);
  store = await loadMemoryStore(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An evaluator over the store whose reads of entities are counted. */
function countingEvaluator(): { evaluator: ConditionEvaluator; reads: () => number; people: Bitset } {
  const view = store.graphView();
  let reads = 0;
  const entities = new Proxy(view.entities as EntityModelList, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const graph: MemoryGraph = { ...view, entities };
  return { evaluator: new ConditionEvaluator(graph), reads: () => reads, people: view.membersOf('Person') };
}
type EntityModelList = MemoryGraph['entities'];

describe('memory store indexes', () => {
  it('finds entities by exact name and by name prefix without reading the rest of the type', async () => {
    const [person] = await store.getNodes(['Person:person-1234']);
    const name = (person as { name: string }).name;
    const { evaluator, reads, people } = countingEvaluator();
    expect(people.size).toBeGreaterThan(2000);
    const exact = await evaluator.select({ kind: 'name', test: { equals: name } }, people, new RequestWork());
    expect(exact.size).toBe(1);
    const prefix = await evaluator.select({ kind: 'name', test: { startsWith: name.slice(0, -1) } }, people, new RequestWork());
    expect(prefix.size).toBeGreaterThanOrEqual(1);
    expect(prefix.size).toBeLessThan(20);
    expect(reads()).toBeLessThan(50);
  });

  it('answers a relationship condition from the far side when fewer entities are there', async () => {
    const { evaluator, reads, people } = countingEvaluator();
    const condition: EntityCondition = {
      kind: 'relation',
      path: { types: ['SIGNED'], direction: 'OUTGOING' },
      quantifier: 'some',
      condition: { other: { kind: 'id', test: { in: ['Agreement:agreement-1', 'Agreement:agreement-2'] } } },
    };
    await evaluator.select(condition, people, new RequestWork());
    expect(reads()).toBeLessThan(10);
  });

  it('reads every candidate for a condition no index answers', async () => {
    const { evaluator, reads, people } = countingEvaluator();
    await evaluator.select({ kind: 'name', test: { contains: 'son 12' } }, people, new RequestWork());
    expect(reads()).toBe(people.size);
  });
});
