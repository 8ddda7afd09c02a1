import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/lib/connection.js';
import { graphOn, TINY_SEED, type TestGraph } from './helpers.js';
import { openTestStore } from './postgres/databases.js';

/**
 * Strings meant to break SQL, LIKE patterns, full-text syntax, COPY, JSON or UTF-8, sent through
 * every string a client can hand the store (names, codes, titles, capacities, ids, search,
 * cursors, dates). Every value reaches PostgreSQL as a bound parameter, so each one is only text:
 * the PostgreSQL store answers exactly what the memory store answers, data and errors alike.
 */
const HOSTILE = [
  "'",
  "''",
  '"',
  '\\',
  '%',
  '_',
  '%_%',
  "' OR '1'='1",
  "x'; DROP TABLE entity; --",
  '$1',
  '$$ $$',
  '\u0000',
  'spring\u0000field',
  '\ud800',
  '😀 freedonia',
  'Fre\u0301edonia',
  '\u202eainodeerf',
  'NULL',
  '\\N',
  ',',
  '{a,b}',
  'spring:*',
  '!sam & | ()',
  '.*+?[]{}^$',
  ' ',
  '',
  'x'.repeat(201),
  'Person:alice-example',
  'Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example',
  'Source:tiny',
  '2024-03',
];

/** Each operation takes one string `$s`; together they reach every string the store is handed. */
const OPERATIONS: Record<string, string> = {
  nameEquals: 'query ($s: String!) { people(filter: { name: { equals: $s } }) { totalCount nodes { id } } }',
  nameIn: 'query ($s: String!) { people(filter: { name: { in: [$s, "alice example"] } }) { totalCount nodes { id } } }',
  nameContains: 'query ($s: String!) { entities: people(filter: { OR: [{ name: { contains: $s } }, { NOT: { name: { startsWith: $s } } }] }) { totalCount nodes { id } } }',
  code: 'query ($s: String!) { countries(filter: { code: { equals: $s }, OR: [{ code: { contains: $s } }, { code: { startsWith: $s } }] }) { totalCount nodes { id } } }',
  title: 'query ($s: String!) { sources(filter: { title: { contains: $s } }) { totalCount nodes { id } } }',
  capacity: 'query ($s: String!) { agreements(filter: { signatories: { some: { capacity: { contains: $s } }, none: { capacity: { equals: $s } } } }) { totalCount nodes { id } } }',
  ids: 'query ($s: ID!) { people(filter: { id: { equals: $s }, OR: [{ id: { in: [$s] } }] }) { totalCount } node(id: $s) { id } nodes(ids: [$s, "Person:bob-sample"]) { id } }',
  byName: 'query ($s: String!) { entitiesByName(name: $s) { id } }',
  search: 'query ($s: String!) { search(query: $s, first: 5) { totalCount nodes { score field snippet { text highlights { start end } } node { id } } } }',
  evidence: 'query ($s: ID!) { evidenceIn(source: $s, start: 0, end: 200) { subject { id } kind } }',
  traversal: 'query ($s: ID!) { neighborhood(id: $s) { nodes { entity { id } } } paths(from: $s, to: "Person:alice-example") { length } }',
  cursor: 'query ($s: String!) { people(after: $s) { totalCount nodes { id } } }',
  dates: 'query ($s: String!) { events(filter: { startsOn: { within: $s } }) { totalCount } timeline(from: $s) { totalCount } }',
};

let memory: TestGraph;
let postgres: TestGraph;
beforeAll(async () => {
  memory = await graphOn(TINY_SEED);
  const store = await openTestStore('tiny');
  postgres = await graphOn(TINY_SEED, () => store);
});

describe('hostile strings through every string the PostgreSQL store is handed', () => {
  it.each(Object.entries(OPERATIONS))('%s: answers every hostile string exactly as the memory store does', async (_name, operation) => {
    for (const s of HOSTILE) {
      const expected = await memory.run(operation, { s });
      expect({ s, answer: await postgres.run(operation, { s }) }).toEqual({ s, answer: expected });
    }
  });

  it('answers cursors made by hand with hostile keys, of the right list or not, exactly as the memory store does', async () => {
    // One list per operation: a refusal in one field would hide the other's answer.
    const people = 'query ($after: String!) { people(first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage } } }';
    const countries = 'query ($after: String!) { countries(orderBy: [{ field: DEGREE }], after: $after) { totalCount nodes { id } } }';
    const timeline = 'query ($after: String!) { timeline(after: $after) { totalCount nodes { label } } }';
    const events = 'query ($after: String!) { events(orderBy: [{ field: STARTS_ON, direction: DESC }], after: $after) { totalCount nodes { id } } }';
    const signatories = 'query ($after: String!) { node(id: "Agreement:springfield-accord") { ... on Agreement { signatories(after: $after) { totalCount } } } }';
    for (const s of HOSTILE) {
      const cursors: Array<[string, string]> = [
        [people, encodeCursor('Person', [s, s])],
        [people, encodeCursor('Person', [s, 'Person:bob-sample'])],
        [people, encodeCursor('Person', [1, s])],
        [countries, encodeCursor('Country DEGREE', [2, s, s])],
        [countries, encodeCursor('Country DEGREE', [s, s, s])],
        [timeline, encodeCursor('timeline', [s, 0, s, 0, s])],
        [events, encodeCursor('Event STARTS_ON-', [s, s, s])],
        [events, encodeCursor('Event STARTS_ON-', [null, s, s])],
        [signatories, encodeCursor('Agreement.signatories', [0, s])],
      ];
      for (const [operation, after] of cursors) {
        const expected = await memory.run(operation, { after });
        expect({ s, after, answer: await postgres.run(operation, { after }) }).toEqual({ s, after, answer: expected });
      }
    }
  });

  it('refuses a cursor made by hand in a page read ahead only where the query asks for that page, as the memory store does', async () => {
    // A cursor of the relationship lists, but with keys of the wrong kinds: refused when asked for.
    const forged = encodeCursor('relationships', ['x', 'y']);
    const inner = '... on Entity { relations(first: 1, after: $c) { totalCount } }';
    const lookups = {
      // The page under @skip is never asked for; reading it ahead must fail nothing.
      skipped: `query ($c: String) { node(id: "Agreement:springfield-accord") { id ... on Entity { name relations(first: 3) { totalCount edges { other { id relations(first: 1, after: $c) @skip(if: true) { totalCount } } } } } } }`,
      // Asked only of the other ends that are organizations: the people who signed are none.
      otherType: `query ($c: String) { node(id: "Agreement:springfield-accord") { id ... on Entity { relations(types: [SIGNED]) { totalCount edges { other { id ... on Organization { relations(after: $c) { totalCount } } } } } } } }`,
      // Asked of every other end: refused there, at that field's path (null then goes up to the
      // nearest field that may be null, as GraphQL says), not at the node's.
      asked: `query ($c: String) { node(id: "Agreement:springfield-accord") { id ... on Entity { relations(first: 3) { totalCount edges { other { id ${inner} } } } } } }`,
      // The node's own page, read with it: refused at that field's path.
      node: `query ($c: String) { node(id: "Person:bob-sample") { id ${inner} } }`,
    };
    const answers: Record<string, { data?: unknown; errors?: any[] }> = {};
    for (const [name, operation] of Object.entries(lookups)) {
      const expected = await memory.run(operation, { c: forged });
      answers[name] = await postgres.run(operation, { c: forged });
      expect({ name, answer: answers[name] }).toEqual({ name, answer: expected });
    }
    expect(answers.skipped!.errors).toBeUndefined();
    expect(answers.otherType!.errors).toBeUndefined();
    expect(answers.asked!.errors?.[0]?.path).toEqual(['node', 'relations', 'edges', 0, 'other', 'relations']);
    expect(answers.node!.errors?.[0]?.path).toEqual(['node', 'relations']);
  });
});
