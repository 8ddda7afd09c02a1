import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareByNameThenId } from '../src/lib/text.js';
import { GrowableColumn } from '../src/store/columns.js';
import { RELATIONSHIP_TYPE_CODES, RelationshipTableBuilder } from '../src/store/relationship-table.js';
import { IdIndex } from '../src/store/id-index.js';
import { RELATIONSHIP_TYPES } from '../src/store/models.js';
import { sortByNameThenId } from '../src/store/name-order.js';
import { QuoteStore } from '../src/store/quote-store.js';

const nameChars = fc.constantFrom(...'ab yz09 AZé-ß.'.split(''));

describe('sortByNameThenId', () => {
  it('orders entities exactly as compareByNameThenId does', () => {
    const entity = fc.record({ name: fc.string({ unit: nameChars, maxLength: 6 }), id: fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(entity, { maxLength: 40 }), (entities) => {
        const sorted = [...entities];
        sortByNameThenId(sorted);
        expect(sorted).toEqual([...entities].sort(compareByNameThenId));
      }),
      { numRuns: 500 },
    );
  });
});

describe('GrowableColumn', () => {
  it('gives back every value pushed or set, across its first chunk growing and later chunks', () => {
    const column = new GrowableColumn(Float64Array);
    const count = 200_000;
    for (let i = 0; i < count; i++) column.push(i * 1.5);
    column.set(70_000, -1);
    expect(column.length).toBe(count);
    const values = Array.from({ length: count }, (_, i) => column.get(i));
    expect(values).toEqual(Array.from({ length: count }, (_, i) => (i === 70_000 ? -1 : i * 1.5)));
  });
});

describe('QuoteStore', () => {
  it('gives back every quote by row, across chunks, as strings beyond Latin-1 and before and after sealing', () => {
    const quotes = ['abc', 'Grüße', 'sixteen chars ok', 'x', 'a quote longer than a chunk', 'Merz said “yes”', 'fin'];
    const store = new QuoteStore(16);
    for (const quote of quotes) store.add(quote);
    expect(quotes.map((quote, row) => store.get(row, quote.length))).toEqual(quotes);
    store.seal();
    expect(store.length).toBe(quotes.length);
    expect(quotes.map((quote, row) => store.get(row, quote.length))).toEqual(quotes);
  });
});

describe('RelationshipTableBuilder', () => {
  it('finds each relationship by type and ends after its hash table has grown, and nothing else', () => {
    const builder = new RelationshipTableBuilder();
    const keys = new Map<string, number>();
    let seed = 1;
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    while (keys.size < 20_000) {
      const [code, from, to] = [next(RELATIONSHIP_TYPES.length), next(500), next(500)];
      const key = `${code} ${from} ${to}`;
      if (keys.has(key)) continue;
      expect(builder.find(code, from, to)).toBe(-1);
      keys.set(key, builder.add(code, from, to, null, [{ source: 0, start: 0, end: 1, quote: 'q', detail: null }]));
    }
    for (const [key, row] of keys) {
      const [code, from, to] = key.split(' ').map(Number) as [number, number, number];
      expect(builder.find(code, from, to)).toBe(row);
    }
  });

  it('builds a table whose rows read back as the relationships added', () => {
    const builder = new RelationshipTableBuilder();
    const signed = RELATIONSHIP_TYPE_CODES.get('SIGNED')!;
    const covers = RELATIONSHIP_TYPE_CODES.get('COVERS')!;
    builder.add(signed, 1, 2, { onBehalfOfId: 'Country:de', capacity: 'minister', role: null, note: null, ordinal: null }, [
      { source: 0, start: 3, end: 9, quote: 'signed', detail: null },
      { source: 0, start: 20, end: 24, quote: 'Merz', detail: { method: 'INFERRED', reason: 'Named later.', reference: null, modality: 'STATED', speakerId: null } },
    ]);
    builder.add(covers, 2, 3, null, [{ source: 0, start: 5, end: 7, quote: 'AI', detail: null }]);
    builder.add(covers, 1, 3, null, [{ source: 0, start: 2 ** 33, end: 2 ** 33 + 3, quote: 'far', detail: null }]);
    const table = builder.build(['Source:s', 'Person:p', 'Agreement:a', 'Topic:t']);
    const [first, second, third] = [...table];
    expect(table.length).toBe(3);
    expect({ id: first!.id, type: first!.type, onBehalfOfId: first!.onBehalfOfId, capacity: first!.capacity, ordinal: first!.ordinal }).toEqual({
      id: 'Relationship:Person:p>SIGNED>Agreement:a',
      type: 'SIGNED',
      onBehalfOfId: 'Country:de',
      capacity: 'minister',
      ordinal: null,
    });
    expect(first!.evidence.map((e) => [e.sourceId, e.start, e.end, e.quote, e.method, e.reason])).toEqual([
      ['Source:s', 3, 9, 'signed', 'EXTRACTED', null],
      ['Source:s', 20, 24, 'Merz', 'INFERRED', 'Named later.'],
    ]);
    expect([second!.fromId, second!.toId, second!.onBehalfOfId, second!.evidence.map((e) => e.quote)]).toEqual(['Agreement:a', 'Topic:t', null, ['AI']]);
    expect(third!.evidence.map((e) => [e.start, e.end, e.quote])).toEqual([[2 ** 33, 2 ** 33 + 3, 'far']]);
  });
});

describe('IdIndex', () => {
  it('numbers ids in order and finds each again, however long, whatever its characters, after growing', () => {
    const index = new IdIndex();
    const prefixes = ['Person:p-', 'Organization:a-rather-long-organization-slug-', 'Place:zürich-', 'Person:łódź-'];
    const ids = Array.from({ length: 5000 }, (_, i) => `${prefixes[i % 4]!}${i}`);
    expect(ids.map((id) => index.add(id))).toEqual(ids.map((_, i) => i));
    expect(ids.map((id) => index.get(id))).toEqual(ids.map((_, i) => i));
    expect(index.ids).toEqual(ids);
    expect(['Person:p-1', 'Person:p-', 'Person:p-50000', 'Place:zurich-2', 'Person:lodz-3', '', 'person:p-0'].map((id) => index.get(id))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('finds exactly the ids added among strings that differ by one character, even when all hashes collide', () => {
    const id = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'ł', '\u0000'), maxLength: 40 });
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 60 }), fc.array(id, { maxLength: 60 }), fc.boolean(), (added, probes, collide) => {
        // With every hash equal, only the comparison of lengths and characters tells ids apart.
        const index = collide ? new IdIndex(() => 7) : new IdIndex();
        for (const value of added) index.add(value);
        for (const value of [...added, ...probes]) {
          const position = added.indexOf(value);
          expect(index.get(value)).toBe(position === -1 ? undefined : position);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sized in advance, holds and finds ids as one grown step by step does, and refuses sizing once it holds any', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `Person:p-${i}`);
    const sized = new IdIndex();
    sized.reserve(ids.length);
    sized.reserve(10);
    const grown = new IdIndex();
    for (const id of ids) expect(sized.add(id)).toBe(grown.add(id));
    expect(ids.map((id) => sized.get(id))).toEqual(ids.map((id) => grown.get(id)));
    expect(sized.get('Person:p-20000')).toBeUndefined();
    sized.reserve(ids.length);
    expect(() => sized.reserve(10 * ids.length)).toThrow(/only an empty index/);
  });
});
