import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, REAL_SEED, type TestGraph } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await graphOn(REAL_SEED);
});

/** The analyst's first question, answered in one query with evidence for every part. */
export const WHO_SIGNED = `query WhoSigned {
  entitiesByName(name: "joint declaration of intent", types: [AGREEMENT]) {
    ... on Agreement {
      id
      name
      signatories { edges {
        node { name }
        onBehalfOf { name code }
        capacity
        evidence { quote start end method }
      } }
      concludedAt { node { name heldAt { node { name } } } evidence { quote } }
      concludedOn { iso precision isInferred evidence { quote method reason } }
      topics(first: 100) { totalCount edges { node { name } evidence { quote modality } } }
    }
  }
}`;

describe('the article graph', () => {
  it('answers who signed the declaration, for which country, where, when and about what, each with its quote', async () => {
    const { entitiesByName } = await graph.data(WHO_SIGNED);
    expect(entitiesByName).toHaveLength(1);
    const declaration = entitiesByName[0];
    expect(declaration.id).toBe('Agreement:de-ca-ai-declaration');
    expect(declaration.signatories.edges).toEqual([
      {
        node: { name: 'Karsten Wildberger' },
        onBehalfOf: { name: 'Germany', code: 'DE' },
        capacity: 'German Digital Minister',
        evidence: [{ quote: 'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent', start: 671, end: 798, method: 'EXTRACTED' }],
      },
      {
        node: { name: 'Evan Solomon' },
        onBehalfOf: { name: 'Canada', code: 'CA' },
        capacity: 'Canadian counterpart',
        evidence: [{ quote: 'his Canadian counterpart Evan Solomon signed a joint declaration of intent', start: 724, end: 798, method: 'EXTRACTED' }],
      },
    ]);
    expect(declaration.concludedAt.node).toEqual({ name: 'Munich Security Conference 2026', heldAt: { node: { name: 'Munich' } } });
    expect(declaration.concludedAt.evidence[0].quote).toMatch(/^On the sidelines of the Munich Security Conference/);
    expect(declaration.concludedOn).toMatchObject({ iso: '2026-02-14', precision: 'DAY', isInferred: true });
    expect(declaration.concludedOn.evidence[0]).toMatchObject({ quote: 'signed a joint declaration of intent on Saturday', method: 'INFERRED' });
    expect(declaration.concludedOn.evidence[0].reason).toMatch(/14 February 2026/);
    const topics = declaration.topics.edges.map((e: any) => e.node.name);
    expect(topics).toEqual(expect.arrayContaining(['Sovereign digital infrastructure', 'Ethical AI', 'Energy efficiency', 'Data centers', 'International standards', 'Semiconductor industry', 'Defense sector']));
    expect(declaration.topics.totalCount).toBe(topics.length);
    for (const edge of declaration.topics.edges) expect(edge.evidence.length).toBeGreaterThan(0);
    const dataCenters = declaration.topics.edges.find((e: any) => e.node.name === 'Data centers');
    expect(dataCenters.evidence).toEqual([{ quote: 'Berlin and Ottawa plan to jointly expand data centers', modality: 'PLANNED' }]);
  });

  it('dates the founding of the Digital Alliance to a month, and says the year is inferred', async () => {
    const data = await graph.data(`{ node(id: "Agreement:de-ca-digital-alliance") { ... on Agreement {
      concludedOn { iso precision earliest latest isInferred }
      concludedAt { node { heldAt { node { name } } } }
      milestones { nodes { id } edges { relationship { note ordinal } } }
      parties { nodes { code } }
    } } }`);
    expect(data.node).toEqual({
      concludedOn: { iso: '2025-12', precision: 'MONTH', earliest: '2025-12-01', latest: '2025-12-31', isInferred: true },
      concludedAt: { node: { heldAt: { node: { name: 'Montreal' } } } },
      milestones: { nodes: [{ id: 'Agreement:de-ca-ai-declaration' }], edges: [{ relationship: { note: 'first major milestone', ordinal: 1 } }] },
      parties: { nodes: [{ code: 'DE' }, { code: 'CA' }] },
    });
  });

  it('keeps the planned fair in mid-September as planned, with Germany as guest country', async () => {
    const data = await graph.data(`{ entitiesByName(name: "all in") { ... on Event {
      status startsOn { iso precision qualifier }
      heldAt { node { name } }
      participatingCountries { edges { node { name } relationship { role note } evidence { modality } } }
    } } }`);
    expect(data.entitiesByName).toEqual([
      {
        status: 'PLANNED',
        startsOn: { iso: '2026-09', precision: 'MONTH', qualifier: 'mid' },
        heldAt: { node: { name: 'Montreal' } },
        participatingCountries: {
          edges: [{ node: { name: 'Germany' }, relationship: { role: 'guest country', note: 'with its own country pavilion' }, evidence: [{ modality: 'PLANNED' }, { modality: 'PLANNED' }] }],
        },
      },
    ]);
  });

  it('attributes reported speech to its speaker', async () => {
    const data = await graph.data(`{ node(id: "Person:evan-solomon") { ... on Person { spokeAbout { edges { node { name } evidence { modality speaker { name } quote } } } } } }`);
    expect(data.node.spokeAbout.edges).toEqual([
      {
        node: { name: 'Ethical AI' },
        evidence: [{ modality: 'REPORTED_SPEECH', speaker: { name: 'Evan Solomon' }, quote: 'Solomon added that it is up to democracies to take a pioneering role in promoting secure and ethically sound technology' }],
      },
    ]);
  });

  it('finds entities by their German and French names, with or without accents', async () => {
    for (const [name, id] of [
      ['Münchner Sicherheitskonferenz 2026', 'Event:munich-security-conference-2026'],
      ['Montréal', 'Place:montreal'],
      ['montreal', 'Place:montreal'],
      ['Kanada', 'Country:canada'],
      ['États-Unis', 'Country:united-states'],
    ]) {
      const data = await graph.data(`query ($name: String!) { entitiesByName(name: $name) { id } }`, { name });
      expect(data.entitiesByName, name).toEqual([{ id }]);
    }
  });

  it('records the source with its hash and the fact that it is a translation', async () => {
    const data = await graph.data(`{ sources { nodes { title language translatedFrom sha256 length publishedOn { iso precision } publisher { node { name } } contributors { edges { node { name } relationship { role } } } } } }`);
    expect(data.sources.nodes).toEqual([
      {
        title: 'Bridging the Atlantic: Germany and Canada Forge AI Alliance',
        language: 'EN',
        translatedFrom: 'DE',
        sha256: 'c9515fb946bfc061016d408d8007293213c2094f726bcc45f6e2fb0f6c13dd3c',
        length: 4604,
        publishedOn: { iso: '2026-02', precision: 'MONTH' },
        publisher: { node: { name: 'heise online' } },
        contributors: { edges: [{ node: { name: 'Daniel AJ Sokolov' }, relationship: { role: 'image' } }] },
      },
    ]);
  });
});
