import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, TINY_SEED, type TestGraph } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await graphOn(TINY_SEED);
});

describe('node and nodes', () => {
  it('fetches an entity by its readable global id', async () => {
    const data = await graph.data(`{ node(id: "Person:alice-example") { id ... on Person { name entityType aliases } } }`);
    expect(data).toEqual({ node: { id: 'Person:alice-example', name: 'Alice Example', entityType: 'PERSON', aliases: ['Example'] } });
  });

  it('fetches a relationship by its global id', async () => {
    const id = 'Relationship:Person:alice-example>SIGNED>Agreement:springfield-accord';
    const data = await graph.data(`query ($id: ID!) { node(id: $id) { id ... on Relationship { type from { id } to { id } onBehalfOf { code } capacity } } }`, { id });
    expect(data).toEqual({
      node: { id, type: 'SIGNED', from: { id: 'Person:alice-example' }, to: { id: 'Agreement:springfield-accord' }, onBehalfOf: { code: 'FM' }, capacity: 'Freedonian Energy Minister' },
    });
  });

  it('returns null for an unknown but well-formed id', async () => {
    expect(await graph.run(`{ node(id: "Person:nobody") { id } }`)).toEqual({ data: { node: null } });
  });

  it('refuses a malformed id with BAD_USER_INPUT naming the argument', async () => {
    const result = await graph.run(`{ node(id: "alice") { id } }`);
    expect(result.data).toEqual({ node: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(result.errors![0].message).toMatch(/"alice" is not a valid id/);
  });

  it('refuses an id of an unknown type and an oversize id', async () => {
    for (const id of ['Planet:mars', `Person:${'a'.repeat(600)}`]) {
      const result = await graph.run(`query ($id: ID!) { node(id: $id) { id } }`, { id });
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('fetches several nodes in order, with null for each miss', async () => {
    const data = await graph.data(`{ nodes(ids: ["Topic:robotics", "Topic:none", "Country:sylvania"]) { id } }`);
    expect(data).toEqual({ nodes: [{ id: 'Topic:robotics' }, null, { id: 'Country:sylvania' }] });
  });

  it('refuses more than 100 ids, written in the document or sent as a variable', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `Person:p${i}`);
    const literal = await graph.run(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`);
    expect(literal.errors).toEqual([expect.objectContaining({ message: '"ids" may hold at most 100 ids; got 101.', extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } })]);
    const variable = await graph.run(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(variable.errors).toEqual([{ message: 'The list at $ids has 101 items, over the limit of 100; send shorter lists.', extensions: { code: 'LIST_TOO_LONG', limit: 100 } }]);
  });
});

describe('lookups by natural key', () => {
  it('finds a country by ISO code in any case', async () => {
    expect(await graph.data(`{ country(code: "FM") { id } }`)).toEqual({ country: { id: 'Country:freedonia' } });
    expect(await graph.data(`{ country(code: "sv") { id } }`)).toEqual({ country: { id: 'Country:sylvania' } });
  });

  it('returns null for a country code the graph does not hold', async () => {
    expect(await graph.data(`{ country(code: "JP") { id } }`)).toEqual({ country: null });
  });

  it('finds entities by name, alias or label, ignoring case, accents and punctuation', async () => {
    for (const name of ['alice example', 'EXAMPLE', 'Shelbyvillé', 'shelbyville', 'Freedonien', 'springfeld', '  Alice-Example! ']) {
      const data = await graph.data(`query ($name: String!) { entitiesByName(name: $name) { id } }`, { name });
      expect(data.entitiesByName.length, name).toBe(1);
    }
  });

  it('restricts a name lookup to the given entity types', async () => {
    const data = await graph.data(`{ a: entitiesByName(name: "Robotics", types: [TOPIC]) { id } b: entitiesByName(name: "Robotics", types: [PERSON]) { id } }`);
    expect(data).toEqual({ a: [{ id: 'Topic:robotics' }], b: [] });
  });

  it('refuses a name with no letters or digits', async () => {
    const result = await graph.run(`{ entitiesByName(name: " -- ") { id } }`);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('root lists', () => {
  it('lists each entity type ordered by name with a total', async () => {
    const data = await graph.data(`{
      countries { totalCount nodes { name } }
      people { totalCount nodes { name } }
      agreements { totalCount nodes { name } }
      events { totalCount nodes { name } }
      topics { totalCount nodes { name } }
      organizations { totalCount nodes { name } }
      places { totalCount nodes { name } }
      products { totalCount }
      offices { totalCount nodes { name } }
      policies { totalCount }
      sources { totalCount nodes { name } }
    }`);
    expect(data).toEqual({
      countries: { totalCount: 2, nodes: [{ name: 'Freedonia' }, { name: 'Sylvania' }] },
      people: { totalCount: 3, nodes: [{ name: 'Alice Example' }, { name: 'Bob Sample' }, { name: 'Carol Third' }] },
      agreements: { totalCount: 2, nodes: [{ name: 'Grand Alliance' }, { name: 'Springfield Accord' }] },
      events: { totalCount: 1, nodes: [{ name: 'Automation Fair 2024' }] },
      topics: { totalCount: 3, nodes: [{ name: 'Automation' }, { name: 'Energy efficiency' }, { name: 'Robotics' }] },
      organizations: { totalCount: 0, nodes: [] },
      places: { totalCount: 2, nodes: [{ name: 'Shelbyville' }, { name: 'Springfield' }] },
      products: { totalCount: 0 },
      offices: { totalCount: 1, nodes: [{ name: 'Freedonian Energy Minister' }] },
      policies: { totalCount: 0 },
      sources: { totalCount: 1, nodes: [{ name: 'Ministers sign the Springfield Accord' }] },
    });
  });

  it('pages forward with cursors until the list ends', async () => {
    const page = `query ($after: String) { people(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const first = (await graph.data(page)).people;
    expect(first.edges.map((e: any) => e.node.name)).toEqual(['Alice Example', 'Bob Sample']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[1].cursor });
    const second = (await graph.data(page, { after: first.pageInfo.endCursor })).people;
    expect(second.edges.map((e: any) => e.node.name)).toEqual(['Carol Third']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('returns an empty page with null cursors for first: 0', async () => {
    const data = await graph.data(`{ people(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }`);
    expect(data).toEqual({ people: { totalCount: 3, edges: [], pageInfo: { hasNextPage: true, startCursor: null, endCursor: null } } });
  });

  it('refuses a page size outside 0..100 instead of clamping it', async () => {
    for (const first of [-1, 101, 1_000_000]) {
      const result = await graph.run(`query ($first: Int) { people(first: $first) { totalCount } }`, { first });
      expect(result.errors?.[0]).toMatchObject({ message: `"first" must be between 0 and 100; got ${first}.`, extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    }
  });

  it('refuses a cursor it did not issue', async () => {
    for (const after of ['nonsense', Buffer.from('o:-4').toString('base64url'), Buffer.from('o:1.5').toString('base64url')]) {
      const result = await graph.run(`query ($after: String) { people(after: $after) { totalCount } }`, { after });
      expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });
});
