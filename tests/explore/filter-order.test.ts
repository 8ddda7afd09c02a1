import { beforeAll, describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../src/lib/partial-date.js';
import { readDateTest, type Filter } from '../../src/modules/filtering/filter.js';
import { meetsDate } from '../../src/store/memory-conditions.js';
import type { PartialDateModel } from '../../src/store/models.js';
import { graphOn, REAL_SEED, TINY_SEED, type TestGraph } from '../helpers.js';

function matchesDate(value: PartialDateModel | null, filter: Filter): boolean {
  return meetsDate(value, readDateTest(filter, 'filter'));
}

function dateOf(value: string): PartialDateModel {
  return { ...parsePartialDate(value)!, qualifier: null, isInferred: false, evidence: [] };
}

describe('date conditions respect precision', () => {
  it('puts a month inside its year, but not inside one of its days', () => {
    expect(matchesDate(dateOf('2025-12'), { within: '2025' })).toBe(true);
    expect(matchesDate(dateOf('2025-12'), { within: '2025-12' })).toBe(true);
    expect(matchesDate(dateOf('2025-12'), { within: '2025-12-14' })).toBe(false);
    expect(matchesDate(dateOf('2025-12'), { overlaps: '2025-12-14' })).toBe(true);
  });

  it('puts a year inside no month, yet lets it overlap each of its months', () => {
    expect(matchesDate(dateOf('2025'), { within: '2025-06' })).toBe(false);
    expect(matchesDate(dateOf('2025'), { overlaps: '2025-06' })).toBe(true);
    expect(matchesDate(dateOf('2025'), { within: '2025' })).toBe(true);
  });

  it('treats the boundaries of before, after and the inclusive bounds by whole periods', () => {
    expect(matchesDate(dateOf('2025-12'), { after: '2025-11' })).toBe(true);
    expect(matchesDate(dateOf('2025-12'), { after: '2025-12-01' })).toBe(false);
    expect(matchesDate(dateOf('2025-12'), { before: '2026' })).toBe(true);
    expect(matchesDate(dateOf('2025-12'), { before: '2025-12-31' })).toBe(false);
    expect(matchesDate(dateOf('2025-12'), { onOrAfter: '2025-12' })).toBe(true);
    expect(matchesDate(dateOf('2025-12'), { onOrAfter: '2025-12-02' })).toBe(false);
    expect(matchesDate(dateOf('2025-12'), { onOrBefore: '2025' })).toBe(true);
    expect(matchesDate(dateOf('2025-12'), { onOrBefore: '2025-12-30' })).toBe(false);
    expect(matchesDate(dateOf('2026-02-14'), { onOrAfter: '2026-02-14', onOrBefore: '2026-02-14' })).toBe(true);
  });

  it('matches a missing date only on exists: false', () => {
    expect(matchesDate(null, { exists: false })).toBe(true);
    expect(matchesDate(null, { within: '2025' })).toBe(false);
    expect(matchesDate(dateOf('2025'), { exists: false })).toBe(false);
  });
});

describe('filters on the fixture graph', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });
  const ids = async (query: string, variables?: Record<string, unknown>) => {
    const data = await graph.data(query, variables);
    return Object.fromEntries(Object.entries(data).map(([k, v]: [string, any]) => [k, v.nodes.map((n: any) => n.id)]));
  };

  it('filters on strings with equals, in, contains and startsWith, ignoring case and accents and reading aliases', async () => {
    expect(
      await ids(`{
        a: people(filter: { name: { equals: "BOB SAMPLE" } }) { nodes { id } }
        b: people(filter: { name: { in: ["example", "Carol Third"] } }) { nodes { id } }
        c: places(filter: { name: { contains: "byvill" } }) { nodes { id } }
        d: places(filter: { name: { startsWith: "shelbyvillé" } }) { nodes { id } }
        e: countries(filter: { code: { equals: "sv" } }) { nodes { id } }
      }`),
    ).toEqual({
      a: ['Person:bob-sample'],
      b: ['Person:alice-example', 'Person:carol-third'],
      c: ['Place:shelbyville'],
      d: ['Place:shelbyville'],
      e: ['Country:sylvania'],
    });
  });

  it('combines conditions with AND, OR and NOT, and filters on kinds and ids', async () => {
    expect(
      await ids(`{
        a: people(filter: { OR: [{ name: { equals: "Alice Example" } }, { name: { equals: "Carol Third" } }], NOT: { id: { equals: "Person:carol-third" } } }) { nodes { id } }
        b: agreements(filter: { kind: { equals: ALLIANCE } }) { nodes { id } }
        c: events(filter: { AND: [{ status: { in: [PLANNED] } }, { kind: { equals: TRADE_FAIR } }] }) { nodes { id } }
        d: people(filter: { OR: [] }) { nodes { id } }
      }`),
    ).toEqual({ a: ['Person:alice-example'], b: ['Agreement:grand-alliance'], c: ['Event:automation-fair-2024'], d: [] });
  });

  it('filters on relationships with some, every, none and count', async () => {
    expect(
      await ids(`{
        signedForSylvania: agreements(filter: { signatories: { some: { onBehalfOf: { code: { equals: "SV" } } } } }) { nodes { id } }
        allForFreedonia: agreements(filter: { signatories: { every: { onBehalfOf: { name: { equals: "Freedonia" } } } } }) { nodes { id } }
        noRobotics: agreements(filter: { topics: { none: { name: { equals: "Robotics" } } } }) { nodes { id } }
        threeSigners: agreements(filter: { signatories: { count: { gte: 3 } } }) { nodes { id } }
        countriesCoveringEnergy: countries(filter: { agreements: { some: { topics: { some: { name: { equals: "energy efficiency" } } } } } }) { nodes { id } }
        attendingShelbyville: countries(filter: { events: { some: { heldAt: { name: { equals: "Shelbyville" } } } } }) { nodes { id } }
        signedAsMinister: people(filter: { signedAgreements: { some: { capacity: { contains: "minister" }, agreement: { name: { equals: "Springfield Accord" } } } } }) { nodes { id } }
      }`),
    ).toEqual({
      signedForSylvania: ['Agreement:springfield-accord'],
      // The Grand Alliance has no signatories, so "every" holds for it vacuously.
      allForFreedonia: ['Agreement:grand-alliance'],
      noRobotics: ['Agreement:grand-alliance'],
      threeSigners: ['Agreement:springfield-accord'],
      countriesCoveringEnergy: ['Country:freedonia', 'Country:sylvania'],
      attendingShelbyville: ['Country:freedonia', 'Country:sylvania'],
      signedAsMinister: ['Person:alice-example'],
    });
  });

  it('filters dates by precision at the boundaries of months and years', async () => {
    const query = `query ($d: DateFilter) { agreements(filter: { concludedOn: $d }) { nodes { id } } events(filter: { startsOn: $d }) { nodes { id } } }`;
    const run = async (d: Record<string, unknown>) => {
      const data = await graph.data(query, { d });
      return [...data.agreements.nodes, ...data.events.nodes].map((n: any) => n.id);
    };
    expect(await run({ within: '2024' })).toEqual(['Agreement:springfield-accord', 'Event:automation-fair-2024']);
    expect(await run({ within: '2023' })).toEqual(['Agreement:grand-alliance']);
    expect(await run({ within: '2024-09' })).toEqual(['Event:automation-fair-2024']);
    expect(await run({ within: '2024-09-15' })).toEqual([]);
    expect(await run({ overlaps: '2024-09-15' })).toEqual(['Event:automation-fair-2024']);
    expect(await run({ within: '2024-03-02' })).toEqual(['Agreement:springfield-accord']);
    expect(await run({ after: '2023-05-31' })).toEqual(['Agreement:springfield-accord', 'Event:automation-fair-2024']);
    expect(await run({ exists: false })).toEqual([]);
  });

  it('refuses a malformed date and a filter nested too deep, naming where', async () => {
    const bad = await graph.run(`{ agreements(filter: { concludedOn: { within: "March 2024" } }) { totalCount } }`);
    expect(bad.errors?.[0]).toMatchObject({
      message: 'filter.concludedOn.within must be a date such as 2025, 2025-12 or 2025-12-14; got "March 2024".',
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.concludedOn.within' },
    });
    let filter: any = { name: { equals: 'x' } };
    for (let i = 0; i < 9; i++) filter = { NOT: filter };
    const deep = await graph.run(`query ($f: PersonFilter) { people(filter: $f) { totalCount } }`, { f: filter });
    expect(deep.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(deep.errors?.[0].message).toMatch(/nested more than 8 levels deep/);
  });
});

describe('ordering', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(TINY_SEED);
  });

  it('orders by relationship counts and degree, breaking ties by name', async () => {
    const data = await graph.data(`{
      signers: people(orderBy: [{ field: SIGNED_AGREEMENTS_COUNT, direction: DESC }]) { nodes { id } }
      degree: people(orderBy: [{ field: DEGREE, direction: DESC }]) { nodes { id } }
      topics(orderBy: [{ field: AGREEMENTS_COUNT, direction: DESC }]) { nodes { id } }
      countries(orderBy: [{ field: AGREEMENTS_COUNT }, { field: NAME, direction: DESC }]) { nodes { id } }
    }`);
    expect(data).toEqual({
      // Everyone signed once: a three-way tie, broken by name.
      signers: { nodes: [{ id: 'Person:alice-example' }, { id: 'Person:bob-sample' }, { id: 'Person:carol-third' }] },
      // Alice: SIGNED, COUNTERPART_OF, HOLDS_OFFICE (3); Bob: SIGNED, COUNTERPART_OF, SPOKE_ABOUT (3); Carol: 1.
      degree: { nodes: [{ id: 'Person:alice-example' }, { id: 'Person:bob-sample' }, { id: 'Person:carol-third' }] },
      topics: { nodes: [{ id: 'Topic:energy-efficiency' }, { id: 'Topic:robotics' }, { id: 'Topic:automation' }] },
      countries: { nodes: [{ id: 'Country:sylvania' }, { id: 'Country:freedonia' }] },
    });
  });

  it('orders by a date with missing dates last either way, and pages the ordered list', async () => {
    const data = await graph.data(`{
      asc: events(orderBy: [{ field: ENDS_ON }]) { nodes { id } }
      agreements(orderBy: [{ field: CONCLUDED_ON, direction: DESC }], first: 1) { totalCount nodes { id } pageInfo { endCursor hasNextPage } }
    }`);
    expect(data.asc.nodes).toEqual([{ id: 'Event:automation-fair-2024' }]);
    expect(data.agreements).toMatchObject({ totalCount: 2, nodes: [{ id: 'Agreement:springfield-accord' }], pageInfo: { hasNextPage: true } });
    const next = await graph.data(`query ($after: String) { agreements(orderBy: [{ field: CONCLUDED_ON, direction: DESC }], first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }`, {
      after: data.agreements.pageInfo.endCursor,
    });
    expect(next.agreements).toEqual({ nodes: [{ id: 'Agreement:grand-alliance' }], pageInfo: { hasNextPage: false } });
  });

  it('orders countries of the article by the number of agreements they are party to', async () => {
    const real = await graphOn(REAL_SEED);
    const data = await real.data(`{ countries(orderBy: [{ field: AGREEMENTS_COUNT, direction: DESC }]) { nodes { name agreements { totalCount } } } }`);
    expect(data.countries.nodes).toEqual([
      { name: 'Canada', agreements: { totalCount: 2 } },
      { name: 'Germany', agreements: { totalCount: 2 } },
      { name: 'China', agreements: { totalCount: 0 } },
      { name: 'United States', agreements: { totalCount: 0 } },
    ]);
  });

  it("orders a relationship list by the linked entity, keeping the sources' order when asked for none", async () => {
    const data = await graph.data(`{ node(id: "Agreement:springfield-accord") { ... on Agreement {
      asGiven: signatories { nodes { id } }
      byName: signatories(orderBy: [{ field: NAME, direction: DESC }]) { nodes { id } }
      byDegree: signatories(orderBy: [{ field: DEGREE, direction: DESC }], first: 2) { totalCount nodes { id } pageInfo { hasNextPage } }
      topics(orderBy: [{ field: NAME }]) { edges { node { id } evidence { quote } } }
    } } }`);
    expect(data.node).toEqual({
      asGiven: { nodes: [{ id: 'Person:alice-example' }, { id: 'Person:bob-sample' }, { id: 'Person:carol-third' }] },
      byName: { nodes: [{ id: 'Person:carol-third' }, { id: 'Person:bob-sample' }, { id: 'Person:alice-example' }] },
      // Alice and Bob tie on degree 3; name breaks the tie.
      byDegree: { totalCount: 3, nodes: [{ id: 'Person:alice-example' }, { id: 'Person:bob-sample' }], pageInfo: { hasNextPage: true } },
      topics: {
        edges: [
          { node: { id: 'Topic:energy-efficiency' }, evidence: [{ quote: 'The accord covers energy efficiency' }] },
          { node: { id: 'Topic:robotics' }, evidence: [{ quote: 'The accord covers energy efficiency and robotics' }] },
        ],
      },
    });
  });
});
