import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, REAL_SEED, TINY_SEED, type TestGraph } from './helpers.js';

describe('typed relationship fields on the fixture graph', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });

  it('lists signatories with the country each signed for, the capacity and the evidence', async () => {
    const data = await graph.data(`{ node(id: "Agreement:springfield-accord") { ... on Agreement {
      signatories { totalCount edges { node { id } onBehalfOf { id } capacity evidence { quote start end method modality } } }
    } } }`);
    expect(data.node.signatories).toEqual({
      totalCount: 3,
      edges: [
        {
          node: { id: 'Person:alice-example' },
          onBehalfOf: { id: 'Country:freedonia' },
          capacity: 'Freedonian Energy Minister',
          evidence: [{ quote: 'Alice Example and her Sylvanian counterpart Bob Sample signed the Springfield Accord', start: 94, end: 178, method: 'EXTRACTED', modality: 'STATED' }],
        },
        {
          node: { id: 'Person:bob-sample' },
          onBehalfOf: { id: 'Country:sylvania' },
          capacity: 'Sylvanian counterpart',
          evidence: [{ quote: 'Bob Sample signed the Springfield Accord', start: 138, end: 178, method: 'EXTRACTED', modality: 'STATED' }],
        },
        {
          node: { id: 'Person:carol-third' },
          onBehalfOf: { id: 'Country:freedonia' },
          capacity: null,
          evidence: [{ quote: 'Carol Third signed it too, for Freedonia', start: 180, end: 220, method: 'EXTRACTED', modality: 'STATED' }],
        },
      ],
    });
  });

  it('reads a SIGNED relationship the same from the person and from the agreement', async () => {
    const data = await graph.data(`{
      agreement: node(id: "Agreement:springfield-accord") { ... on Agreement { signatories { edges { node { id } relationship { id } onBehalfOf { id } } } } }
      people { nodes { id signedAgreements { edges { node { id } relationship { id } onBehalfOf { id } } } } }
    }`);
    const fromAgreement = data.agreement.signatories.edges.map((e: any) => [e.node.id, e.relationship.id, e.onBehalfOf.id]).sort();
    const fromPeople = data.people.nodes
      .flatMap((p: any) => p.signedAgreements.edges.map((e: any) => [p.id, e.relationship.id, e.onBehalfOf.id, e.node.id]))
      .filter((row: any) => row[3] === 'Agreement:springfield-accord')
      .map((row: any) => row.slice(0, 3))
      .sort();
    expect(fromPeople).toEqual(fromAgreement);
    expect(fromAgreement).toHaveLength(3);
  });

  it('reads the topic hierarchy both ways', async () => {
    const data = await graph.data(`{
      automation: node(id: "Topic:automation") { ... on Topic { narrower { nodes { id } } broader { totalCount } } }
      robotics: node(id: "Topic:robotics") { ... on Topic { broader { nodes { id } } agreements { nodes { id } } discussedBy { edges { node { id } evidence { modality speaker { id } } } } } }
    }`);
    expect(data).toEqual({
      automation: { narrower: { nodes: [{ id: 'Topic:robotics' }] }, broader: { totalCount: 0 } },
      robotics: {
        broader: { nodes: [{ id: 'Topic:automation' }] },
        agreements: { nodes: [{ id: 'Agreement:springfield-accord' }] },
        discussedBy: { edges: [{ node: { id: 'Person:bob-sample' }, evidence: [{ modality: 'REPORTED_SPEECH', speaker: { id: 'Person:bob-sample' } }] }] },
      },
    });
  });

  it('reads a symmetric relationship from either end', async () => {
    const data = await graph.data(`{
      alice: node(id: "Person:alice-example") { ... on Person { counterparts { nodes { id } } } }
      bob: node(id: "Person:bob-sample") { ... on Person { counterparts { nodes { id } } relations(types: [COUNTERPART_OF]) { edges { direction other { id } node { isSymmetric } } } } }
    }`);
    expect(data).toEqual({
      alice: { counterparts: { nodes: [{ id: 'Person:bob-sample' }] } },
      bob: {
        counterparts: { nodes: [{ id: 'Person:alice-example' }] },
        relations: { edges: [{ direction: 'OUTGOING', other: { id: 'Person:alice-example' }, node: { isSymmetric: true } }] },
      },
    });
  });

  it('answers single relationships and dates with their precision', async () => {
    const data = await graph.data(`{
      fair: node(id: "Event:automation-fair-2024") { ... on Event { status heldAt { node { id } evidence { modality } } startsOn { iso precision earliest latest qualifier isInferred } endsOn { iso } } }
      office: node(id: "Office:freedonian-energy-minister") { ... on Office { jurisdiction { node { code } } holders { nodes { id } } } }
      accord: node(id: "Agreement:springfield-accord") { ... on Agreement { concludedOn { iso precision isInferred } concludedAt { node { id } } milestoneOf { edges { node { id } relationship { note ordinal } } } } }
    }`);
    expect(data).toEqual({
      fair: {
        status: 'PLANNED',
        heldAt: { node: { id: 'Place:shelbyville' }, evidence: [{ modality: 'PLANNED' }] },
        startsOn: { iso: '2024-09', precision: 'MONTH', earliest: '2024-09-01', latest: '2024-09-30', qualifier: 'mid', isInferred: false },
        endsOn: null,
      },
      office: { jurisdiction: { node: { code: 'FM' } }, holders: { nodes: [{ id: 'Person:alice-example' }] } },
      accord: {
        concludedOn: { iso: '2024-03-02', precision: 'DAY', isInferred: true },
        concludedAt: null,
        milestoneOf: { edges: [{ node: { id: 'Agreement:grand-alliance' }, relationship: { note: 'first milestone', ordinal: 1 } }] },
      },
    });
  });

  it('gives names by language and null where a language is unknown', async () => {
    const data = await graph.data(`{ node(id: "Country:freedonia") { ... on Country { labels { language text } de: label(language: DE) fr: label(language: FR) } }
      sylvania: node(id: "Country:sylvania") { ... on Country { fr: label(language: FR) en: label(language: EN) } } }`);
    expect(data).toEqual({
      node: { labels: [{ language: 'EN', text: 'Freedonia' }, { language: 'DE', text: 'Freedonien' }, { language: 'FR', text: 'Freedonie' }], de: 'Freedonien', fr: 'Freedonie' },
      sylvania: { fr: null, en: 'Sylvania' },
    });
  });

  it('pages a relationship list and filters generic relations by type and direction', async () => {
    const data = await graph.data(`{ node(id: "Agreement:springfield-accord") { ... on Agreement {
      signatories(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }
      incoming: relations(direction: INCOMING, types: [PARTY_TO]) { totalCount nodes { type from { id } } }
      outgoing: relations(direction: OUTGOING) { totalCount }
      all: relations { totalCount }
    } } }`);
    expect(data.node).toEqual({
      signatories: { totalCount: 3, nodes: [{ id: 'Person:alice-example' }], pageInfo: { hasNextPage: true } },
      incoming: { totalCount: 2, nodes: [{ type: 'PARTY_TO', from: { id: 'Country:freedonia' } }, { type: 'PARTY_TO', from: { id: 'Country:sylvania' } }] },
      outgoing: { totalCount: 3 },
      all: { totalCount: 8 },
    });
  });
});

describe('the real seed', () => {
  let graph: TestGraph;
  let relationships: Array<{ id: string; type: string; from: { id: string }; to: { id: string }; isSymmetric: boolean; evidence: any[] }>;
  let entityIds: string[];

  beforeAll(async () => {
    graph = await graphOn(REAL_SEED);
    const lists = ['countries', 'people', 'agreements', 'events', 'topics', 'organizations', 'places', 'products', 'offices', 'policies', 'sources'];
    const data = await graph.data(`{ ${lists.map((l) => `${l}(first: 100) { totalCount nodes { id } }`).join(' ')} }`);
    entityIds = lists.flatMap((l) => {
      expect(data[l].nodes.length).toBe(data[l].totalCount);
      return data[l].nodes.map((n: any) => n.id);
    });
    const byId = new Map<string, any>();
    for (const id of entityIds) {
      const result = await graph.data(
        `query ($id: ID!) { node(id: $id) { ... on Entity { relations(first: 100) { totalCount nodes { id type isSymmetric from { id } to { id } evidence { quote start end method reason reference modality speaker { id } source { id length } } } } } } }`,
        { id },
      );
      expect(result.node.relations.nodes.length).toBe(result.node.relations.totalCount);
      for (const r of result.node.relations.nodes) byId.set(r.id, r);
    }
    relationships = [...byId.values()];
  });

  it('holds the whole article: every kind of entity and dozens of relationships', () => {
    expect(entityIds.length).toBeGreaterThan(50);
    expect(relationships.length).toBeGreaterThan(90);
  });

  it('returns evidence that is well-formed on every relationship', () => {
    for (const r of relationships) {
      expect(r.evidence.length, r.id).toBeGreaterThan(0);
      for (const e of r.evidence) {
        expect(e.quote.length, r.id).toBe(e.end - e.start);
        expect(e.end, r.id).toBeLessThanOrEqual(e.source.length);
        if (e.method === 'INFERRED') expect(e.reason, r.id).toBeTruthy();
        if (e.method === 'EXTERNAL') expect(e.reference, r.id).toMatch(/^https:\/\//);
        if (e.modality === 'REPORTED_SPEECH') expect(e.speaker, r.id).not.toBeNull();
      }
    }
  });

  it('lists every relationship at both of its ends', async () => {
    for (const r of relationships) {
      const data = await graph.data(
        `query ($from: ID!, $to: ID!, $type: RelationshipType!) {
          from: node(id: $from) { ... on Entity { relations(direction: OUTGOING, types: [$type], first: 100) { nodes { id } } } }
          to: node(id: $to) { ... on Entity { relations(direction: INCOMING, types: [$type], first: 100) { nodes { id } } } }
        }`,
        { from: r.from.id, to: r.to.id, type: r.type },
      );
      expect(data.from.relations.nodes.map((n: any) => n.id), r.id).toContain(r.id);
      expect(data.to.relations.nodes.map((n: any) => n.id), r.id).toContain(r.id);
    }
  });
});
