import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';
import type { GraphStore, SearchMatch, SearchOptions } from '../src/store/graph-store.js';
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
let url: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'entente-search-'));
  await generateGraph(1500, dir, 11);
  memory = await loadMemoryStore(dir);
  url = await createTestDatabase(null);
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
  // Words of relationships' evidence quotes ("person-12 signed agreement-3"): relationships found
  // through their quotes, each once with its best quote, alone and beside entities.
  ['signed', everything],
  ['person signed agreement', { ...everything, offset: 3 }],
  ['spoke', { types: new Set(['Topic']), includeRelationships: true, offset: 5, limit: 10 }],
  ['person 12', everything],
  // Nothing at all.
  ['zzzz qqqq', everything],
];

/** A match with its evidence as both stores give it: where it is and what it says (the stores keep the rest in different shapes). */
function comparable(match: SearchMatch) {
  const { evidence } = match;
  return { ...match, evidence: evidence && { sourceId: evidence.sourceId, start: evidence.start, end: evidence.end, quote: evidence.quote } };
}

describe('search on PostgreSQL, a graph of shared words', () => {
  it.each(cases)('%s: the memory store’s matches, scores, order and count', async (query, options) => {
    const [expected, actual] = await Promise.all([memory.search(query, options), postgres.search(query, options)]);
    expect(actual.totalCount).toBe(expected.totalCount);
    expect(actual.matches.map(comparable)).toEqual(expected.matches.map(comparable));
  });

  it('finds relationships through their quotes in some cases: the comparison covers them', async () => {
    const pages = await Promise.all(cases.map(([query, options]) => memory.search(query, options)));
    expect(pages.filter((page) => page.matches.some((match) => match.evidence !== null)).length).toBeGreaterThanOrEqual(4);
  });

  it('finds documents for every case but the last: the cases are not empty by accident', async () => {
    const counts = await Promise.all(cases.map(([query, options]) => memory.search(query, options).then((results) => results.totalCount)));
    expect(counts.slice(0, -1).every((count) => count > 0)).toBe(true);
    expect(counts.at(-1)).toBe(0);
  });

  it('gives a search connection back out of its transaction when the statement\'s settings fail', async () => {
    // The one way to make a statement's settings fail: the store's own runner, with a setting that
    // does not exist, on a store of one search connection. That connection must answer the next search.
    const single = await PostgresGraphStore.open({ url, poolSize: 1, statementTimeoutMs: 20_000 });
    try {
      const inside = single as unknown as { query(text: string, values: unknown[], prepared: boolean, work: undefined, settings: string, pool: unknown): Promise<unknown>; pools: { search: unknown } };
      await expect(inside.query('SELECT 1', [], false, undefined, 'SET LOCAL no_such_setting = 1', inside.pools.search)).rejects.toThrow();
      const [expected, actual] = await Promise.all([memory.search('alliance person', everything), single.search('alliance person', everything)]);
      expect(actual.totalCount).toBe(expected.totalCount);
    } finally {
      await single.close();
    }
  });

  it('answers words that each match but never together with the documents holding either', async () => {
    const [both, country, person] = await Promise.all(['country person', 'country', 'person'].map((query) => postgres.search(query, everything)));
    expect(both!.totalCount).toBeGreaterThan(Math.max(country!.totalCount, person!.totalCount));
  });
});
