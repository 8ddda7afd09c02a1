import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentencesAround } from '../../src/modules/evidence/evidence-context.js';
import { graphOn, TINY_SEED, TINY_TEXT, type TestGraph } from '../helpers.js';

const COUNTERPART = `{
  node(id: "Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example") {
    ... on Relationship { evidence { quote start end context { before quote after start end } } }
  }
}`;

describe('evidence in context', () => {
  let texts: string;
  let withText: TestGraph;
  let withoutText: TestGraph;
  beforeAll(async () => {
    // The server reads texts named by their source's slug.
    texts = await mkdtemp(join(tmpdir(), 'entente-texts-'));
    await copyFile(TINY_TEXT, join(texts, 'tiny.txt'));
    withText = await graphOn(TINY_SEED, undefined, undefined, texts);
    withoutText = await graphOn(TINY_SEED);
  });
  afterAll(() => rm(texts, { recursive: true, force: true }));

  it('gives the sentence that holds a quote, split around it, when the server holds the source text', async () => {
    expect(await withText.data(COUNTERPART)).toEqual({
      node: {
        evidence: [
          {
            quote: 'her Sylvanian counterpart Bob Sample',
            start: 112,
            end: 148,
            context: {
              before: 'In Springfield on Saturday, Freedonian Energy Minister Alice Example and ',
              quote: 'her Sylvanian counterpart Bob Sample',
              after: ' signed the Springfield Accord.',
              start: 39,
              end: 179,
            },
          },
        ],
      },
    });
  });

  it('gives null for the context when the server does not hold the source text', async () => {
    expect((await withoutText.data(COUNTERPART)).node.evidence[0].context).toBeNull();
  });

  it('takes a headline as a sentence of its own and every sentence a quote spans', () => {
    const text = 'A headline\n\nFirst one. The quote starts here. And ends here. Last one.';
    expect(sentencesAround(text, 0, 10)).toEqual({ before: '', quote: 'A headline', after: '', start: 0, end: 10 });
    const start = text.indexOf('starts');
    const end = text.indexOf('ends') + 4;
    expect(sentencesAround(text, start, end)).toEqual({ before: 'The quote ', quote: 'starts here. And ends', after: ' here.', start: start - 10, end: end + 6 });
  });

  it('keeps at most 400 characters either side, cut at a space', () => {
    const long = `${'word '.repeat(200)}QUOTE${' word'.repeat(200)}.`;
    const start = long.indexOf('QUOTE');
    const context = sentencesAround(long, start, start + 5);
    expect(context.before.length).toBeLessThanOrEqual(400);
    expect(context.after.length).toBeLessThanOrEqual(400);
    expect(context.before).toMatch(/^word .* $/);
    expect(context.after).toMatch(/^ word .* word$/);
    expect(long.slice(context.start, context.end)).toBe(context.before + 'QUOTE' + context.after);
  });
});
