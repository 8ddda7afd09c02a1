import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Curator } from '../src/curation/curator.js';
import { WriteConflictError, type ChangeRequest } from '../src/store/graph-store.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { buildSeedGraph, SeedError } from '../src/store/seed.js';
import { RecordSet } from '../src/store/records.js';
import { loadGraph } from '../src/store/postgres/load-graph.js';
import { migrate } from '../src/store/postgres/migrate.js';
import { ACCESS_KEYS, KEYS, tinyEvidence } from './curation/living.js';
import { accessWith, httpOn, TINY_TEXT, type TestHttp } from './helpers.js';
import { createTestDatabase, withClient } from './postgres/databases.js';

const TEXT = readFileSync(TINY_TEXT, 'utf8');

/** One replica: a store of its own on the shared database, with its own curator, over real HTTP. */
interface Replica {
  store: PostgresGraphStore;
  http: TestHttp;
  post: (query: string, variables?: Record<string, unknown>, key?: string) => Promise<any>;
}

async function replicaOf(url: string): Promise<Replica> {
  const store = await PostgresGraphStore.open({ url, poolSize: 3, statementTimeoutMs: 10_000 });
  const http = await httpOn(store, { http: { access: accessWith(ACCESS_KEYS), curator: new Curator(store), responseCacheBytes: 1 << 20 } });
  const post: Replica['post'] = async (query, variables, key) => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };
  return { store, http, post };
}

const ADD_PERSON = `mutation($slug: String!, $name: String!, $m: [EvidenceInput!]!) {
  addEntities(input: { entities: [{ type: PERSON, slug: $slug, name: $name, mentions: $m }], reason: "seen in the text" }) { entities { id } userErrors { message } }
}`;

function addPerson(replica: Replica, slug: string, name: string, quote: string): Promise<any> {
  return replica.post(ADD_PERSON, { slug, name, m: [tinyEvidence(TEXT, quote)] }, KEYS.curator);
}

let shared: string;
let a: Replica;
let b: Replica;
beforeAll(async () => {
  shared = await createTestDatabase('living');
  [a, b] = [await replicaOf(shared), await replicaOf(shared)];
});
afterAll(async () => {
  for (const replica of [a, b]) {
    await replica.http.close();
    await replica.store.close();
  }
});

describe('two replicas writing to one PostgreSQL database', () => {
  it('serve a change made through one of them from the other, which moves its version on and feeds the entry to its watchers', async () => {
    const versionBefore = b.store.version;
    const before = await b.post('{ node(id: "Person:alice-clone") { id } }');
    expect(before.data).toEqual({ node: null });
    const heard = new Promise((resolve) => b.store.watch(resolve));
    expect((await addPerson(a, 'alice-clone', 'Alice Clone', 'Alice Example')).data.addEntities).toEqual({ entities: [{ id: 'Person:alice-clone' }], userErrors: [] });
    // B hears the entry through LISTEN/NOTIFY: it is delivered when A's transaction commits.
    expect(await heard).toMatchObject({ sequence: 1, operation: 'ADD_ENTITIES', actor: 'cora', reason: 'seen in the text' });
    expect(b.store.version).toBe(a.store.version);
    expect(b.store.version).not.toBe(versionBefore);
    // B's HTTP cache keys on the version: the answer from before the change is not served again.
    const after = await b.post('{ node(id: "Person:alice-clone") { id ... on Person { name mentions { quote } } } changes { totalCount nodes { sequence operation actor } } }');
    expect(after.data).toEqual({
      node: { id: 'Person:alice-clone', name: 'Alice Clone', mentions: [{ quote: 'Alice Example' }] },
      changes: { totalCount: 1, nodes: [{ sequence: 1, operation: 'ADD_ENTITIES', actor: 'cora' }] },
    });
  });

  it('keep both of two changes made at once through different replicas, one after the other', async () => {
    const [first, second] = await Promise.all([addPerson(a, 'bob-clone', 'Bob Clone', 'Bob Sample'), addPerson(b, 'carol-clone', 'Carol Clone', 'Carol Third')]);
    expect([first.data.addEntities.userErrors, second.data.addEntities.userErrors]).toEqual([[], []]);
    for (const replica of [a, b]) {
      const answer = await replica.post('{ nodes(ids: ["Person:bob-clone", "Person:carol-clone"]) { id } changes { nodes { sequence operation } } }');
      expect(answer.data).toEqual({
        nodes: [{ id: 'Person:bob-clone' }, { id: 'Person:carol-clone' }],
        changes: { nodes: [1, 2, 3].map((sequence) => ({ sequence, operation: 'ADD_ENTITIES' })) },
      });
    }
  });

  it('refuse a change checked against an older journal head, and a change the graph cannot take, leaving everything as it was', async () => {
    const head = await b.store.head();
    const version = b.store.version;
    const person = { id: 'Person:dan-clone', name: 'Dan Clone', mentions: [{ source: 'Source:tiny', quote: 'Springfield', start: TEXT.indexOf('Springfield'), end: TEXT.indexOf('Springfield') + 11 }] };
    const change = (basedOn: number, record: Record<string, unknown>): ChangeRequest => ({
      basedOn,
      operation: 'ADD_ENTITIES',
      actor: 'cora',
      reason: null,
      changes: [{ kind: 'entity', key: 'Person:dan-clone', action: 'ADDED', before: null, after: record as never }],
      sourceTexts: new Map(),
    });
    await expect(b.store.commit(change(head - 1, person))).rejects.toEqual(new WriteConflictError(head));
    // A quote that is not at its offsets: the seed's builder refuses the graph, and the transaction is rolled back.
    await expect(b.store.commit(change(head, { ...person, mentions: [{ ...person.mentions[0], quote: 'Shelbyville' }] }))).rejects.toBeInstanceOf(SeedError);
    expect(await b.store.head()).toBe(head);
    expect(b.store.version).toBe(version);
    expect(await b.store.readRecords([{ kind: 'entity', key: 'Person:dan-clone' }])).toEqual([null]);
    expect((await b.post('{ node(id: "Person:dan-clone") { id } }')).data).toEqual({ node: null });
  });

  it('answer after row-by-row commits exactly as a database loaded from the same records does', async () => {
    const SIGNED_BOB = 'Relationship:Person:bob-sample>SIGNED>Agreement:springfield-accord';
    const gazette = 'Sylvania Gazette, 3 March 2024. Bob Sample signed the Springfield Accord again, and Alice Example attended the Automation Fair.';
    const at = (quote: string) => ({ source: 'Source:sylvania-gazette', quote, start: gazette.indexOf(quote), end: gazette.indexOf(quote) + quote.length });
    const steps = [
      () =>
        a.post(
        `mutation($text: String!, $e: [EvidenceInput!]!) { addSource(input: { slug: "sylvania-gazette", text: $text, title: "Sylvania Gazette", language: EN, publishedOn: { value: "2024-03-03", evidence: $e } }) { userErrors { message } } }`,
        { text: gazette, e: [at('3 March 2024')] },
        KEYS.curator,
      ),
      () => b.post(`mutation($e: [EvidenceInput!]!) { corroborate(input: { fact: "${SIGNED_BOB}", evidence: $e }) { userErrors { message } } }`, { e: [at('Bob Sample signed the Springfield Accord')] }, KEYS.curator),
      () =>
        a.post(
          `mutation($r: [RelationshipInput!]!) { addFacts(input: { relationships: $r }) { userErrors { message } } }`,
          { r: [{ type: 'ATTENDED', from: 'Person:alice-example', to: 'Event:automation-fair-2024', evidence: [at('Alice Example attended the Automation Fair')] }] },
          KEYS.curator,
        ),
      () => b.post(`mutation { retractFact(input: { fact: "Relationship:Person:carol-third>SIGNED>Agreement:springfield-accord", reason: "a test retraction" }) { userErrors { message } } }`, undefined, KEYS.curator),
    ];
    for (const step of steps) {
      const answer = await step();
      expect(Object.values(answer.data as Record<string, { userErrors: unknown[] }>)[0]!.userErrors).toEqual([]);
    }
    // The same records and texts, loaded into a database of their own.
    const url = await createTestDatabase(null);
    const { records, texts } = await withClient(shared, async (client) => {
      const records = new RecordSet();
      for (const row of (await client.query('SELECT kind, key, record::text AS record FROM record ORDER BY seq')).rows) records.set({ kind: row.kind, key: row.key }, JSON.parse(row.record));
      return { records, texts: new Map((await client.query('SELECT source_id, text FROM source_text')).rows.map((row) => [row.source_id as string, row.text as string])) };
    });
    const loader = new pg.Client({ connectionString: url });
    await loader.connect();
    try {
      await migrate(loader);
      await loadGraph(loader, buildSeedGraph([records.toSeedFile('the records')], { sourceTexts: texts }), { records, sourceTexts: texts });
    } finally {
      await loader.end();
    }
    const loaded = await replicaOf(url);
    try {
      const queries = [
        '{ search(query: "sample", first: 20) { totalCount nodes { node { id } score field isExactMatch } } }',
        '{ search(query: "springfield accord", first: 20) { totalCount nodes { node { id } score field } } }',
        '{ search(query: "gazette") { totalCount nodes { node { id } score field } } }',
        '{ factsIn(source: "Source:tiny", start: 0, end: 10000, first: 100) { totalCount nodes { subject { id } kind attribute evidence { quote method } } } }',
        '{ factsIn(source: "Source:sylvania-gazette", start: 0, end: 10000) { totalCount nodes { subject { id } kind attribute } } }',
        '{ people(orderBy: [{ field: DEGREE, direction: DESC }]) { totalCount nodes { id name } } }',
        '{ groups(entityType: PERSON, by: { relationship: ATTENDED, direction: OUTGOING }) { totalCount nodes { entity { id } count memberIds } } }',
        '{ node(id: "Person:bob-sample") { ... on Person { relations(first: 50) { totalCount edges { node { id } other { id } } } } } }',
        '{ node(id: "Event:automation-fair-2024") { ... on Event { relations { totalCount nodes { id ... on Relationship { evidence { quote source { id } } } } } } } }',
        '{ sources { totalCount nodes { id title publishedOn { iso } } } }',
      ];
      for (const query of queries) {
        const [incremental, fresh] = [await a.post(query), await loaded.post(query)];
        expect({ query, errors: incremental.errors }).toEqual({ query, errors: undefined });
        expect({ query, answer: incremental.data }).toEqual({ query, answer: fresh.data });
      }
    } finally {
      await loaded.http.close();
      await loaded.store.close();
    }
  });
});
