import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';
import type { GraphStore, SearchOptions } from '../src/store/graph-store.js';
import { loadMemoryStore } from '../src/store/load.js';
import { loadGraph } from '../src/store/postgres/load-graph.js';
import { migrate } from '../src/store/postgres/migrate.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { loadSeed } from '../src/store/seed.js';
import { createTestDatabase, withClient } from './postgres/databases.js';

// A generated graph whose words are few and shared by thousands of documents, as at scale: the
// PostgreSQL store narrows documents to those holding every word before it scores them, and must
// still rank, count and page exactly as the memory store does.
let dir: string;
let memory: GraphStore;
let postgres: PostgresGraphStore;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'entente-search-'));
  await generateGraph(1500, dir, 11);
  memory = await loadMemoryStore(dir);
  const url = await createTestDatabase(null);
  const graph = await loadSeed(dir);
  await withClient(url, async (client) => {
    await migrate(client);
    await loadGraph(client, graph);
  });
  postgres = await PostgresGraphStore.open({ url, poolSize: 2, statementTimeoutMs: 20_000 });
}, 120_000);
afterAll(async () => {
  await postgres?.close();
  await rm(dir, { recursive: true, force: true });
});

const everything: SearchOptions = { types: null, includeRelationships: true, offset: 0, limit: 25 };
const cases: Array<[string, SearchOptions]> = [
  // One word, and one word as a prefix of others.
  ['alliance', everything],
  ['sec', everything],
  // Every word held by some documents: only those count, ranked from the rarest word up.
  ['alliance person', everything],
  ['digital energy', everything],
  ['market talent person', everything],
  ['summit treaty', { ...everything, offset: 10, limit: 15 }],
  ['summit treaty organization', everything],
  ['robotics health', { types: new Set(['Person', 'Agreement']), includeRelationships: false, offset: 0, limit: 40 }],
  ['ethics cloud', { types: new Set(['Agreement']), includeRelationships: true, offset: 0, limit: 10 }],
  // A word twice, and a prefix that is also a whole word.
  ['energy energy climate', everything],
  ['security s', everything],
  // No document holds every word: those holding any, more words first.
  ['alliance zzzz', everything],
  ['zzzz person', everything],
  ['alliance digital sovereignq', everything],
  ['country person', everything],
  ['report country', { types: new Set(['Country']), includeRelationships: true, offset: 0, limit: 10 }],
  // Nothing at all.
  ['zzzz qqqq', everything],
];

describe('search on PostgreSQL, a graph of shared words', () => {
  it.each(cases)('%s: the memory store’s matches, scores, order and count', async (query, options) => {
    const [expected, actual] = await Promise.all([memory.search(query, options), postgres.search(query, options)]);
    expect(actual.totalCount).toBe(expected.totalCount);
    expect(actual.matches).toEqual(expected.matches);
  });

  it('finds documents for every case but the last: the cases are not empty by accident', async () => {
    const counts = await Promise.all(cases.map(([query, options]) => memory.search(query, options).then((results) => results.totalCount)));
    expect(counts.slice(0, -1).every((count) => count > 0)).toBe(true);
    expect(counts.at(-1)).toBe(0);
  });

  it('answers words that each match but never together with the documents holding either', async () => {
    const [both, country, person] = await Promise.all(['country person', 'country', 'person'].map((query) => postgres.search(query, everything)));
    expect(both!.totalCount).toBeGreaterThan(Math.max(country!.totalCount, person!.totalCount));
  });
});
