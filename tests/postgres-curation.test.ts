import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Curator } from '../src/curation/curator.js';
import { WriteConflictError, type ChangeRequest } from '../src/store/graph-store.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { SeedError } from '../src/store/seed.js';
import { ACCESS_KEYS, KEYS, tinyEvidence } from './curation/living.js';
import { accessWith, httpOn, TINY_TEXT, type TestHttp } from './helpers.js';
import { createTestDatabase } from './postgres/databases.js';

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

let a: Replica;
let b: Replica;
beforeAll(async () => {
  const url = await createTestDatabase('living');
  [a, b] = [await replicaOf(url), await replicaOf(url)];
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
});
