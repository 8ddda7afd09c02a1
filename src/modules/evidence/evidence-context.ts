import type { Context } from '../../context.js';
import type { EvidenceModel } from '../../store/models.js';

/** The sentences around a span of a source, split around the span's quote. */
export interface EvidenceContextModel {
  before: string;
  quote: string;
  after: string;
  start: number;
  end: number;
}

// Sentence boundaries by text: a source's text is segmented once, then every span is a binary search.
const boundariesByText = new Map<string, Uint32Array>();
const MAX_CACHED_TEXTS = 64;
/** The most characters of context on either side of a quote; a longer side is cut at a space. */
export const MAX_CONTEXT_SIDE = 400;

/**
 * Where each sentence of a text starts, and the text's length last, by Unicode's sentence rules
 * (UAX #29, as Intl.Segmenter applies them): a line break ends a sentence, so a headline is one.
 */
function sentenceBoundaries(text: string): Uint32Array {
  let boundaries = boundariesByText.get(text);
  if (!boundaries) {
    const starts = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)].map((segment) => segment.index);
    boundaries = Uint32Array.from([...starts, text.length]);
    if (boundariesByText.size >= MAX_CACHED_TEXTS) boundariesByText.clear();
    boundariesByText.set(text, boundaries);
  }
  return boundaries;
}

/** The index of the last boundary at or before `offset`. */
function boundaryAtOrBefore(boundaries: Uint32Array, offset: number): number {
  let low = 0;
  let high = boundaries.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (boundaries[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The sentences of `text` that [start, end) touches, split into the words before the span, the
 * span and the words after it; surrounding white space is left out.
 */
export function sentencesAround(text: string, start: number, end: number): EvidenceContextModel {
  const boundaries = sentenceBoundaries(text);
  const first = boundaries[boundaryAtOrBefore(boundaries, start)]!;
  const last = boundaries[Math.min(boundaryAtOrBefore(boundaries, Math.max(start, end - 1)) + 1, boundaries.length - 1)]!;
  let before = text.slice(first, start).trimStart();
  let after = text.slice(end, last).trimEnd();
  // A paragraph with no sentence break would bring all of itself: keep the words nearest the quote.
  if (before.length > MAX_CONTEXT_SIDE) before = before.slice(before.indexOf(' ', before.length - MAX_CONTEXT_SIDE) + 1);
  if (after.length > MAX_CONTEXT_SIDE) after = after.slice(0, Math.max(0, after.lastIndexOf(' ', MAX_CONTEXT_SIDE)));
  return { before, quote: text.slice(start, end), after, start: start - before.length, end: end + after.length };
}

/** The sentences around a piece of evidence, or null when the store does not hold its source's text. */
export async function findEvidenceContext(ctx: Context, evidence: EvidenceModel): Promise<EvidenceContextModel | null> {
  const text = await ctx.loaders.sourceText.load(evidence.sourceId);
  if (text === null || evidence.end > text.length) return null;
  return sentencesAround(text, evidence.start, evidence.end);
}
