import { describe, expect, it } from 'vitest';
import type { GraphStore } from '../src/store/graph-store.js';
import type { RelationshipReads } from '../src/store/query.js';
import { graphOn, REAL_SEED, storeWith } from './helpers.js';
import { openTestStore } from './postgres/databases.js';

/**
 * A relationship page is read as far as the query reads it (src/modules/graph/reads.ts): evidence
 * only when some field shows it, the entities at the other ends by id, by summary (name and
 * description) or whole. Each query below names the reads of its pages, level by level; on
 * PostgreSQL, which reads only those columns, each answers exactly as it does when every page is
 * read whole.
 */
const KARSTEN = 'Person:karsten-wildberger';
const DECLARATION = 'Agreement:de-ca-ai-declaration';
const NAMES = { evidence: false, others: 'summary' } as const;
const IDS = { evidence: false, others: 'id' } as const;
const WHOLE = { evidence: false, others: 'full' } as const;

const CASES: Array<{ says: string; query: string; reads: RelationshipReads[] }> = [
  {
    says: 'a two-level lookup of names reads summaries, then ids, and no evidence',
    query: `{ node(id: "${KARSTEN}") { ... on Entity { name relations(first: 5) { edges { other { name relations(first: 3) { totalCount edges { other { id } } } } } } } } }`,
    reads: [NAMES, IDS],
  },
  {
    says: "a relationship's evidence is read when shown, on the relationship or on a view's edge",
    query: `{ a: node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { edges { node { type evidence { quote } } } } } }
              b: node(id: "${DECLARATION}") { ... on Agreement { signatories { edges { evidence { quote } } } } } }`,
    reads: [{ evidence: true, others: 'id' }, { evidence: true, others: 'id' }],
  },
  {
    says: 'a field beyond the summary, in a named fragment on one type, reads the entities whole',
    query: `query { node(id: "${DECLARATION}") { ... on Agreement { parties { nodes { ...Coded } } } } }
            fragment Coded on Country { name code }`,
    reads: [WHOLE],
  },
  {
    says: 'a field under @skip still counts, since the reads are worked out once per document',
    query: `query ($hide: Boolean = true) { node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { edges { other { id aliases @skip(if: $hide) } } } } } }`,
    reads: [WHOLE],
  },
  {
    says: "a view's onBehalfOf is looked up by its id and adds nothing to the reads",
    query: `{ node(id: "${DECLARATION}") { ... on Agreement { signatories { edges { capacity onBehalfOf { name code } node { id } } } } } }`,
    reads: [IDS],
  },
  {
    says: "the relationship's own properties and ends read no evidence",
    query: `{ node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { nodes { id type role note from { name } to { labels { text } } } } } } }`,
    reads: [IDS],
  },
];

/** The memory store, recording the reads of each relationship page asked of it. */
async function recording(): Promise<{ run: (query: string) => Promise<unknown>; reads: RelationshipReads[] }> {
  const reads: RelationshipReads[] = [];
  const graph = await graphOn(REAL_SEED, (store) =>
    storeWith(store, {
      listRelationships: (keys, page, work) => {
        reads.push(page.reads!);
        return store.listRelationships(keys, page, work);
      },
    }),
  );
  return { run: (query) => graph.data(query), reads };
}

/** A store that is asked for every page whole, whatever the query reads. */
function readingWhole(store: GraphStore): GraphStore {
  return storeWith(store, { listRelationships: (keys, page, work) => store.listRelationships(keys, { ...page, reads: undefined }, work) });
}

describe('what a relationship page reads', () => {
  for (const { says, query, reads } of CASES) {
    it(says, async () => {
      const graph = await recording();
      await graph.run(query);
      expect(graph.reads).toEqual(reads);
    });
  }

  it('answers every query above on PostgreSQL as it does reading every page whole', async () => {
    const store = await openTestStore('article');
    const asRead = await graphOn(REAL_SEED, () => store);
    const whole = await graphOn(REAL_SEED, () => readingWhole(store));
    for (const { query } of CASES) expect(await asRead.run(query)).toEqual(await whole.run(query));
  });

  it('fails with an error, never a wrong value, when a page read in part is read further', async () => {
    const store = await openTestStore('article');
    // Reads that leave out what the query shows: the answer is an error, never a wrong value.
    const wrong = await graphOn(REAL_SEED, () =>
      storeWith(store, { listRelationships: (keys, page, work) => store.listRelationships(keys, { ...page, reads: { evidence: false, others: 'summary' } }, work) }),
    );
    for (const shown of ['other { aliases }', 'node { evidence { quote } }']) {
      const result = await wrong.run(`{ node(id: "${KARSTEN}") { ... on Entity { relations(first: 1) { edges { ${shown} } } } } }`);
      expect(result).toEqual({
        data: { node: null },
        errors: [expect.objectContaining({ path: expect.arrayContaining(['node', 'relations', 'edges']), extensions: { code: 'INTERNAL_SERVER_ERROR' } })],
      });
    }
  });
});
