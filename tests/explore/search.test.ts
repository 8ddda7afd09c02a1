import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, REAL_SEED, TINY_SEED, type TestGraph } from '../helpers.js';

const SEARCH = `query ($query: String!, $types: [EntityType!], $first: Int, $after: String, $rel: Boolean) {
  search(query: $query, types: $types, first: $first, after: $after, includeRelationships: $rel) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { score field snippet { text highlights { start end } } node { id ... on Relationship { from { id } to { id } } } evidence { start end quote } }
  }
}`;

describe('search on the fixture graph', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });
  const search = async (variables: Record<string, unknown>) => (await graph.data(SEARCH, variables)).search;

  it('ranks an exact name above descriptions and evidence, with a highlighted snippet and a score', async () => {
    const result = await search({ query: 'Shelbyville' });
    expect(result.nodes[0]).toEqual({
      score: expect.any(Number),
      field: 'NAME',
      snippet: { text: 'Shelbyville', highlights: [{ start: 0, end: 11 }] },
      node: { id: 'Place:shelbyville' },
      evidence: null,
    });
    const scores = result.nodes.map((n: any) => n.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.nodes.slice(1).map((n: any) => n.field)).toEqual(expect.arrayContaining(['EVIDENCE']));
  });

  it('finds a relationship through its evidence, with both ends and the evidence offsets', async () => {
    const result = await search({ query: 'matter', rel: true });
    expect(result.nodes).toEqual([
      {
        score: expect.any(Number),
        field: 'EVIDENCE',
        snippet: { text: 'Bob Sample said that robotics will matter', highlights: [{ start: 35, end: 41 }] },
        node: { id: 'Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics', from: { id: 'Person:bob-sample' }, to: { id: 'Topic:robotics' } },
        evidence: { start: 391, end: 432, quote: 'Bob Sample said that robotics will matter' },
      },
    ]);
  });

  it('ignores case and accents and matches the last word as a prefix', async () => {
    expect((await search({ query: 'SHELBYVILLÉ', rel: false })).nodes.map((n: any) => n.node.id)).toEqual(['Place:shelbyville']);
    expect((await search({ query: 'shelby', rel: false })).nodes.map((n: any) => n.node.id)).toEqual(['Place:shelbyville']);
    expect((await search({ query: 'energy-effic', rel: false })).nodes.map((n: any) => n.node.id)).toEqual(['Topic:energy-efficiency']);
  });

  it('restricts results to entity types, and relationships to those touching them', async () => {
    const result = await search({ query: 'robotics', types: ['PERSON'] });
    expect(result.nodes.map((n: any) => n.node.id)).toEqual(['Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics']);
  });

  it('returns nothing, not an error, for an empty query or one with no hits', async () => {
    expect(await search({ query: '' })).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
    expect(await search({ query: '   ?! ' })).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await search({ query: 'xylophone' })).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('pages through the results', async () => {
    const all = await search({ query: 'springfield', first: 100 });
    expect(all.totalCount).toBeGreaterThan(3);
    const first = await search({ query: 'springfield', first: 2 });
    const rest = await search({ query: 'springfield', first: 100, after: first.pageInfo.endCursor });
    expect([...first.nodes, ...rest.nodes].map((n: any) => n.node.id)).toEqual(all.nodes.map((n: any) => n.node.id));
  });

  it('refuses an overlong query', async () => {
    const result = await graph.run(SEARCH, { query: 'a'.repeat(201) });
    expect(result.errors?.[0]).toMatchObject({ message: '"query" may be at most 200 characters long; got 201.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('search on the article', () => {
  it('finds Montreal and, through it, the events held there', async () => {
    const graph = await graphOn(REAL_SEED);
    const { search } = await graph.data(SEARCH, { query: 'Montreal', first: 20 });
    expect(search.nodes[0].node.id).toBe('Place:montreal');
    const ids = search.nodes.map((n: any) => n.node.id);
    expect(ids).toEqual(expect.arrayContaining(['Relationship:Event:all-in-2026>HELD_AT>Place:montreal', 'Relationship:Event:de-ca-digital-alliance-founding>HELD_AT>Place:montreal']));
    const events = await graph.data(`{ search(query: "Montréal", types: [EVENT], includeRelationships: false) { nodes { node { id } } } }`);
    expect(events.search.nodes.map((n: any) => n.node.id).sort()).toEqual(['Event:all-in-2026', 'Event:de-ca-digital-alliance-founding']);
  });

  it('puts the entity named exactly as the query first, before a title that scores higher, and says it matched exactly', async () => {
    const graph = await graphOn(REAL_SEED);
    const { search } = await graph.data(`{ search(query: "canada", first: 3) { nodes { isExactMatch field node { id } } } }`);
    expect(search.nodes).toEqual([
      { isExactMatch: true, field: 'NAME', node: { id: 'Country:canada' } },
      { isExactMatch: false, field: 'NAME', node: { id: 'Source:heise-2026-02-germany-canada-ai' } },
      { isExactMatch: false, field: 'EVIDENCE', node: { id: 'Relationship:Country:germany>PARTY_TO>Agreement:de-ca-digital-alliance' } },
    ]);
    const { search: alias } = await graph.data(`{ search(query: "Wildberger", first: 2) { nodes { isExactMatch node { id } } } }`);
    expect(alias.nodes).toEqual([
      { isExactMatch: true, node: { id: 'Person:karsten-wildberger' } },
      { isExactMatch: false, node: { id: 'Organization:cdu' } },
    ]);
  });

  it('finds "deep learning" when asked for "deep-learning"', async () => {
    const graph = await graphOn(REAL_SEED);
    const { search } = await graph.data(SEARCH, { query: 'deep-learning', rel: false });
    expect(search.nodes[0]).toMatchObject({ field: 'NAME', node: { id: 'Topic:deep-learning' }, snippet: { text: 'Deep learning', highlights: [{ start: 0, end: 4 }, { start: 5, end: 13 }] } });
  });
});
