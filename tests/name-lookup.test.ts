import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldText } from '../src/lib/text.js';
import { MemoryGraphStore } from '../src/store/memory-store.js';
import { findNamed, sortByNameThenId } from '../src/store/name-order.js';
import { buildSeedGraph } from '../src/store/seed.js';
import { TINY_SEED } from './helpers.js';

const tiny = JSON.parse(readFileSync(path.join(TINY_SEED, 'graph.json'), 'utf8'));
const mentions = tiny.entities.find((e: any) => e.id === 'Topic:automation').mentions;
// Plain lowercase names (found by search in the sorted lists) mixed with names the map holds.
const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'A', 'é', '-'), minLength: 1, maxLength: 4 }).filter((s) => s.trim().length > 0);

/** Every name an entity answers to, as the seed gives them. */
function namesOf(entity: any): string[] {
  return [entity.name, ...(entity.aliases ?? []), ...Object.values<string>(entity.labels ?? {}), ...(entity.code ? [entity.code] : [])];
}

describe('name lookup', () => {
  it('finds every entity whose name, alias, label or code folds to a name, each once, in seed order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name: text, aliases: fc.array(text, { maxLength: 2 }) }), { minLength: 1, maxLength: 12 }), async (named) => {
        const topics = named.map(({ name, aliases }, i) => ({ id: `Topic:t-${i}`, name, ...(aliases.length > 0 ? { aliases } : {}), mentions }));
        const data = { ...tiny, entities: [...tiny.entities, ...topics] };
        const store = new MemoryGraphStore(buildSeedGraph([{ file: 'seed/graph.json', absolutePath: '/seed/graph.json', data }]));
        const everyone = [...tiny.sources, ...data.entities];
        const queries = [...new Set([...everyone.flatMap(namesOf).map(foldText), 'a', 'b', 'a b', 'ab', 'automation'])];
        const found = await store.findByName(queries);
        expect(found.map((list) => list.map((e) => e.id))).toEqual(
          queries.map((query) => everyone.filter((entity) => namesOf(entity).some((name) => foldText(name) === query)).map((entity) => entity.id)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('finds exact names only in a sorted list, not names the collator merely calls equal', () => {
    const list = [{ name: 'ab', id: 'x:2' }, { name: 'ab\u0001', id: 'x:1' }, { name: 'Ab', id: 'x:3' }, { name: 'ab', id: 'x:0' }, { name: 'a b', id: 'x:4' }];
    sortByNameThenId(list);
    expect(findNamed(list, 'ab').map((item) => item.id)).toEqual(['x:0', 'x:2']);
    expect(findNamed(list, 'a b').map((item) => item.id)).toEqual(['x:4']);
    expect(findNamed(list, 'b')).toEqual([]);
  });
});
