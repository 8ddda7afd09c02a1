import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../src/lib/text.js';
import { countNameCandidates, MAX_NAME_WORDS, nameCandidates } from '../src/modules/mentions/mentions.js';
import { TINY_TEXT } from './helpers.js';
import { KEYS, livingGraph, tinyEvidence, type LivingGraph } from './curation/living.js';

const MENTIONS = `query Mentions($text: String!, $types: [EntityType!], $first: Int, $after: String) {
  mentionsIn(text: $text, types: $types, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { start end quote matchedName nameKind entity { id } }
  }
}`;

// An emoji first (two UTF-16 code units), names in other cases, with accents and hyphens, one inside another, and a country's code.
const TEXT = "🤝 In SPRINGFELD, Fréedonia's FREEDONIAN energy-minister Alice Example met the Springfield Accord's fans of Robotique (FM).";

const mention = (quote: string, matchedName: string, nameKind: string, id: string, from = 0) => {
  const start = TEXT.indexOf(quote, from);
  return { start, end: start + quote.length, quote, matchedName, nameKind, entity: { id } };
};

const EVERY_MENTION = [
  mention('SPRINGFELD', 'Springfeld', 'ALIAS', 'Place:springfield'),
  mention('Fréedonia', 'Freedonia', 'NAME', 'Country:freedonia'),
  mention('FREEDONIAN energy-minister', 'Freedonian Energy Minister', 'NAME', 'Office:freedonian-energy-minister'),
  mention('Alice Example', 'Alice Example', 'NAME', 'Person:alice-example'),
  mention('Example', 'Example', 'ALIAS', 'Person:alice-example'),
  mention('Springfield Accord', 'Springfield Accord', 'NAME', 'Agreement:springfield-accord'),
  mention('Springfield', 'Springfield', 'NAME', 'Place:springfield', 60),
  mention('Robotique', 'Robotique', 'LABEL', 'Topic:robotics'),
];

let graph: LivingGraph;
beforeAll(async () => {
  graph = await livingGraph({ limits: { maxSourceLength: 300, maxBatchSize: 50 } });
});
afterAll(() => graph.close());

describe('mentionsIn, through real HTTP', () => {
  it('finds every name, alias and label in the text with its offsets in UTF-16 code units, folded as entitiesByName folds, longer passage first where two start together', async () => {
    const response = await graph.post(MENTIONS, { text: TEXT, first: 100 });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ mentionsIn: { totalCount: 8, pageInfo: { hasNextPage: false, endCursor: 'WyJtZW50aW9uc0luIiw3XQ' }, nodes: EVERY_MENTION } });
    // The offsets are the ones evidence takes: each quote is the text between them.
    expect(EVERY_MENTION.map(({ start, end }) => TEXT.slice(start, end))).toEqual(EVERY_MENTION.map(({ quote }) => quote));
    expect(EVERY_MENTION[0]!.start).toBe(6);
  });

  it('names each entity as entitiesByName finds it, and never by a country code alone', async () => {
    const { body } = await graph.post('{ a: entitiesByName(name: "SPRINGFELD") { id } b: entitiesByName(name: "FM") { id } c: mentionsIn(text: "FM") { totalCount } }');
    expect(body.data).toEqual({ a: [{ id: 'Place:springfield' }], b: [{ id: 'Country:freedonia' }], c: { totalCount: 0 } });
  });

  it('keeps the kinds asked for', async () => {
    const { body } = await graph.post(MENTIONS, { text: TEXT, types: ['PLACE', 'TOPIC'] });
    expect(body.data.mentionsIn).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: 'WyJtZW50aW9uc0luIiwyXQ' },
      nodes: EVERY_MENTION.filter((m) => m.entity.id.startsWith('Place:') || m.entity.id.startsWith('Topic:')),
    });
  });

  it('pages with first and after, and a text without names has none', async () => {
    const first = await graph.post(MENTIONS, { text: TEXT, first: 5 });
    expect(first.body.data.mentionsIn).toEqual({ totalCount: 8, pageInfo: { hasNextPage: true, endCursor: 'WyJtZW50aW9uc0luIiw0XQ' }, nodes: EVERY_MENTION.slice(0, 5) });
    const next = await graph.post(MENTIONS, { text: TEXT, first: 5, after: first.body.data.mentionsIn.pageInfo.endCursor });
    expect(next.body.data.mentionsIn).toEqual({ totalCount: 8, pageInfo: { hasNextPage: false, endCursor: 'WyJtZW50aW9uc0luIiw3XQ' }, nodes: EVERY_MENTION.slice(5) });
    expect((await graph.post(MENTIONS, { text: '— 42 … nothing known here' })).body.data.mentionsIn).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  });

  it('is priced by the names it looks up: one unit per thousand, plus its page', async () => {
    // 1 for the field, 1 unit for two names looked up, and a page of 20 mentions of 5 fields and an entity with its id (8 each) under nodes (1).
    const small = await graph.post('query ($text: String!) { mentionsIn(text: $text) { nodes { start end quote matchedName nameKind entity { id } } } }', { text: 'Alice Example' });
    expect(small.body.extensions.cost).toEqual({ requested: 1 + 1 + 20 * (1 + 7), limit: 10_000, touched: expect.any(Number) });
    // 250 words: 239 runs of 12 words and 11 shorter ones, 2934 names in all, three units.
    const words = Array.from({ length: 250 }, () => 'x').join(' ');
    expect(countNameCandidates(words)).toBe(239 * 12 + (11 * 12) / 2);
    const long = await graph.post('query ($text: String!) { mentionsIn(text: $text) { nodes { start end quote matchedName nameKind entity { id } } } }', { text: words });
    expect(long.body.extensions.cost.requested).toBe(1 + 3 + 20 * (1 + 7));
  });

  it('refuses a text over MAX_SOURCE_LENGTH with the limit named, a page size out of range, and a cursor of another list', async () => {
    const long = await graph.post(MENTIONS, { text: 'Alice Example '.repeat(22) });
    expect(long.status).toBe(200);
    expect(long.body).toMatchObject({
      data: null,
      errors: [{ message: 'The text is 308 characters long, over the limit of 300; read it in parts or raise MAX_SOURCE_LENGTH.', path: ['mentionsIn'], extensions: { code: 'SOURCE_TOO_LARGE', limit: 300, found: 308, argument: 'text' } }],
    });
    const first = await graph.post(MENTIONS, { text: TEXT, first: 101 });
    expect(first.body.errors).toEqual([{ message: '"first" must be between 0 and 100; got 101.', locations: [{ line: 2, column: 3 }], path: ['mentionsIn'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } }]);
    const search = await graph.post('{ search(query: "accord", first: 1) { pageInfo { endCursor } } }');
    const after = await graph.post(MENTIONS, { text: TEXT, after: search.body.data.search.pageInfo.endCursor });
    expect(after.body.errors[0]).toMatchObject({ message: '"after" is a cursor of another list or ordering; pass a cursor from a page of this same list and order.', extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });

  it('refuses a text that is not a string, and an unknown kind, before anything runs', async () => {
    const notText = await graph.post(MENTIONS, { text: { words: 1 } });
    expect(notText.body).toEqual({
      errors: [{ message: 'Variable "$text" got invalid value { words: 1 }; String cannot represent a non string value: { words: 1 }', locations: [{ line: 1, column: 16 }], extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const kind = await graph.post(MENTIONS, { text: TEXT, types: ['PLANET'] });
    expect(kind.body).toEqual({
      errors: [
        {
          message: 'Variable "$types" got invalid value "PLANET" at "types[0]"; Value "PLANET" does not exist in "EntityType" enum. Did you mean the enum value "PLACE"?',
          locations: [{ line: 1, column: 32 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('finds a name the graph gained a moment ago', async () => {
    const added = await graph.post(
      'mutation ($mention: EvidenceInput!) { addEntities(input: { entities: [{ type: TOPIC, slug: "solar-power", name: "Solar power", mentions: [$mention] }] }) { change { sequence } userErrors { message } } }',
      { mention: tinyEvidence(readFileSync(TINY_TEXT, 'utf8'), 'energy efficiency') },
      KEYS.curator,
    );
    expect(added.body.data.addEntities).toEqual({ change: { sequence: 1 }, userErrors: [] });
    const { body } = await graph.post(MENTIONS, { text: 'Solar-Power for Sylvania' });
    expect(body.data.mentionsIn.nodes).toEqual([
      { start: 0, end: 11, quote: 'Solar-Power', matchedName: 'Solar power', nameKind: 'NAME', entity: { id: 'Topic:solar-power' } },
      { start: 16, end: 24, quote: 'Sylvania', matchedName: 'Sylvania', nameKind: 'NAME', entity: { id: 'Country:sylvania' } },
    ]);
  });
});

describe('name candidates', () => {
  const letters = fc.constantFrom('a', 'B', 'é', 'e\u0301', '\u0301', 'ß', 'Ö', '7', ' ', '-', "'", '.', '🤝', '\n', 'ﬁ');
  it('fold each passage of 1 to 12 words as foldText folds it, and count as many as the cost estimate says', () => {
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
        const candidates = nameCandidates(text);
        for (const { start, end, key } of candidates) {
          expect(key).toBe(foldText(text.slice(start, end)));
          expect(key.split(' ').length).toBeLessThanOrEqual(MAX_NAME_WORDS);
        }
        // A word of marks alone is a word to the count and none of a key, so the count is an upper bound.
        expect(countNameCandidates(text)).toBeGreaterThanOrEqual(candidates.length);
        if (!text.includes('\u0301')) expect(countNameCandidates(text)).toBe(candidates.length);
      }),
      { numRuns: 300 },
    );
  });
});
