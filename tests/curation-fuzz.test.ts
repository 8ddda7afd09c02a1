import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATIONSHIP_TYPES } from '../src/store/models.js';
import { TINY_TEXT } from './helpers.js';
import { KEYS, livingGraph, STORES, type LivingGraph } from './curation/living.js';

/**
 * Hostile and random input to every mutation, through real HTTP as an admin: whatever is sent, the
 * answer is under 500, JSON, with no internal error and no stack, and the journal either gains
 * exactly one entry (the mutation succeeded) or none (it said why). `FUZZ_RUNS` runs more cases.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const TEXT = readFileSync(TINY_TEXT, 'utf8');
const LIMITS = { maxSourceLength: 2000, maxBatchSize: 5 };

const IDS = ['Person:alice-example', 'Person:bob-sample', 'Agreement:springfield-accord', 'Topic:robotics', 'Country:freedonia', 'Source:tiny', 'Person:nobody', 'Relationship:Person:bob-sample>SIGNED>Agreement:springfield-accord', 'not an id', ''];
const id = fc.oneof(fc.constantFrom(...IDS), fc.string({ maxLength: 30 }));
const quoteAt = fc.tuple(fc.nat({ max: TEXT.length + 20 }), fc.nat({ max: 40 })).map(([start, length]) => ({ start, end: start + length, quote: TEXT.slice(start, start + length) }));
const evidence = fc.record(
  {
    source: fc.oneof(fc.constant('Source:tiny'), id),
    span: fc.oneof(quoteAt, fc.record({ start: fc.integer({ min: -5, max: 5000 }), end: fc.integer({ min: -5, max: 5000 }), quote: fc.string({ maxLength: 20 }) })),
    method: fc.constantFrom('EXTRACTED', 'INFERRED', 'EDITORIAL', 'EXTERNAL'),
    reason: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    reference: fc.option(fc.constantFrom('https://example.org/x', 'not a url'), { nil: undefined }),
    modality: fc.constantFrom('STATED', 'PLANNED', 'REPORTED_SPEECH'),
    speaker: fc.option(id, { nil: undefined }),
  },
  { requiredKeys: ['source', 'span'] },
).map(({ span, ...rest }) => ({ ...rest, ...span }));
const evidenceList = fc.array(evidence, { maxLength: 3 });

const mutation = fc.oneof(
  fc.record({ entities: fc.array(fc.record({ type: fc.constantFrom('PERSON', 'TOPIC', 'COUNTRY', 'EVENT', 'SOURCE'), slug: fc.oneof(fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,4})?$/), fc.string({ maxLength: 10 })), name: fc.string({ maxLength: 20 }), mentions: evidenceList, attributes: fc.array(fc.record({ name: fc.constantFrom('kind', 'code', 'status', 'startsOn', 'nosuch'), value: fc.string({ maxLength: 12 }), evidence: fc.option(evidenceList, { nil: undefined }) }), { maxLength: 2 }) }), { maxLength: 7 }) }).map((input) => ({
    query: 'mutation($input: AddEntitiesInput!) { addEntities(input: $input) { entities { id } change { sequence } userErrors { path message code } } }',
    input,
  })),
  fc.record({ relationships: fc.array(fc.record({ type: fc.constantFrom(...RELATIONSHIP_TYPES), from: id, to: id, note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), ordinal: fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }), evidence: evidenceList }), { maxLength: 7 }) }).map((input) => ({
    query: 'mutation($input: AddFactsInput!) { addFacts(input: $input) { relationships { id } change { sequence } userErrors { path message code } } }',
    input,
  })),
  fc.record({ fact: id, attribute: fc.option(fc.constantFrom('kind', 'code', 'nosuch', 'name'), { nil: undefined }), evidence: evidenceList }).map((input) => ({
    query: 'mutation($input: CorroborateInput!) { corroborate(input: $input) { fact { id } change { sequence } userErrors { path message code } } }',
    input,
  })),
  fc.record({ fact: id, attribute: fc.option(fc.constantFrom('kind', 'code', 'status', 'name', 'nosuch'), { nil: undefined }), reason: fc.string({ maxLength: 10 }) }).map((input) => ({
    query: 'mutation($input: RetractFactInput!) { retractFact(input: $input) { retractedId change { sequence } userErrors { path message code } } }',
    input,
  })),
  fc.record({ survivor: id, merged: id, reason: fc.string({ maxLength: 10 }) }).map((input) => ({
    query: 'mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { survivor { id } change { sequence } userErrors { path message code } } }',
    input,
  })),
  fc.record({ slug: fc.string({ maxLength: 12 }), text: fc.string({ maxLength: 2100 }), title: fc.string({ maxLength: 10 }), language: fc.constantFrom('EN', 'DE', 'FR'), publishedOn: fc.record({ value: fc.string({ maxLength: 10 }), evidence: evidenceList }) }).map((input) => ({
    query: 'mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } change { sequence } userErrors { path message code } } }',
    input,
  })),
);

describe.each(STORES)('random and hostile mutations on the %s store', (store) => {
  let graph: LivingGraph;
  beforeAll(async () => {
    graph = await livingGraph({ store, limits: LIMITS });
  });
  afterAll(() => graph.close());

  it(
    'never answer 5xx, an internal error or a stack, and change the journal by one entry or not at all',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutation, async ({ query, input }) => {
          const before = await graph.store.head();
          const versionBefore = graph.store.version;
          const response = await fetch(`${graph.http.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.admin}` },
            body: JSON.stringify({ query, variables: { input } }),
          });
          const text = await response.text();
          expect(response.status, text.slice(0, 500)).toBeLessThan(500);
          expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
          const body = JSON.parse(text);
          for (const error of body.errors ?? []) expect(error.extensions?.code, JSON.stringify(error)).not.toBe('INTERNAL_SERVER_ERROR');
          const payload = body.data ? (Object.values(body.data)[0] as { change: { sequence: number } | null; userErrors: unknown[] } | null) : null;
          const after = await graph.store.head();
          if (payload?.change) {
            expect(payload.userErrors).toEqual([]);
            expect(after).toBe(before + 1);
            expect(payload.change.sequence).toBe(after);
          } else {
            // Refused whole: nothing journaled, nothing served differently.
            expect(after).toBe(before);
            expect(graph.store.version).toBe(versionBefore);
          }
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 1000),
  );

  it('refuses an oversized source text and an oversized batch, naming the limit', async () => {
    const tooLong = await graph.post(
      'mutation($t: String!) { addSource(input: { slug: "long", text: $t, title: "x", language: EN, publishedOn: { value: "2024", evidence: [] } }) { change { sequence } } }',
      { t: 'x'.repeat(2001) },
      KEYS.curator,
    );
    expect(tooLong.body.errors).toEqual([
      {
        message: 'The source text is 2001 characters long, over the limit of 2000; split the source or raise MAX_SOURCE_LENGTH.',
        locations: [{ line: 1, column: 25 }],
        path: ['addSource'],
        extensions: { code: 'SOURCE_TOO_LARGE', limit: 2000, found: 2001 },
      },
    ]);
    const entities = Array.from({ length: 6 }, (_, i) => ({ type: 'TOPIC', slug: `t${i}`, name: `T${i}`, mentions: [] }));
    const tooMany = await graph.post('mutation($e: [EntityInput!]!) { addEntities(input: { entities: $e }) { change { sequence } } }', { e: entities }, KEYS.curator);
    expect(tooMany.body.errors).toEqual([
      {
        message: 'The batch holds 6 entities, over the limit of 5 in one mutation; send it in smaller batches.',
        locations: [{ line: 1, column: 33 }],
        path: ['addEntities'],
        extensions: { code: 'BATCH_TOO_LARGE', limit: 5, found: 6 },
      },
    ]);
  });
});
