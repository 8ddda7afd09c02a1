import { beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../../src/store/load.js';
import { graphOn, httpOn, REAL_SEED, TINY_SEED, type TestGraph } from '../helpers.js';

describe('timeline', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });
  const TIMELINE = `query ($from: String, $to: String, $types: [EntityType!]) {
    timeline(from: $from, to: $to, types: $types) { totalCount nodes { kind label entity { id } date { iso precision qualifier isInferred } } }
  }`;

  it('lists dated facts in order, a month-precision date at its month', async () => {
    const { timeline } = await graph.data(TIMELINE);
    expect(timeline.nodes.map((n: any) => [n.date.iso, n.date.precision, n.kind, n.entity.id])).toEqual([
      ['2023-05', 'MONTH', 'CONCLUDED', 'Agreement:grand-alliance'],
      ['2024-03', 'MONTH', 'PUBLISHED', 'Source:tiny'],
      ['2024-03-02', 'DAY', 'CONCLUDED', 'Agreement:springfield-accord'],
      ['2024-09', 'MONTH', 'STARTS', 'Event:automation-fair-2024'],
    ]);
    expect(timeline.nodes[3]).toMatchObject({ label: 'Automation Fair 2024 starts', date: { qualifier: 'mid', isInferred: false } });
  });

  it('keeps entries wholly inside the bounds, by precision', async () => {
    const ids = async (variables: Record<string, unknown>) => (await graph.data(TIMELINE, variables)).timeline.nodes.map((n: any) => n.entity.id);
    expect(await ids({ from: '2024' })).toEqual(['Source:tiny', 'Agreement:springfield-accord', 'Event:automation-fair-2024']);
    expect(await ids({ from: '2024-03-02', to: '2024-03-31' })).toEqual(['Agreement:springfield-accord']);
    expect(await ids({ to: '2024-09-15' })).toEqual(['Agreement:grand-alliance', 'Source:tiny', 'Agreement:springfield-accord']);
    expect(await ids({ types: ['EVENT'] })).toEqual(['Event:automation-fair-2024']);
    const bad = await graph.run(TIMELINE, { from: 'soon' });
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('grouped counts', () => {
  it('counts agreements per party, topics per broader topic, and events per kind', async () => {
    const graph = await graphOn(TINY_SEED);
    const data = await graph.data(`{
      perCountry: groups(entityType: AGREEMENT, by: { relationship: PARTY_TO, direction: INCOMING }) { nodes { entity { id } value count memberIds } }
      perBroader: groups(entityType: TOPIC, by: { relationship: BROADER_THAN, direction: INCOMING }) { nodes { entity { id } count memberIds } }
      perKind: groups(entityType: AGREEMENT, by: { attribute: KIND }) { nodes { entity { id } value count } }
      perYear: groups(entityType: AGREEMENT, by: { attribute: YEAR }) { nodes { value count } }
    }`);
    for (const key of Object.keys(data)) data[key] = data[key].nodes;
    expect(data).toEqual({
      perCountry: [
        { entity: { id: 'Country:freedonia' }, value: null, count: 1, memberIds: ['Agreement:springfield-accord'] },
        { entity: { id: 'Country:sylvania' }, value: null, count: 1, memberIds: ['Agreement:springfield-accord'] },
      ],
      perBroader: [{ entity: { id: 'Topic:automation' }, count: 1, memberIds: ['Topic:robotics'] }],
      perKind: [
        { entity: null, value: 'ALLIANCE', count: 1 },
        { entity: null, value: 'JOINT_DECLARATION_OF_INTENT', count: 1 },
      ],
      perYear: [
        { value: '2023', count: 1 },
        { value: '2024', count: 1 },
      ],
    });
  });

  it('pages groups: a page starts after the last group of the one before, with the count of all', async () => {
    const graph = await graphOn(TINY_SEED);
    const GROUPS = 'query ($after: String) { groups(entityType: AGREEMENT, by: { attribute: YEAR }, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { value } } }';
    const first = (await graph.data(GROUPS)).groups;
    expect([first.totalCount, first.pageInfo.hasNextPage, first.nodes]).toEqual([2, true, [{ value: '2023' }]]);
    const next = (await graph.data(GROUPS, { after: first.pageInfo.endCursor })).groups;
    expect([next.totalCount, next.pageInfo.hasNextPage, next.nodes]).toEqual([2, false, [{ value: '2024' }]]);
  });

  it('still answers the unpaged groupCounts, priced as the 1000 groups it may return', async () => {
    const http = await httpOn(await loadMemoryStore(TINY_SEED));
    try {
      const response = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ groupCounts(entityType: AGREEMENT, by: { attribute: YEAR }) { value count } }' }),
      });
      const body = await response.json();
      expect(body.data.groupCounts).toEqual([
        { value: '2023', count: 1 },
        { value: '2024', count: 1 },
      ]);
      // The field, plus the grouping's scan, plus 1000 × (value + count).
      expect(body.extensions.cost.requested).toBe(1 + 1 + 1000 * 2);
    } finally {
      await http.close();
    }
  });

  it('refuses a grouping that names both or neither of relationship and attribute', async () => {
    const graph = await graphOn(TINY_SEED);
    for (const by of ['{}', '{ relationship: COVERS, attribute: KIND }']) {
      const result = await graph.run(`{ groups(entityType: TOPIC, by: ${by}) { totalCount } }`);
      expect(result.errors?.[0]).toMatchObject({ message: '"by" must name exactly one of "relationship" and "attribute".', extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('counts the article\'s agreements per country', async () => {
    const graph = await graphOn(REAL_SEED);
    const data = await graph.data(`{ groups(entityType: AGREEMENT, by: { relationship: PARTY_TO, direction: INCOMING }) { nodes { entity { name } count memberIds } } }`);
    expect(data.groups.nodes).toEqual([
      { entity: { name: 'Canada' }, count: 2, memberIds: ['Agreement:de-ca-digital-alliance', 'Agreement:de-ca-ai-declaration'] },
      { entity: { name: 'Germany' }, count: 2, memberIds: ['Agreement:de-ca-digital-alliance', 'Agreement:de-ca-ai-declaration'] },
    ]);
  });
});

describe('evidenceIn', () => {
  const EVIDENCE_IN = `query ($source: ID!, $start: Int!, $end: Int!) {
    evidenceIn(source: $source, start: $start, end: $end) { kind attribute subject { id } evidence { start end quote } }
  }`;

  it('returns every fact whose evidence overlaps the span, in order of the text', async () => {
    const graph = await graphOn(TINY_SEED);
    // "Carol Third signed it too, for Freedonia." is [180, 221).
    const { evidenceIn } = await graph.data(EVIDENCE_IN, { source: 'Source:tiny', start: 180, end: 221 });
    expect(evidenceIn).toEqual([
      { kind: 'MENTION', attribute: null, subject: { id: 'Person:carol-third' }, evidence: { start: 180, end: 191, quote: 'Carol Third' } },
      { kind: 'RELATIONSHIP', attribute: null, subject: { id: 'Relationship:Person:carol-third>SIGNED>Agreement:springfield-accord' }, evidence: { start: 180, end: 220, quote: 'Carol Third signed it too, for Freedonia' } },
    ]);
  });

  it('returns nothing for a span no evidence touches or an unknown source, and refuses an empty span', async () => {
    const graph = await graphOn(TINY_SEED);
    expect(await graph.data(EVIDENCE_IN, { source: 'Source:tiny', start: 37, end: 39 })).toEqual({ evidenceIn: [] });
    expect(await graph.data(EVIDENCE_IN, { source: 'Source:other', start: 0, end: 10 })).toEqual({ evidenceIn: [] });
    const empty = await graph.run(EVIDENCE_IN, { source: 'Source:tiny', start: 10, end: 10 });
    expect(empty.errors?.[0]).toMatchObject({ message: '"end" must be greater than "start"; got start 10 and end 10.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('pages the facts of a span with factsIn, in the same order, with the count of all', async () => {
    const graph = await graphOn(TINY_SEED);
    const FACTS = 'query ($after: String) { factsIn(source: "Source:tiny", start: 0, end: 400, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { subject { id } evidence { start end } } } }';
    const { evidenceIn } = await graph.data(EVIDENCE_IN, { source: 'Source:tiny', start: 0, end: 400 });
    const paged: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { factsIn } = await graph.data(FACTS, { after });
      expect(factsIn.totalCount).toBe(evidenceIn.length);
      paged.push(...factsIn.nodes);
      if (!factsIn.pageInfo.hasNextPage) break;
      after = factsIn.pageInfo.endCursor;
    }
    expect(paged).toEqual(evidenceIn.map((fact: any) => ({ subject: fact.subject, evidence: { start: fact.evidence.start, end: fact.evidence.end } })));
    expect(paged.length).toBeGreaterThan(6);
  });

  it('goes from the sentence about the signing to the signing facts of the article', async () => {
    const graph = await graphOn(REAL_SEED);
    // The sentence "On the sidelines of the Munich Security Conference, German Digital Minister ... on Saturday."
    const { evidenceIn } = await graph.data(EVIDENCE_IN, { source: 'Source:heise-2026-02-germany-canada-ai', start: 640, end: 820 });
    const subjects = evidenceIn.map((f: any) => f.subject.id);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration',
        'Relationship:Person:evan-solomon>SIGNED>Agreement:de-ca-ai-declaration',
        'Relationship:Agreement:de-ca-ai-declaration>CONCLUDED_AT>Event:munich-security-conference-2026',
        'Agreement:de-ca-ai-declaration',
      ]),
    );
    expect(evidenceIn).toContainEqual(expect.objectContaining({ kind: 'DATE', attribute: 'concludedOn', subject: { id: 'Agreement:de-ca-ai-declaration' } }));
    const starts = evidenceIn.map((f: any) => f.evidence.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
