import { describe, expect, it } from 'vitest';
import type { GraphStore } from '../src/store/graph-store.js';
import type { NextRelationshipPage, RelationshipReads } from '../src/store/query.js';
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

/**
 * The page a query asks next of every entity at a page's other ends, read ahead with the page on
 * PostgreSQL: named for each relationship page asked of the store, level by level (none: undefined).
 */
const NEXT_CASES: Array<{ says: string; query: string; variables?: Record<string, unknown>; next: Array<NextRelationshipPage | undefined> }> = [
  {
    says: "a lookup's second level is asked with the first, with the arguments and reads of its own field",
    query: `query ($n: Int) { node(id: "${KARSTEN}") { ... on Entity { relations(first: 5) { edges { other { name relations(first: $n, direction: OUTGOING) { totalCount edges { other { id } } } } } } } } }`,
    variables: { n: 3 },
    next: [{ types: null, direction: 'OUTGOING', evidence: null, page: { first: 3, after: null, orderBy: [], reads: IDS } }, undefined],
  },
  {
    says: "a typed list's typed field is asked next, its type and direction those of its declaration",
    query: `{ node(id: "${DECLARATION}") { ... on Agreement { signatories { nodes { offices(orderBy: [{ field: NAME, direction: DESC }]) { nodes { name } } } } } } }`,
    next: [{ types: ['HOLDS_OFFICE'], direction: 'OUTGOING', evidence: null, page: { first: 20, after: null, orderBy: [{ key: { by: 'name' }, descending: true }], reads: NAMES } }, undefined],
  },
  {
    says: 'nothing is asked next when the other ends are asked for two lists, or for a list only some of them have',
    query: `{ a: node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { nodes { id } edges { other { relations(first: 1) { totalCount } signed: relations(first: 2, types: [SIGNED]) { totalCount } } } } } }
              b: node(id: "${KARSTEN}") { ... on Entity { relations(first: 4) { edges { other { ... on Person { offices { totalCount } } } } } } } }`,
    next: [undefined, undefined, undefined, undefined, undefined],
  },
  {
    says: 'nothing is asked next under @skip or @include, on the field or on a fragment or field on the way to it, whatever the variables say',
    query: `query ($show: Boolean = true) { a: node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { edges { other { relations(first: 1) @include(if: $show) { totalCount } } } } } }
              b: node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { edges { other { ... @skip(if: false) { relations(first: 1) { totalCount } } } } } } }
              c: node(id: "${KARSTEN}") { ... on Entity { relations(first: 3) { edges @include(if: $show) { other { relations(first: 1) { totalCount } } } } } } }`,
    // The three lookups are one page of one node; the level under it is asked apart, once.
    next: [undefined, undefined],
  },
  {
    says: 'nothing is asked next of relations asked only of the other ends of one type, nor of a node of another type',
    query: `{ a: node(id: "${DECLARATION}") { ... on Entity { relations(types: [SIGNED]) { edges { other { ... on Person { relations(first: 1) { totalCount } } } } } } }
              b: node(id: "${KARSTEN}") { id ... on Organization { relations(first: 2) { totalCount } } } }`,
    // The declaration's page, then its people's pages, asked apart; Karsten is no organization.
    next: [undefined, undefined],
  },
  {
    says: 'nothing is asked next when its arguments are wrong, and the field itself says so',
    query: `{ node(id: "${KARSTEN}") { ... on Entity { relations(first: 2) { edges { other { relations(first: -1) { totalCount } } } } } } }`,
    next: [undefined],
  },
];

/** The memory store, recording the reads and the next page of each relationship page asked of it. */
async function recording(): Promise<{ run: (query: string, variables?: Record<string, unknown>) => Promise<unknown>; reads: RelationshipReads[]; next: Array<NextRelationshipPage | undefined> }> {
  const reads: RelationshipReads[] = [];
  const next: Array<NextRelationshipPage | undefined> = [];
  const graph = await graphOn(REAL_SEED, (store) =>
    storeWith(store, {
      // As a database store would be asked: the memory store reads nothing ahead, and says so.
      readsAhead: true,
      listRelationships: (keys, page, work) => {
        reads.push(page.reads!);
        next.push(page.next);
        return store.listRelationships(keys, page, work);
      },
    }),
  );
  return { run: (query, variables) => graph.run(query, variables), reads, next };
}

/** A store that is asked for every page whole and on its own, whatever the query reads and asks next. */
function readingWhole(store: GraphStore): GraphStore {
  return storeWith(store, { listRelationships: (keys, page, work) => store.listRelationships(keys, { ...page, reads: undefined, next: undefined, node: undefined }, work) });
}

describe('what a relationship page reads', () => {
  for (const { says, query, reads } of CASES) {
    it(says, async () => {
      const graph = await recording();
      expect((await graph.run(query)) as object).not.toHaveProperty('errors');
      expect(graph.reads).toEqual(reads);
    });
  }

  for (const { says, query, variables, next } of NEXT_CASES) {
    it(says, async () => {
      const graph = await recording();
      const answer = (await graph.run(query, variables)) as { errors?: unknown };
      expect(graph.next).toEqual(next);
      if (says.includes('wrong')) expect(answer.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('"first"'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    });
  }

  it('answers every query above on PostgreSQL as it does reading every page whole and on its own', async () => {
    const store = await openTestStore('article');
    const asRead = await graphOn(REAL_SEED, () => store);
    const whole = await graphOn(REAL_SEED, () => readingWhole(store));
    const evidenceAhead = `{ node(id: "${DECLARATION}") { ... on Entity { relations(first: 4) { edges { other { relations(first: 2, evidence: { method: { in: [EXTRACTED] } }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { evidence { quote } } other { aliases } } } } } } } } }`;
    const queries: Array<{ query: string; variables?: Record<string, unknown> }> = [...CASES, ...NEXT_CASES, { query: evidenceAhead }];
    for (const { query, variables } of queries) {
      const answer = await asRead.run(query, variables);
      expect(answer).toEqual(await whole.run(query, variables));
      if (query === evidenceAhead) expect(answer.errors).toBeUndefined();
    }
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
