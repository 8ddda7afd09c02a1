import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_TEXT } from './helpers.js';
import { KEYS, livingGraph, STORES, tinyEvidence, type LivingGraph } from './curation/living.js';

const TEXT = readFileSync(TINY_TEXT, 'utf8');
const SECOND_TEXT = 'Sylvania Gazette, 3 March 2024. Dana Fourth, Sylvania\'s trade envoy, confirmed that Bob Sample signed the Springfield Accord for Sylvania.';
const SIGNED_BOB = 'Relationship:Person:bob-sample>SIGNED>Agreement:springfield-accord';

const ADD_SECOND_SOURCE = `mutation AddSecond($text: String!) {
  addSource(input: {
    slug: "sylvania-gazette-2024-03", text: $text, title: "Sylvania Gazette", language: EN,
    publishedOn: { value: "2024-03-03", evidence: [{ source: "Source:sylvania-gazette-2024-03", quote: "3 March 2024", start: 18, end: 30 }] }
    reason: "a second report of the signing"
  }) {
    source { id title sha256 length publishedOn { iso } }
    change { sequence actor operation reason facts { id action } }
    userErrors { path message code }
  }
}`;

function second(quote: string): Record<string, unknown> {
  const start = SECOND_TEXT.indexOf(quote);
  return { source: 'Source:sylvania-gazette-2024-03', quote, start, end: start + quote.length };
}

// Every store that takes changes answers these alike.
describe.each(STORES)('on the %s store', (store) => {
  describe('roles and keys, through real HTTP', () => {
    let graph: LivingGraph;
    beforeAll(async () => {
      graph = await livingGraph({ store });
    });
    afterAll(() => graph.close());

    const retractSigned = `mutation { retractFact(input: { fact: "${SIGNED_BOB}", reason: "probing" }) { retractedId userErrors { code } } }`;

    it('lets a request without a key read, and refuses it any change with 403 FORBIDDEN', async () => {
      expect(await graph.post('{ node(id: "Person:bob-sample") { id } }')).toMatchObject({ status: 200, body: { data: { node: { id: 'Person:bob-sample' } } } });
      const refused = await graph.post(retractSigned);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        errors: [{ message: 'retractFact needs the right of curating (the curator role); a request without a key has the role reader.', extensions: { code: 'FORBIDDEN' } }],
        extensions: { cost: { requested: 4, limit: 10000, touched: 0 } },
      });
    });

    it('answers an unknown key with 401 UNAUTHENTICATED before anything runs', async () => {
      const response = await graph.post('{ node(id: "Person:bob-sample") { id } }', undefined, 'not-a-key');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body).toEqual({ errors: [{ message: 'The key is not one this server knows.', extensions: { code: 'UNAUTHENTICATED' } }] });
    });

    it('lets a reader key read and refuses it a change', async () => {
      expect((await graph.post('{ node(id: "Person:bob-sample") { id } }', undefined, KEYS.reader)).status).toBe(200);
      const refused = await graph.post(retractSigned, undefined, KEYS.reader);
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].message).toBe('retractFact needs the right of curating (the curator role); the key "rita" has the role reader.');
    });

    it('lets a curator change facts and refuses it a merge, which needs the admin role', async () => {
      const merge = 'mutation { mergeEntities(input: { survivor: "Person:bob-sample", merged: "Person:carol-third", reason: "probing" }) { userErrors { code } } }';
      const refused = await graph.post(merge, undefined, KEYS.curator);
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0]).toEqual({
        message: 'mergeEntities needs the right of merging entities (the admin role); the key "cora" has the role curator.',
        extensions: { code: 'FORBIDDEN' },
      });
      const corroborate = await graph.post(
        `mutation($e: [EvidenceInput!]!) { corroborate(input: { fact: "${SIGNED_BOB}", evidence: $e }) { fact { id } userErrors { code } } }`,
        { e: [tinyEvidence(TEXT, 'Bob Sample signed')] },
        KEYS.curator,
      );
      expect(corroborate.body.data).toEqual({ corroborate: { fact: { id: SIGNED_BOB }, userErrors: [] } });
    });

    it('lets an admin merge', async () => {
      const merge = await graph.post(
        'mutation { mergeEntities(input: { survivor: "Topic:automation", merged: "Topic:energy-efficiency", reason: "a test of the role only" }) { survivor { id } userErrors { code message } } }',
        undefined,
        KEYS.admin,
      );
      expect(merge.status).toBe(200);
      expect(merge.body.data.mergeEntities.userErrors).toEqual([]);
    });
  });

  describe('budgets', () => {
    let graph: LivingGraph;
    beforeAll(async () => {
      graph = await livingGraph({ store, access: { keyBudgetPerMinute: 10, anonymousBudgetPerMinute: 10 } });
    });
    afterAll(() => graph.close());

    const query = '{ people(first: 2) { nodes { name } } }'; // costs 1 + 2 × (1 + 1) = 5

    it('reports a key’s budget in extensions and refuses the operation that would overspend with 429 and Retry-After', async () => {
      const first = await graph.post(query, undefined, KEYS.reader);
      expect(first.body.extensions.budget).toEqual({ limit: 10, remaining: 5, reset: expect.any(Number) });
      expect((await graph.post(query, undefined, KEYS.reader)).body.extensions.budget).toMatchObject({ remaining: 0 });
      const refused = await graph.post(query, undefined, KEYS.reader);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.errors[0].extensions).toEqual({ code: 'BUDGET_EXCEEDED', limit: 10, remaining: 0, reset: Number(refused.headers.get('retry-after')) });
      // Another key has its own budget.
      expect((await graph.post(query, undefined, KEYS.curator)).status).toBe(200);
    });

    it('makes requests without a key from one address share a budget, and shows them none in extensions', async () => {
      const first = await graph.post(query);
      expect(first.body.extensions.budget).toBeUndefined();
      await graph.post(query);
      const refused = await graph.post(query);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.code).toBe('BUDGET_EXCEEDED');
    });
  });

  describe('a source corroborating a fact, retraction, merge, history and asOf', () => {
    let graph: LivingGraph;
    beforeAll(async () => {
      graph = await livingGraph({ store });
    });
    afterAll(() => graph.close());

    it('adds a source with its SHA-256 and length computed, and journals who added it and why', async () => {
      const { status, body } = await graph.post(ADD_SECOND_SOURCE, { text: SECOND_TEXT }, KEYS.curator);
      expect(status).toBe(200);
      expect(body.data).toEqual({
        addSource: {
          source: {
            id: 'Source:sylvania-gazette-2024-03',
            title: 'Sylvania Gazette',
            sha256: createHash('sha256').update(SECOND_TEXT, 'utf8').digest('hex'),
            length: SECOND_TEXT.length,
            publishedOn: { iso: '2024-03-03' },
          },
          change: { sequence: 1, actor: 'cora', operation: 'ADD_SOURCE', reason: 'a second report of the signing', facts: [{ id: 'Source:sylvania-gazette-2024-03', action: 'ADDED' }] },
          userErrors: [],
        },
      });
    });

    it('changes nothing when one fact of a batch is bad, and says which fact and why', async () => {
      const before = await graph.store.head();
      const { body } = await graph.post(
        `mutation($r: [RelationshipInput!]!) { addFacts(input: { relationships: $r }) { relationships { id } change { sequence } userErrors { path message code } } }`,
        {
          r: [
            { type: 'ATTENDED', from: 'Person:carol-third', to: 'Event:automation-fair-2024', evidence: [tinyEvidence(TEXT, 'Automation Fair')] },
            { type: 'ATTENDED', from: 'Person:alice-example', to: 'Event:automation-fair-2024', evidence: [{ ...tinyEvidence(TEXT, 'Automation Fair'), quote: 'Automation Fare' }] },
          ],
        },
        KEYS.curator,
      );
      const start = TEXT.indexOf('Automation Fair');
      expect(body.data.addFacts).toEqual({
        relationships: null,
        change: null,
        userErrors: [
          {
            path: ['input', 'relationships', '1'],
            message: `ATTENDED Person:alice-example → Event:automation-fair-2024: quote "Automation Fare" does not match the text at [${start}, ${start + 15}), which reads "Automation Fair"`,
            code: 'RULE_VIOLATED',
          },
        ],
      });
      expect(await graph.store.head()).toBe(before);
      const carol = await graph.post('{ node(id: "Relationship:Person:carol-third>ATTENDED>Event:automation-fair-2024") { id } }');
      expect(carol.body.data).toEqual({ node: null });
    });

    it('gives a fact evidence from a second source: it keeps its id and has both, and its history says when', async () => {
      const { body } = await graph.post(
        `mutation($e: [EvidenceInput!]!) { corroborate(input: { fact: "${SIGNED_BOB}", evidence: $e, reason: "the Gazette confirms it" }) {
          fact { id ... on Relationship { evidence { source { id } quote } } } userErrors { path message code } } }`,
        { e: [second('Bob Sample signed the Springfield Accord for Sylvania')] },
        KEYS.curator,
      );
      expect(body.data.corroborate.userErrors).toEqual([]);
      expect(body.data.corroborate.fact.id).toBe(SIGNED_BOB);
      expect(body.data.corroborate.fact.evidence.map((e: any) => e.source.id)).toEqual(['Source:tiny', 'Source:sylvania-gazette-2024-03']);
      const history = await graph.post(`{ node(id: "${SIGNED_BOB}") { ... on Relationship { history { totalCount nodes { operation actor reason facts { id action evidence { quote source { id } } } } } } } }`);
      expect(history.body.data.node.history).toEqual({
        totalCount: 1,
        nodes: [
          {
            operation: 'CORROBORATE',
            actor: 'cora',
            reason: 'the Gazette confirms it',
            facts: [{ id: SIGNED_BOB, action: 'CORROBORATED', evidence: [{ quote: 'Bob Sample signed the Springfield Accord for Sylvania', source: { id: 'Source:sylvania-gazette-2024-03' } }] }],
          },
        ],
      });
    });

    it('retracts a fact: gone from answers, there as of before, and its retraction in its history with the reason', async () => {
      const beforeRetraction = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const fact = 'Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics';
      const { body } = await graph.post(`mutation { retractFact(input: { fact: "${fact}", reason: "the quote is about Bob, not by him" }) { retractedId change { operation } userErrors { code } } }`, undefined, KEYS.curator);
      expect(body.data.retractFact).toEqual({ retractedId: fact, change: { operation: 'RETRACT_FACT' }, userErrors: [] });
      const now = await graph.post(`{ node(id: "${fact}") { id } }`);
      expect(now.body.data).toEqual({ node: null });
      const then = await graph.post(`query($t: DateTime!) { node(id: "${fact}", asOf: $t) { id ... on Relationship { from { name } } } }`, { t: beforeRetraction });
      expect(then.body.data).toEqual({ node: { id: fact, from: { name: 'Bob Sample' } } });
      const changes = await graph.post(`{ changes(filter: { about: ["${fact}"] }) { nodes { operation reason facts { id action node { id } } } } }`);
      expect(changes.body.data.changes.nodes).toEqual([{ operation: 'RETRACT_FACT', reason: 'the quote is about Bob, not by him', facts: [{ id: fact, action: 'RETRACTED', node: null }] }]);
    });

    it('merges a duplicate entity: its id resolves to the survivor, which takes its names and facts, with the merge in the history', async () => {
      const add = await graph.post(
        `mutation($m: [EvidenceInput!]!) { addEntities(input: { entities: [{ type: PERSON, slug: "b-sample", name: "B. Sample", mentions: $m }] }) { entities { id } userErrors { message } } }`,
        { m: [second('Bob Sample')] },
        KEYS.curator,
      );
      expect(add.body.data.addEntities).toEqual({ entities: [{ id: 'Person:b-sample' }], userErrors: [] });
      const attend = await graph.post(
        `mutation($e: [EvidenceInput!]!) { addFacts(input: { relationships: [{ type: ATTENDED, from: "Person:b-sample", to: "Event:automation-fair-2024", evidence: $e }] }) { userErrors { message } } }`,
        { e: [tinyEvidence(TEXT, 'Both countries plan to attend the Automation Fair', { method: 'INFERRED', reason: 'a test inference' })] },
        KEYS.curator,
      );
      expect(attend.body.data.addFacts.userErrors).toEqual([]);
      const merge = await graph.post(
        'mutation { mergeEntities(input: { survivor: "Person:bob-sample", merged: "Person:b-sample", reason: "the same minister" }) { survivor { id aliases } change { facts { id action mergedInto { id } } } userErrors { message } } }',
        undefined,
        KEYS.admin,
      );
      expect(merge.body.data.mergeEntities.userErrors).toEqual([]);
      expect(merge.body.data.mergeEntities.survivor).toEqual({ id: 'Person:bob-sample', aliases: expect.arrayContaining(['B. Sample']) });
      expect(merge.body.data.mergeEntities.change.facts).toEqual(
        expect.arrayContaining([
          { id: 'Person:bob-sample', action: 'CHANGED', mergedInto: null },
          { id: 'Person:b-sample', action: 'MERGED', mergedInto: null },
          { id: 'Person:b-sample', action: 'MERGED', mergedInto: { id: 'Person:bob-sample' } },
          { id: 'Relationship:Person:b-sample>ATTENDED>Event:automation-fair-2024', action: 'MERGED', mergedInto: null },
          { id: 'Relationship:Person:bob-sample>ATTENDED>Event:automation-fair-2024', action: 'CHANGED', mergedInto: null },
        ]),
      );
      const lookups = await graph.post(`{
        merged: node(id: "Person:b-sample") { id }
        oldFact: node(id: "Relationship:Person:b-sample>ATTENDED>Event:automation-fair-2024") { id }
        survivor: node(id: "Person:bob-sample") { ... on Person { history { nodes { operation } } } }
      }`);
      expect(lookups.body.data).toEqual({
        merged: { id: 'Person:bob-sample' },
        oldFact: { id: 'Relationship:Person:bob-sample>ATTENDED>Event:automation-fair-2024' },
        survivor: { history: { nodes: [{ operation: 'MERGE_ENTITIES' }] } },
      });
    });

    it('answers a lookup as of a time before a change and after it', async () => {
      const beforeAdd = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const add = await graph.post(
        `mutation($m: [EvidenceInput!]!) { addEntities(input: { entities: [{ type: PERSON, slug: "dana-fourth", name: "Dana Fourth", mentions: $m }] }) { userErrors { message } } }`,
        { m: [second('Dana Fourth')] },
        KEYS.curator,
      );
      expect(add.body.data.addEntities.userErrors).toEqual([]);
      const afterAdd = new Date(Date.now() + 1000).toISOString();
      const lookups = await graph.post(
        `query($before: DateTime!, $after: DateTime!) {
          before: entitiesByName(name: "dana fourth", asOf: $before) { id }
          after: entitiesByName(name: "dana fourth", asOf: $after) { id name }
          seed: nodes(ids: ["Person:dana-fourth", "Person:bob-sample"], asOf: "2000-01-01T00:00:00Z") { id ... on Person { aliases relations { totalCount } } }
          now: node(id: "Person:bob-sample") { ... on Person { relations { totalCount } } }
        }`,
        { before: beforeAdd, after: afterAdd },
      );
      expect(lookups.body.data).toEqual({
        before: [],
        after: [{ id: 'Person:dana-fourth', name: 'Dana Fourth' }],
        // The seed as it was: no Dana, Bob without the merged names and the attendance the merge brought him.
        seed: [null, { id: 'Person:bob-sample', aliases: ['Sample'], relations: { totalCount: 3 } }],
        now: { relations: { totalCount: 3 } },
      });
    });

    it('pages the journal in order', async () => {
      const first = await graph.post('{ changes(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { sequence operation } } }');
      expect(first.body.data.changes).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true }, nodes: [{ sequence: 1, operation: 'ADD_SOURCE' }, { sequence: 2, operation: 'CORROBORATE' }] });
      const rest = await graph.post('query($after: String) { changes(first: 10, after: $after) { pageInfo { hasNextPage } nodes { sequence } } }', { after: first.body.data.changes.pageInfo.endCursor });
      expect(rest.body.data.changes).toEqual({ pageInfo: { hasNextPage: false }, nodes: [3, 4, 5, 6, 7].map((sequence) => ({ sequence })) });
    });
  });
});

describe('a server without a journal', () => {
  it('refuses every change with WRITES_DISABLED and answers an empty journal', async () => {
    const { httpOn, TINY_SEED, accessWith } = await import('./helpers.js');
    const { loadMemoryStore } = await import('../src/store/load.js');
    const http = await httpOn(await loadMemoryStore(TINY_SEED), { http: { access: accessWith([{ name: 'cora', role: 'curator', key: KEYS.curator }]) } });
    try {
      const response = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.curator}` },
        body: JSON.stringify({ query: `mutation { retractFact(input: { fact: "${SIGNED_BOB}", reason: "x" }) { retractedId } } ` }),
      });
      const body = await response.json();
      expect(body.errors).toEqual([
        { message: 'This server keeps no journal (JOURNAL_DIR is unset), so it takes no changes.', locations: [{ line: 1, column: 12 }], path: ['retractFact'], extensions: { code: 'WRITES_DISABLED' } },
      ]);
      const journal = await (await fetch(`${http.url}/graphql?query=${encodeURIComponent('{ changes { totalCount nodes { sequence } } }')}`)).json();
      expect(journal).toEqual({ data: { changes: { totalCount: 0, nodes: [] } }, extensions: { cost: { requested: 61, limit: 10000, touched: 0 } } });
    } finally {
      await http.close();
    }
  });
});

describe('what the graph holds already', () => {
  let graph: LivingGraph;
  beforeAll(async () => {
    graph = await livingGraph();
  });
  afterAll(() => graph.close());

  it('refuses a relationship the graph holds with ALREADY_EXISTS at its input path, and changes nothing', async () => {
    const input = { relationships: [{ type: 'SPOKE_ABOUT', from: 'Person:bob-sample', to: 'Topic:robotics', evidence: [tinyEvidence(TEXT, 'Bob Sample said that robotics will matter')] }] };
    const { body } = await graph.post('mutation ($input: AddFactsInput!) { addFacts(input: $input) { change { sequence } userErrors { path message code } } }', { input }, KEYS.curator);
    expect(body.data.addFacts).toEqual({
      change: null,
      userErrors: [
        { path: ['input', 'relationships', '0'], message: 'SPOKE_ABOUT Person:bob-sample → Topic:robotics: the graph holds this relationship already; add evidence to it with corroborate.', code: 'ALREADY_EXISTS' },
      ],
    });
    expect(await graph.store.head()).toBe(0);
  });

  it('refuses an entity whose id the graph holds with ALREADY_EXISTS, and changes nothing', async () => {
    const { body } = await graph.post(
      'mutation ($m: EvidenceInput!) { addEntities(input: { entities: [{ type: PERSON, slug: "bob-sample", name: "Bob", mentions: [$m] }] }) { change { sequence } userErrors { path message code } } }',
      { m: tinyEvidence(TEXT, 'Bob Sample') },
      KEYS.curator,
    );
    expect(body.data.addEntities).toEqual({ change: null, userErrors: [{ path: ['input', 'entities', '0'], message: 'Person:bob-sample: the graph holds an entity with this id already.', code: 'ALREADY_EXISTS' }] });
    expect(await graph.store.head()).toBe(0);
  });
});
