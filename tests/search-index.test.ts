import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { RequestWork } from '../src/lib/work.js';
import { topByScore } from '../src/lib/top-k.js';
import type { EntityTypeName, EvidenceModel } from '../src/store/models.js';
import type { SearchOptions } from '../src/store/graph-store.js';
import { edgeList, SearchIndex, tokenize, type SearchableEdge, type SearchableEntity } from '../src/store/search-index.js';

function entity(type: EntityTypeName, slug: string, name: string, more: { aliases?: string[]; description?: string } = {}): SearchableEntity {
  return { id: `${type}:${slug}`, type, name, aliases: more.aliases ?? [], labels: [], description: more.description ?? null };
}

function evidence(quote: string): EvidenceModel {
  return { sourceId: 'Source:s', start: 0, end: quote.length, quote, method: 'EXTRACTED', reason: null, reference: null, modality: 'STATED', speakerId: null };
}

function edge(fromId: string, type: string, toId: string, quotes: string[]): SearchableEdge {
  return { id: `Relationship:${fromId}>${type}>${toId}`, fromId, toId, evidence: quotes.map(evidence) };
}

const EVERYTHING: SearchOptions = { types: null, includeRelationships: true, offset: 0, limit: 1000 };
const ids = async (index: SearchIndex, query: string, options: Partial<SearchOptions> = {}) =>
  (await index.search(query, { ...EVERYTHING, ...options })).matches.map((m) => m.nodeId);
const build = (entities: SearchableEntity[], edges: SearchableEdge[]) => SearchIndex.build(entities, edgeList(edges), new RequestWork());

describe('the search index', () => {
  const entities = [
    entity('Topic', 'solar', 'Solar power', { description: 'Energy from the sun.' }),
    entity('Topic', 'wind', 'Wind power', { aliases: ['Solar wind'] }),
    entity('Place', 'sunville', 'Sunville', { description: 'A town known for solar farms.' }),
    entity('Person', 'ada', 'Ada Lovelace', { aliases: ['Countess of Lovelace'] }),
    entity('Topic', 'solarpunk', 'Solarpunk'),
    entity('Topic', 'nuclear', 'Nuclear power'),
    entity('Place', 'montreal', 'Montréal'),
  ];
  const edges = [
    edge('Person:ada', 'SPOKE_ABOUT', 'Topic:solar', ['Ada spoke about solar power', 'Lovelace praised the sun']),
    edge('Person:ada', 'SPOKE_ABOUT', 'Topic:wind', ['Ada mentioned wind and solar, solar and wind']),
    edge('Place:sunville', 'LOCATED_IN', 'Place:montreal', ['Sunville near Montreal']),
  ];
  let index: SearchIndex;
  beforeAll(async () => {
    index = await build(entities, edges);
  });

  it('ranks a name above an alias, an alias above a description, and reports where each matched', async () => {
    const matches = (await index.search('solar', EVERYTHING)).matches.filter((m) => m.nodeId !== 'Topic:solarpunk');
    expect(matches.slice(0, 3).map((m) => [m.nodeId, m.field, m.text])).toEqual([
      ['Topic:solar', 'NAME', 'Solar power'],
      ['Topic:wind', 'ALIAS', 'Solar wind'],
      ['Place:sunville', 'DESCRIPTION', 'A town known for solar farms.'],
    ]);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
  });

  it('matches the last word as a prefix, ranking the word itself above longer words it begins', async () => {
    const solar = await ids(index, 'solar', { includeRelationships: false });
    expect(solar).toEqual(expect.arrayContaining(['Topic:solar', 'Topic:solarpunk']));
    expect(solar.indexOf('Topic:solar')).toBeLessThan(solar.indexOf('Topic:solarpunk'));
    expect(await ids(index, 'sola', { includeRelationships: false })).toContain('Topic:solarpunk');
    expect((await index.search('solarp', EVERYTHING)).matches).toMatchObject([{ nodeId: 'Topic:solarpunk', field: 'NAME', terms: ['solarpunk'] }]);
  });

  it('matches earlier words only whole', async () => {
    expect(await ids(index, 'power sola', { includeRelationships: false })).toEqual(['Topic:solar', 'Topic:wind']);
    // No document holds the word "sola", so any word may match: "power" alone finds nuclear power.
    expect(await ids(index, 'sola power', { includeRelationships: false })).toContain('Topic:nuclear');
  });

  it('requires every word when some document has them all, and any word otherwise', async () => {
    expect(await ids(index, 'wind power')).toEqual(['Topic:wind']);
    const fallback = await index.search('xylophone lovelace', EVERYTHING);
    expect(fallback.matches.map((m) => m.nodeId)).toEqual(['Person:ada', 'Relationship:Person:ada>SPOKE_ABOUT>Topic:solar']);
    expect(fallback.matches[0]).toMatchObject({ field: 'NAME', terms: ['lovelace'] });
  });

  it('ranks, in the fallback, a document with more of the words above one with fewer', async () => {
    const names = await ids(index, 'xylophone wind power', { includeRelationships: false });
    expect(names[0]).toBe('Topic:wind');
    expect(names).toContain('Topic:solar');
  });

  it('ignores case, accents and hyphens', async () => {
    expect(await ids(index, 'MONTREAL', { includeRelationships: false })).toEqual(['Place:montreal']);
    expect(await ids(index, 'montréal', { includeRelationships: false })).toEqual(['Place:montreal']);
    expect(await ids(index, 'ada-lovelace', { includeRelationships: false })).toEqual(['Person:ada']);
  });

  it('lists a relationship once, with its best-matching quote', async () => {
    const matches = (await index.search('solar', { ...EVERYTHING, types: new Set(['Person']) })).matches;
    expect(matches.map((m) => m.nodeId)).toEqual(['Relationship:Person:ada>SPOKE_ABOUT>Topic:wind', 'Relationship:Person:ada>SPOKE_ABOUT>Topic:solar']);
    expect(matches[0]).toMatchObject({ field: 'EVIDENCE', text: 'Ada mentioned wind and solar, solar and wind', evidence: { quote: 'Ada mentioned wind and solar, solar and wind' } });
    const sun = (await index.search('sun', { ...EVERYTHING, types: new Set(['Person']) })).matches;
    expect(sun).toMatchObject([{ nodeId: 'Relationship:Person:ada>SPOKE_ABOUT>Topic:solar', evidence: { quote: 'Lovelace praised the sun' } }]);
  });

  it('keeps only the entity types asked for, and relationships touching one of them', async () => {
    expect(await ids(index, 'sunville', { types: new Set(['Place']) })).toEqual(['Place:sunville', 'Relationship:Place:sunville>LOCATED_IN>Place:montreal']);
    expect(await ids(index, 'sunville', { types: new Set(['Topic']) })).toEqual([]);
    expect(await ids(index, 'sunville', { includeRelationships: false })).toEqual(['Place:sunville']);
  });

  it('counts every match and returns only the page asked for', async () => {
    const all = await index.search('solar', EVERYTHING);
    expect(all.totalCount).toBe(all.matches.length);
    expect(all.totalCount).toBe(6);
    const page = await index.search('solar', { ...EVERYTHING, offset: 2, limit: 3 });
    expect(page).toEqual({ totalCount: 6, matches: all.matches.slice(2, 5) });
    expect(await index.search('solar', { ...EVERYTHING, limit: 0 })).toEqual({ totalCount: 6, matches: [] });
    expect(await index.search('solar', { ...EVERYTHING, offset: 50 })).toEqual({ totalCount: 6, matches: [] });
  });

  it('puts the entities named exactly as the query first, names before aliases, and pages across them', async () => {
    const named = await build(
      [
        entity('Topic', 'solar-wind', 'Solar wind and solar power', { description: 'Solar.' }),
        entity('Person', 'sol', 'Sol Example', { aliases: ['Solar'] }),
        entity('Topic', 'solar', 'Solar'),
      ],
      [],
    );
    const exact = [
      { document: 1, isName: false },
      { document: 2, isName: true },
    ];
    const ranked = (await named.search('solar', EVERYTHING, exact)).matches;
    expect(ranked.map((m) => [m.nodeId, m.isExactMatch])).toEqual([
      ['Topic:solar', true],
      ['Person:sol', true],
      ['Topic:solar-wind', false],
    ]);
    // By score alone, the many mentions of "solar" would come first.
    expect((await named.search('solar', EVERYTHING)).matches.map((m) => m.nodeId)[0]).toBe('Topic:solar-wind');
    expect((await named.search('solar', { ...EVERYTHING, offset: 1, limit: 1 }, exact)).matches.map((m) => m.nodeId)).toEqual(['Person:sol']);
    expect((await named.search('solar', { ...EVERYTHING, offset: 2, limit: 5 }, exact)).matches.map((m) => m.nodeId)).toEqual(['Topic:solar-wind']);
    expect((await named.search('solar', { ...EVERYTHING, types: new Set(['Topic']) }, exact)).matches.map((m) => m.nodeId)).toEqual(['Topic:solar', 'Topic:solar-wind']);
  });

  it('ranks an entity above a relationship whose evidence scores the same', async () => {
    // One description and one quote, each of one word: the same weight and length, so the same score.
    const tied = await build([entity('Topic', 'zed', 'Zed', { description: 'alpha' })], [edge('Topic:zed', 'BROADER_THAN', 'Topic:zed', ['alpha'])]);
    const matches = (await tied.search('alpha', EVERYTHING)).matches;
    expect(matches.map((m) => [m.nodeId, m.field])).toEqual([
      ['Topic:zed', 'DESCRIPTION'],
      ['Relationship:Topic:zed>BROADER_THAN>Topic:zed', 'EVIDENCE'],
    ]);
    expect(matches[0]!.score).toBe(matches[1]!.score);
  });

  it('finds nothing for a query without words or without matches', async () => {
    expect(await index.search(' -- ', EVERYTHING)).toEqual({ totalCount: 0, matches: [] });
    expect(await index.search('xylophone', EVERYTHING)).toEqual({ totalCount: 0, matches: [] });
    expect(await (await build([], [])).search('solar', EVERYTHING)).toEqual({ totalCount: 0, matches: [] });
  });
});

describe('the search index against a brute-force scan', () => {
  const WORDS = ['alpha', 'alps', 'beta', 'bet', 'gamma', 'delta', 'épée', 'epee', 'x1'];
  const TYPES: EntityTypeName[] = ['Person', 'Topic', 'Place'];
  const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }).map((words) => words.join(' '));
  const graph = fc
    .record({
      entities: fc.array(fc.record({ type: fc.constantFrom(...TYPES), name: text, aliases: fc.array(text, { maxLength: 2 }), description: fc.option(text) }), { minLength: 1, maxLength: 30 }),
      edges: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), quotes: fc.array(text, { minLength: 1, maxLength: 3 }) }), { maxLength: 30 }),
    })
    .map(({ entities, edges }) => {
      const built = entities.map((e, i) => entity(e.type, `e${i}`, e.name, { aliases: e.aliases, description: e.description ?? undefined }));
      const linked = edges.map((e, i) => edge(built[e.from % built.length]!.id, `T${i}`, built[e.to % built.length]!.id, e.quotes));
      return { entities: built, edges: linked };
    });
  const query = fc
    .tuple(fc.array(fc.constantFrom(...WORDS, 'zeta'), { minLength: 1, maxLength: 4 }), fc.nat({ max: 3 }))
    .map(([words, cut]) => [...words.slice(0, -1), words.at(-1)!.slice(0, Math.max(1, words.at(-1)!.length - cut))].join(' '));
  const options = fc.record({ types: fc.option(fc.subarray(TYPES, { minLength: 1 })), includeRelationships: fc.boolean() });

  /** Every node that a document of which matches, by scanning every document's words. */
  function bruteForce(g: { entities: SearchableEntity[]; edges: SearchableEdge[] }, q: string, o: { types: EntityTypeName[] | null; includeRelationships: boolean }): Set<string> {
    const words = tokenize(q);
    const documents = [
      ...g.entities.map((e) => ({ node: e.id, ends: [e.type], terms: tokenize([e.name, ...e.aliases, e.description ?? ''].join(' ')), isRelationship: false })),
      ...g.edges.flatMap((e) => e.evidence.map((ev) => ({ node: e.id, ends: [e.fromId, e.toId].map((id) => id.split(':')[0]), terms: tokenize(ev.quote), isRelationship: true }))),
    ];
    const matchesWord = (terms: string[], i: number) => terms.some((t) => (i === words.length - 1 ? t.startsWith(words[i]!) : t === words[i]));
    const all = documents.filter((d) => words.every((_, i) => matchesWord(d.terms, i)));
    const found = all.length > 0 ? all : documents.filter((d) => words.some((_, i) => matchesWord(d.terms, i)));
    const allowed = (d: (typeof documents)[number]) => (d.isRelationship ? o.includeRelationships : true) && (o.types === null || d.ends.some((t) => o.types!.includes(t as EntityTypeName)));
    return new Set(found.filter(allowed).map((d) => d.node));
  }

  // 500 random graphs, each indexed and searched: a bound against a hang, generous for a loaded machine.
  it('finds exactly the nodes a scan finds, once each, best first, and pages them consistently', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(graph, query, options, fc.nat({ max: 5 }), fc.nat({ max: 5 }), async (g, q, o, offset, limit) => {
        const index = await build(g.entities, g.edges);
        const searchOptions = { types: o.types ? new Set(o.types) : null, includeRelationships: o.includeRelationships };
        const all = await index.search(q, { ...searchOptions, offset: 0, limit: 1000 });
        const found = all.matches.map((m) => m.nodeId);
        expect(new Set(found).size).toBe(found.length);
        expect(new Set(found)).toEqual(bruteForce(g, q, o));
        expect(all.totalCount).toBe(found.length);
        const scores = all.matches.map((m) => m.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(await index.search(q, { ...searchOptions, offset, limit })).toEqual({ totalCount: all.totalCount, matches: all.matches.slice(offset, offset + limit) });
      }),
      { numRuns: 500 },
    );
  });
});

describe('topByScore', () => {
  it('returns the k best items, best first and ties by item, as a full sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.nat({ max: 20 }), (values, k) => {
        const score = Float64Array.from(values);
        const items = values.map((_, i) => i).reverse();
        const sorted = [...items].sort((a, b) => score[b]! - score[a]! || a - b);
        expect(topByScore(items, items.length, k, score)).toEqual(sorted.slice(0, k));
      }),
    );
  });
});
