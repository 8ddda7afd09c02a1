import { beforeAll, describe, expect, it } from 'vitest';
import { FACT_SLOTS } from '../src/store/fact-index.js';
import type { GraphStore } from '../src/store/graph-store.js';
import { comparePositions } from '../src/store/positions.js';
import type { EntityCondition, EntityQuery, GroupCountQuery, Ordering, Position, RelationshipPageRequest } from '../src/store/query.js';

/**
 * The contract every GraphStore keeps, on the tiny fixture graph (tests/fixtures/tiny): the same
 * calls give the same answers whatever holds the graph. Each store's test file runs it with a
 * function that opens that store on the fixture.
 */
export function describeStoreContract(name: string, open: () => Promise<GraphStore>): void {
  describe(`the ${name} store keeps the store contract`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
    });

    const list = async (query: Partial<EntityQuery>) => {
      const page = await store.listEntities({ type: null, condition: null, orderBy: [], first: 100, after: null, ...query });
      return { ids: page.items.map((item) => item.node.id), totalCount: page.totalCount, hasNextPage: page.hasNextPage, positions: page.items.map((item) => item.position) };
    };
    const people = (condition: EntityCondition) => list({ type: 'Person', condition }).then((page) => page.ids);
    const signedBy = (condition: EntityCondition): EntityCondition => ({
      kind: 'relation',
      path: { types: ['SIGNED'], direction: 'OUTGOING' },
      quantifier: 'some',
      condition: { other: condition },
    });

    it('looks nodes up by id, in the order asked, with null for an unknown id', async () => {
      const nodes = await store.getNodes(['Person:bob-sample', 'Person:nobody', 'Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example', 'Country:freedonia']);
      expect(nodes.map((node) => node?.id ?? null)).toEqual(['Person:bob-sample', null, 'Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example', 'Country:freedonia']);
      expect(nodes[3]).toMatchObject({ type: 'Country', entityType: 'COUNTRY', name: 'Freedonia', code: 'FM' });
    });

    it('finds entities by folded name, alias, label or country code', async () => {
      const found = await store.findByName(['freedonia', 'fm', 'nobody']);
      expect(found.map((list) => list.map((entity) => entity.id))).toEqual([['Country:freedonia'], ['Country:freedonia'], []]);
    });

    it('lists all of a node’s relationships, a symmetric one once and from either end', async () => {
      const [alice, bob, robotics] = await store.getRelationships(['Person:alice-example', 'Person:bob-sample', 'Topic:robotics'], null, 'BOTH');
      expect(alice!.map((edge) => edge.type)).toEqual(['SIGNED', 'COUNTERPART_OF', 'HOLDS_OFFICE']);
      expect(bob!.map((edge) => edge.type)).toEqual(['SIGNED', 'COUNTERPART_OF', 'SPOKE_ABOUT']);
      expect(robotics!.map((edge) => edge.fromId)).toEqual(['Agreement:springfield-accord', 'Topic:automation', 'Person:bob-sample']);
      const [outgoing] = await store.getRelationships(['Person:alice-example'], ['COUNTERPART_OF'], 'OUTGOING');
      const [incoming] = await store.getRelationships(['Person:bob-sample'], ['COUNTERPART_OF'], 'INCOMING');
      expect(outgoing!.map((edge) => edge.id)).toEqual(['Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example']);
      expect(incoming!.map((edge) => edge.id)).toEqual(['Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example']);
    });

    it('pages each node’s relationships in one call, and the next page starts after the cursor’s position', async () => {
      const firstPage: RelationshipPageRequest = { first: 2, after: null, orderBy: [] };
      const [accord, nobody] = await store.listRelationships(
        [
          { nodeId: 'Agreement:springfield-accord', types: ['SIGNED'], direction: 'INCOMING' },
          { nodeId: 'Person:nobody', types: null, direction: 'BOTH' },
        ],
        firstPage,
      );
      expect(accord!.items.map((item) => item.node.fromId)).toEqual(['Person:alice-example', 'Person:bob-sample']);
      expect([accord!.totalCount, accord!.hasNextPage]).toEqual([3, true]);
      expect(nobody).toEqual({ items: [], totalCount: 0, hasNextPage: false });
      const [rest] = await store.listRelationships([{ nodeId: 'Agreement:springfield-accord', types: ['SIGNED'], direction: 'INCOMING' }], { ...firstPage, after: accord!.items[1]!.position });
      expect(rest!.items.map((item) => item.node.fromId)).toEqual(['Person:carol-third']);
      expect([rest!.totalCount, rest!.hasNextPage]).toEqual([3, false]);
    });

    it('orders a node’s relationships by the entity at the other end when asked', async () => {
      const page = { first: 10, after: null, orderBy: [{ key: { by: 'name' as const }, descending: true }] };
      const [accord] = await store.listRelationships([{ nodeId: 'Agreement:springfield-accord', types: null, direction: 'BOTH' }], page);
      expect(accord!.items.map((item) => item.node.fromId === 'Agreement:springfield-accord' ? item.node.toId : item.node.fromId)).toEqual([
        'Country:sylvania',
        'Topic:robotics',
        'Agreement:grand-alliance',
        'Country:freedonia',
        'Topic:energy-efficiency',
        'Person:carol-third',
        'Person:bob-sample',
        'Person:alice-example',
      ]);
      const [byDegree] = await store.listRelationships([{ nodeId: 'Agreement:springfield-accord', types: ['SIGNED'], direction: 'INCOMING' }], {
        first: 10,
        after: null,
        orderBy: [{ key: { by: 'degree' }, descending: false }],
      });
      expect(byDegree!.items.map((item) => item.node.fromId)).toEqual(['Person:carol-third', 'Person:alice-example', 'Person:bob-sample']);
    });

    it('lists every entity by name, then id, and pages by position', async () => {
      const all = await list({});
      expect(all.ids).toHaveLength(15);
      expect(all.ids.slice(0, 4)).toEqual(['Person:alice-example', 'Topic:automation', 'Event:automation-fair-2024', 'Person:bob-sample']);
      const first = await list({ type: 'Person', first: 2 });
      expect(first).toMatchObject({ ids: ['Person:alice-example', 'Person:bob-sample'], totalCount: 3, hasNextPage: true });
      const next = await list({ type: 'Person', first: 2, after: first.positions[1]! });
      expect(next).toMatchObject({ ids: ['Person:carol-third'], totalCount: 3, hasNextPage: false });
      const none = await list({ type: 'Person', first: 0 });
      expect(none).toMatchObject({ ids: [], totalCount: 3, hasNextPage: true });
    });

    it('filters by id, name, alias, type and attributes', async () => {
      expect(await people({ kind: 'id', test: { in: ['Person:bob-sample', 'Person:nobody'] } })).toEqual(['Person:bob-sample']);
      expect(await people({ kind: 'name', test: { contains: 'sam' } })).toEqual(['Person:bob-sample']);
      expect(await people({ kind: 'name', test: { startsWith: 'carol t' } })).toEqual(['Person:carol-third']);
      expect((await list({ condition: { kind: 'entityType', types: ['Country', 'Place'] } })).ids).toEqual(['Country:freedonia', 'Place:shelbyville', 'Place:springfield', 'Country:sylvania']);
      expect((await list({ type: 'Country', condition: { kind: 'text', attribute: 'code', test: { equals: 'sv' } } })).ids).toEqual(['Country:sylvania']);
      expect((await list({ type: 'Agreement', condition: { kind: 'value', attribute: 'kind', test: { equals: 'ALLIANCE' } } })).ids).toEqual(['Agreement:grand-alliance']);
    });

    it('filters dates by the precision they are known to', async () => {
      const concluded = (test: object) => list({ type: 'Agreement', condition: { kind: 'date', attribute: 'concludedOn', test } }).then((page) => page.ids);
      expect(await concluded({ within: { earliest: '2024-01-01', latest: '2024-12-31' } })).toEqual(['Agreement:springfield-accord']);
      expect(await concluded({ within: { earliest: '2023-05-14', latest: '2023-05-14' } })).toEqual([]);
      expect(await concluded({ overlaps: { earliest: '2023-05-14', latest: '2023-05-14' } })).toEqual(['Agreement:grand-alliance']);
      expect(await concluded({ before: { earliest: '2024-03-02', latest: '2024-03-02' } })).toEqual(['Agreement:grand-alliance']);
      expect(await concluded({ exists: false })).toEqual([]);
    });

    it('filters by relationships: some, every, none, counts and the properties of a signature', async () => {
      const accord: EntityCondition = { kind: 'name', test: { equals: 'springfield accord' } };
      expect(await people(signedBy(accord))).toEqual(['Person:alice-example', 'Person:bob-sample', 'Person:carol-third']);
      const forFreedonia: EntityCondition = {
        kind: 'relation',
        path: { types: ['SIGNED'], direction: 'OUTGOING' },
        quantifier: 'some',
        condition: { onBehalfOf: { kind: 'text', attribute: 'code', test: { equals: 'fm' } }, capacity: { contains: 'minister' } },
      };
      expect(await people(forFreedonia)).toEqual(['Person:alice-example']);
      const spoke = { types: ['SPOKE_ABOUT' as const], direction: 'OUTGOING' as const };
      expect(await people({ kind: 'relation', path: spoke, quantifier: 'every', condition: { other: { kind: 'name', test: { equals: 'robotics' } } } })).toEqual([
        'Person:alice-example',
        'Person:bob-sample',
        'Person:carol-third',
      ]);
      expect(await people({ kind: 'relation', path: spoke, quantifier: 'none', condition: {} })).toEqual(['Person:alice-example', 'Person:carol-third']);
      expect(await people({ kind: 'relationCount', path: { types: ['COUNTERPART_OF'], direction: 'OUTGOING' }, test: { gte: 1 } })).toEqual([
        'Person:alice-example',
        'Person:bob-sample',
      ]);
      // Three levels: the people who signed an agreement covering a topic narrower than Automation.
      const threeLevels = signedBy({
        kind: 'relation',
        path: { types: ['COVERS'], direction: 'OUTGOING' },
        quantifier: 'some',
        condition: { other: { kind: 'relation', path: { types: ['BROADER_THAN'], direction: 'INCOMING' }, quantifier: 'some', condition: { other: { kind: 'name', test: { equals: 'automation' } } } } },
      });
      expect(await people(threeLevels)).toEqual(['Person:alice-example', 'Person:bob-sample', 'Person:carol-third']);
    });

    it('follows only relationships whose evidence meets an evidence test, in conditions and in lists', async () => {
      // PARTY_TO in the fixture is INFERRED, LOCATED_IN EXTERNAL, SIGNED EXTRACTED.
      const countries = (condition: EntityCondition) => list({ type: 'Country', condition }).then((page) => page.ids);
      const party = (methods: Array<'EXTRACTED' | 'INFERRED' | 'EDITORIAL' | 'EXTERNAL'>) => ({ types: ['PARTY_TO' as const], direction: 'OUTGOING' as const, evidence: { methods } });
      expect(await countries({ kind: 'relation', path: party(['EXTRACTED']), quantifier: 'some', condition: {} })).toEqual([]);
      expect(await countries({ kind: 'relation', path: party(['INFERRED', 'EDITORIAL']), quantifier: 'some', condition: {} })).toEqual(['Country:freedonia', 'Country:sylvania']);
      expect(await countries({ kind: 'relation', path: party(['EXTRACTED']), quantifier: 'none', condition: {} })).toEqual(['Country:freedonia', 'Country:sylvania']);
      // `every` over no relationship that meets the test holds: the others are as if absent.
      expect(await countries({ kind: 'relation', path: party(['EXTRACTED']), quantifier: 'every', condition: { other: { kind: 'id', test: { equals: 'Agreement:nothing' } } } })).toEqual([
        'Country:freedonia',
        'Country:sylvania',
      ]);
      expect(await countries({ kind: 'relationCount', path: party(['INFERRED']), test: { equals: 1 } })).toEqual(['Country:freedonia', 'Country:sylvania']);
      expect(await countries({ kind: 'relationCount', path: party([]), test: { equals: 0 } })).toEqual(['Country:freedonia', 'Country:sylvania']);
      // From the other end, walking back from a small set of far entities takes the same test.
      const agreements = await list({
        type: 'Agreement',
        condition: { kind: 'relation', path: { types: ['PARTY_TO'], direction: 'INCOMING', evidence: { methods: ['EXTRACTED'] } }, quantifier: 'some', condition: { other: { kind: 'id', test: { equals: 'Country:freedonia' } } } },
      });
      expect(agreements.ids).toEqual([]);
      const page = { first: 10, after: null, orderBy: [] };
      const [extracted, inferred, signed] = await store.listRelationships(
        [
          { nodeId: 'Agreement:springfield-accord', types: null, direction: 'INCOMING', evidence: { methods: ['EXTRACTED'] } },
          { nodeId: 'Agreement:springfield-accord', types: null, direction: 'INCOMING', evidence: { methods: ['INFERRED'] } },
          { nodeId: 'Agreement:springfield-accord', types: ['SIGNED'], direction: 'INCOMING', evidence: null },
        ],
        page,
      );
      expect(extracted!.items.map((item) => item.node.type)).toEqual(['SIGNED', 'SIGNED', 'SIGNED']);
      expect([extracted!.totalCount, inferred!.totalCount, signed!.totalCount]).toEqual([3, 2, 3]);
      expect(inferred!.items.map((item) => item.node.fromId)).toEqual(['Country:freedonia', 'Country:sylvania']);
      const [external] = await store.listRelationships([{ nodeId: 'Place:springfield', types: null, direction: 'BOTH', evidence: { methods: ['EXTERNAL'] } }], page);
      expect(external!.items.map((item) => item.node.id)).toEqual(['Relationship:Place:springfield>LOCATED_IN>Country:freedonia']);
    });

    it('combines conditions with and, or and not; and of nothing holds, or of nothing does not', async () => {
      const alice: EntityCondition = { kind: 'name', test: { startsWith: 'alice' } };
      const bob: EntityCondition = { kind: 'name', test: { startsWith: 'bob' } };
      expect(await people({ kind: 'or', conditions: [alice, bob] })).toEqual(['Person:alice-example', 'Person:bob-sample']);
      expect(await people({ kind: 'not', condition: { kind: 'or', conditions: [alice, bob] } })).toEqual(['Person:carol-third']);
      expect(await people({ kind: 'and', conditions: [alice, bob] })).toEqual([]);
      expect(await people({ kind: 'and', conditions: [] })).toHaveLength(3);
      expect(await people({ kind: 'or', conditions: [] })).toEqual([]);
    });

    it('orders by degree, dates (missing last either way) and relationship counts, then name and id', async () => {
      const ordered = (type: EntityQuery['type'], orderBy: Ordering[]) => list({ type, orderBy }).then((page) => page.ids);
      expect(await ordered('Person', [{ key: { by: 'degree' }, descending: false }])).toEqual(['Person:carol-third', 'Person:alice-example', 'Person:bob-sample']);
      const byDate = { key: { by: 'date' as const, attribute: 'concludedOn' } };
      expect(await ordered('Agreement', [{ ...byDate, descending: true }])).toEqual(['Agreement:springfield-accord', 'Agreement:grand-alliance']);
      expect(await ordered('Event', [{ key: { by: 'date', attribute: 'endsOn' }, descending: true }])).toEqual(['Event:automation-fair-2024']);
      const countries = await list({ type: 'Country', orderBy: [{ key: { by: 'relationCount', path: { types: ['LOCATED_IN'], direction: 'INCOMING' } }, descending: true }], first: 1 });
      expect(countries.ids).toEqual(['Country:freedonia']);
      const rest = await list({ type: 'Country', orderBy: [{ key: { by: 'relationCount', path: { types: ['LOCATED_IN'], direction: 'INCOMING' } }, descending: true }], after: countries.positions[0]! });
      expect(rest.ids).toEqual(['Country:sylvania']);
    });

    it('lists the timeline in time order, finer precision first, within bounds and types', async () => {
      const timeline = await store.listTimeline({ types: null, from: null, to: null, first: 10, after: null });
      expect(timeline.items.map((item) => item.node.label)).toEqual([
        'Grand Alliance concluded',
        'Ministers sign the Springfield Accord published',
        'Springfield Accord concluded',
        'Automation Fair 2024 starts',
      ]);
      const bounded = await store.listTimeline({ types: ['Agreement', 'Event'], from: { earliest: '2024-01-01', latest: '2024-12-31' }, to: null, first: 1, after: null });
      expect(bounded.items.map((item) => item.node.label)).toEqual(['Springfield Accord concluded']);
      expect([bounded.totalCount, bounded.hasNextPage]).toEqual([2, true]);
      const next = await store.listTimeline({ types: ['Agreement', 'Event'], from: { earliest: '2024-01-01', latest: '2024-12-31' }, to: null, first: 5, after: bounded.items[0]!.position });
      expect(next.items.map((item) => item.node.label)).toEqual(['Automation Fair 2024 starts']);
    });

    it('counts groups by the other end of a relationship and by attribute, largest first', async () => {
      const groups = async (query: Omit<GroupCountQuery, 'first' | 'after'>, first = 100, after: Position | null = null) => (await store.countGroups({ ...query, first, after })).items.map((item) => item.node);
      expect(await groups({ type: 'Country', by: { relationship: 'PARTICIPATES_IN', direction: 'OUTGOING' } })).toEqual([
        { entityId: 'Event:automation-fair-2024', value: null, count: 2, memberIds: ['Country:freedonia', 'Country:sylvania'] },
      ]);
      expect(await groups({ type: 'Agreement', by: { attribute: 'YEAR' } })).toEqual([
        { entityId: null, value: '2023', count: 1, memberIds: ['Agreement:grand-alliance'] },
        { entityId: null, value: '2024', count: 1, memberIds: ['Agreement:springfield-accord'] },
      ]);
    });

    it('counts in a group by relationship exactly the entities whose relationships of that type and direction reach it', async () => {
      const fixtureTypes = ['Person', 'Country', 'Agreement', 'Topic', 'Event', 'Office', 'Place'] as const;
      let compared = 0;
      for (const type of fixtureTypes) {
        const members = (await store.listEntities({ type, condition: null, orderBy: [], first: 100, after: null })).items.map((item) => item.node.id);
        for (const relationship of ['PARTICIPATES_IN', 'COUNTERPART_OF', 'SIGNED', 'PARTY_TO', 'BROADER_THAN', 'HELD_AT', 'OFFICE_OF'] as const) {
          for (const direction of ['OUTGOING', 'INCOMING', 'BOTH'] as const) {
            // Member by member, as getRelationships lists a node's relationships: the expected groups.
            const expected = new Map<string, string[]>();
            const lists = await store.getRelationships(members, [relationship], direction);
            lists.forEach((list, i) => {
              for (const found of list) {
                const other = found.fromId === members[i] ? found.toId : found.fromId;
                const group = expected.get(other) ?? [];
                if (!group.includes(members[i]!)) group.push(members[i]!);
                expected.set(other, group);
              }
            });
            const page = await store.countGroups({ type, by: { relationship, direction }, first: 100, after: null });
            const actual = page.items.map(({ node }) => [node.entityId, node.count, node.memberIds]);
            expect(actual.sort(), `${type} by ${relationship} ${direction}`).toEqual([...expected].map(([other, ids]) => [other, ids.length, ids]).sort());
            expect(page.totalCount).toBe(expected.size);
            compared += expected.size;
          }
        }
      }
      expect(compared).toBeGreaterThan(10);
    });

    it('pages groups with keyset positions: a page starts after the last group of the one before', async () => {
      const first = await store.countGroups({ type: 'Agreement', by: { attribute: 'YEAR' }, first: 1, after: null });
      expect([first.items.map((item) => item.node.value), first.totalCount, first.hasNextPage]).toEqual([['2023'], 2, true]);
      const next = await store.countGroups({ type: 'Agreement', by: { attribute: 'YEAR' }, first: 1, after: first.items[0]!.position });
      expect([next.items.map((item) => item.node.value), next.totalCount, next.hasNextPage]).toEqual([['2024'], 2, false]);
    });

    it('searches names and evidence, best first, restricted and paged by the store', async () => {
      const results = await store.search('springfield', { types: null, includeRelationships: true, offset: 0, limit: 3 });
      expect(results.totalCount).toBeGreaterThanOrEqual(3);
      expect(results.matches.map((match) => match.nodeId).slice(0, 2)).toEqual(['Place:springfield', 'Agreement:springfield-accord']);
      const places = await store.search('springfield', { types: new Set(['Place']), includeRelationships: false, offset: 0, limit: 10 });
      expect(places.matches.map((match) => match.nodeId)).toEqual(['Place:springfield']);
    });

    it('marks the entities whose whole name or alias is the query, and ranks them first', async () => {
      const named = await store.search('springfield', { types: null, includeRelationships: true, offset: 0, limit: 3 });
      expect(named.matches.map((match) => [match.nodeId, match.isExactMatch])).toEqual([
        ['Place:springfield', true],
        ['Agreement:springfield-accord', false],
        ['Source:tiny', false],
      ]);
      const alias = await store.search('the accord', { types: null, includeRelationships: false, offset: 0, limit: 2 });
      expect(alias.matches.map((match) => [match.nodeId, match.isExactMatch])).toEqual([
        ['Agreement:springfield-accord', true],
        ['Source:tiny', false],
      ]);
    });

    it('finds the facts whose evidence overlaps a span of a source, by where they start', async () => {
      const page = await store.findEvidence({ sourceId: 'Source:tiny', start: 39, end: 65, first: 100, after: null });
      const facts = page.items.map((item) => item.node);
      expect(facts.length).toBeGreaterThan(1);
      expect(page.totalCount).toBe(facts.length);
      expect(facts.every((fact) => fact.evidence.start < 65 && fact.evidence.end > 39)).toBe(true);
      expect(facts.map((fact) => fact.evidence.start)).toEqual([...facts.map((fact) => fact.evidence.start)].sort((a, b) => a - b));
      expect(await store.findEvidence({ sourceId: 'Source:nowhere', start: 0, end: 100, first: 100, after: null })).toEqual({ items: [], totalCount: 0, hasNextPage: false });
      const firstTwo = await store.findEvidence({ sourceId: 'Source:tiny', start: 39, end: 65, first: 2, after: null });
      const rest = await store.findEvidence({ sourceId: 'Source:tiny', start: 39, end: 65, first: 100, after: firstTwo.items[1]!.position });
      expect([...firstTwo.items, ...rest.items].map((item) => item.node)).toEqual(facts);
      expect(firstTwo.hasNextPage).toBe(true);
    });

    it('orders a source’s facts by span, then subject, kind and attribute, and keeps those of the methods asked for', async () => {
      const whole = await store.findEvidence({ sourceId: 'Source:tiny', start: 0, end: 1_000_000, first: 1000, after: null });
      const positions = whole.items.map((item) => item.position);
      expect(positions.slice(4, 7)).toEqual([
        [67, 93, 'Country:freedonia', 'MENTION', ''],
        [67, 93, 'Office:freedonian-energy-minister', 'MENTION', ''],
        [67, 93, 'Relationship:Office:freedonian-energy-minister>OFFICE_OF>Country:freedonia', 'RELATIONSHIP', ''],
      ]);
      expect(positions).toEqual([...positions].sort((a, b) => comparePositions(a, b, FACT_SLOTS)));
      const inferred = await store.findEvidence({ sourceId: 'Source:tiny', start: 0, end: 1_000_000, first: 1000, after: null, methods: ['INFERRED', 'EXTERNAL'] });
      expect(inferred.items.map((item) => item.position)).toEqual(whole.items.filter((item) => ['INFERRED', 'EXTERNAL'].includes(item.node.evidence.method)).map((item) => item.position));
      expect(inferred.items.map((item) => item.position[3])).toEqual(['RELATIONSHIP', 'DATE', 'RELATIONSHIP', 'RELATIONSHIP', 'DATE', 'DATE']);
    });

    it('tells the size of the graph by entity and relationship type', () => {
      const statistics = store.statistics();
      expect(statistics.entities.Person).toBe(3);
      expect(Object.values(statistics.entities).reduce((a, b) => a + b, 0)).toBe(15);
      expect(Object.values(statistics.relationships).reduce((a, b) => a + b, 0)).toBe(17);
      expect(statistics.relationships.SIGNED).toBeGreaterThan(0);
    });
  });
}
