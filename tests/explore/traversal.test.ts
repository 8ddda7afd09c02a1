import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, REAL_SEED, TINY_SEED, type TestGraph } from '../helpers.js';

const PATHS = `query ($from: ID!, $to: ID!, $maxHops: Int, $via: [RelationshipType!], $first: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, via: $via, first: $first) {
    length
    nodes { id }
    hops { from { id } to { id } direction relationship { type } evidence { quote } }
  }
}`;

describe('paths', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });
  const paths = async (variables: Record<string, unknown>) => (await graph.data(PATHS, variables)).paths;

  it('returns the shortest path, each hop with its relationship, direction and evidence', async () => {
    expect(await paths({ from: 'Person:alice-example', to: 'Person:bob-sample' })).toEqual([
      {
        length: 1,
        nodes: [{ id: 'Person:alice-example' }, { id: 'Person:bob-sample' }],
        hops: [
          {
            from: { id: 'Person:alice-example' },
            to: { id: 'Person:bob-sample' },
            direction: 'INCOMING',
            relationship: { type: 'COUNTERPART_OF' },
            evidence: [{ quote: 'her Sylvanian counterpart Bob Sample' }],
          },
        ],
      },
    ]);
  });

  it('returns every path of the shortest length, in a stable order, up to first', async () => {
    const found = await paths({ from: 'Country:freedonia', to: 'Person:alice-example' });
    expect(found.map((p: any) => p.nodes.map((n: any) => n.id))).toEqual([
      ['Country:freedonia', 'Agreement:springfield-accord', 'Person:alice-example'],
      ['Country:freedonia', 'Office:freedonian-energy-minister', 'Person:alice-example'],
    ]);
    expect(found.map((p: any) => p.hops.map((h: any) => h.relationship.type))).toEqual([
      ['PARTY_TO', 'SIGNED'],
      ['OFFICE_OF', 'HOLDS_OFFICE'],
    ]);
    expect(await paths({ from: 'Country:freedonia', to: 'Person:alice-example', first: 1 })).toHaveLength(1);
  });

  it('follows only the relationship types named in via', async () => {
    const found = await paths({ from: 'Person:alice-example', to: 'Person:bob-sample', via: ['SIGNED'] });
    expect(found).toHaveLength(1);
    expect(found[0].nodes.map((n: any) => n.id)).toEqual(['Person:alice-example', 'Agreement:springfield-accord', 'Person:bob-sample']);
    expect(found[0].hops.map((h: any) => h.direction)).toEqual(['OUTGOING', 'INCOMING']);
  });

  it('returns no path when none exists within maxHops, and survives cycles', async () => {
    expect(await paths({ from: 'Topic:automation', to: 'Place:springfield', maxHops: 2 })).toEqual([]);
    expect(await paths({ from: 'Person:alice-example', to: 'Person:alice-example' })).toEqual([{ length: 0, nodes: [{ id: 'Person:alice-example' }], hops: [] }]);
  });

  it('refuses an unknown, malformed or relationship id with an error naming it and the argument, never an empty answer', async () => {
    expect(await graph.run(PATHS, { from: 'Person:alice-example', to: 'Person:nobody' })).toEqual({
      data: null,
      errors: [
        {
          message: 'No entity has the id "Person:nobody"; "to" needs the id of an entity in the graph (find ids with entitiesByName or search).',
          locations: [{ line: 2, column: 3 }],
          path: ['paths'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'to' },
        },
      ],
    });
    const malformed = await graph.run(PATHS, { from: 'alice', to: 'Person:bob-sample' });
    expect(malformed.errors).toMatchObject([{ message: expect.stringMatching(/^"alice" is not a valid id: ids look like Type:slug/), extensions: { code: 'BAD_USER_INPUT', argument: 'from' } }]);
    const relationship = await graph.run(PATHS, { from: 'Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example', to: 'Person:bob-sample' });
    expect(relationship.errors).toMatchObject([
      {
        message: '"Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example" is a relationship, not an entity; "from" needs the id of an entity, such as Person:bob-sample.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'from' },
      },
    ]);
  });

  it('refuses maxHops and first beyond their caps', async () => {
    for (const [variables, message] of [
      [{ maxHops: 7 }, '"maxHops" must be between 1 and 6; got 7.'],
      [{ maxHops: 0 }, '"maxHops" must be between 1 and 6; got 0.'],
      [{ first: 101 }, '"first" must be between 1 and 100; got 101.'],
    ] as const) {
      const result = await graph.run(PATHS, { from: 'Person:alice-example', to: 'Person:bob-sample', ...variables });
      expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});

describe('neighbourhoods', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });
  const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $types: [RelationshipType!], $maxNodes: Int) {
    neighborhood(id: $id, depth: $depth, types: $types, maxNodes: $maxNodes) {
      center { id }
      nodes { id label entityType depth }
      edges { id source target type label relationship { evidence { quote } } }
    }
  }`;

  it('returns the entities within depth hops with their distance, and the relationships followed', async () => {
    const { neighborhood } = await graph.data(NEIGHBORHOOD, { id: 'Topic:robotics', depth: 1 });
    expect(neighborhood.center).toEqual({ id: 'Topic:robotics' });
    expect(neighborhood.nodes).toEqual([
      { id: 'Topic:robotics', label: 'Robotics', entityType: 'TOPIC', depth: 0 },
      { id: 'Topic:automation', label: 'Automation', entityType: 'TOPIC', depth: 1 },
      { id: 'Person:bob-sample', label: 'Bob Sample', entityType: 'PERSON', depth: 1 },
      { id: 'Agreement:springfield-accord', label: 'Springfield Accord', entityType: 'AGREEMENT', depth: 1 },
    ]);
    expect(neighborhood.edges.map((e: any) => [e.source, e.type, e.target, e.label]).sort()).toEqual([
      ['Agreement:springfield-accord', 'COVERS', 'Topic:robotics', 'covers'],
      ['Person:bob-sample', 'SPOKE_ABOUT', 'Topic:robotics', 'spoke about'],
      ['Topic:automation', 'BROADER_THAN', 'Topic:robotics', 'broader than'],
    ]);
    for (const edge of neighborhood.edges) expect(edge.relationship.evidence.length).toBeGreaterThan(0);
  });

  it('visits each entity once through cycles, and follows only the types asked for', async () => {
    const deep = (await graph.data(NEIGHBORHOOD, { id: 'Person:alice-example', depth: 3 })).neighborhood;
    const ids = deep.nodes.map((n: any) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(deep.nodes.find((n: any) => n.id === 'Person:bob-sample').depth).toBe(1);
    const signed = (await graph.data(NEIGHBORHOOD, { id: 'Person:alice-example', depth: 2, types: ['SIGNED'] })).neighborhood;
    expect(signed.nodes.map((n: any) => [n.id, n.depth])).toEqual([
      ['Person:alice-example', 0],
      ['Agreement:springfield-accord', 1],
      ['Person:bob-sample', 2],
      ['Person:carol-third', 2],
    ]);
  });

  it('refuses an unknown entity by its id, depth beyond 3 and neighbourhoods larger than maxNodes', async () => {
    expect(await graph.run(NEIGHBORHOOD, { id: 'Topic:nothing' })).toEqual({
      data: { neighborhood: null },
      errors: [
        {
          message: 'No entity has the id "Topic:nothing"; "id" needs the id of an entity in the graph (find ids with entitiesByName or search).',
          locations: [{ line: 2, column: 5 }],
          path: ['neighborhood'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
        },
      ],
    });
    const tooDeep = await graph.run(NEIGHBORHOOD, { id: 'Topic:robotics', depth: 4 });
    expect(tooDeep.errors?.[0]).toMatchObject({ message: '"depth" must be between 1 and 3; got 4.', extensions: { code: 'BAD_USER_INPUT' } });
    const tooMany = await graph.run(NEIGHBORHOOD, { id: 'Topic:robotics', depth: 1, maxNodes: 3 });
    expect(tooMany.errors?.[0].message).toBe(
      'The neighbourhood of Topic:robotics within 1 hop has more than 3 entities; lower "depth", name relationship "types", or raise "maxNodes" (at most 500).',
    );
  });
});

describe('traversal on the article', () => {
  it('links the two signatories through the declaration they signed', async () => {
    const graph = await graphOn(REAL_SEED);
    const { paths } = await graph.data(PATHS, { from: 'Person:karsten-wildberger', to: 'Person:evan-solomon', via: ['SIGNED'] });
    expect(paths).toHaveLength(1);
    expect(paths[0].nodes).toEqual([{ id: 'Person:karsten-wildberger' }, { id: 'Agreement:de-ca-ai-declaration' }, { id: 'Person:evan-solomon' }]);
    // Without a restriction the shortest link is one hop: the source calls Solomon Wildberger's counterpart.
    const direct = (await graph.data(PATHS, { from: 'Person:karsten-wildberger', to: 'Person:evan-solomon' })).paths;
    expect(direct.map((p: any) => p.hops.map((h: any) => h.relationship.type))).toEqual([['COUNTERPART_OF']]);
  });
});
