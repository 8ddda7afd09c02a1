import type { FactModel, SentenceModel, SentenceStatus, SourceCoverageModel, SourceSpansModel, TextSpanModel } from '../../store/models.js';

/**
 * How completely the graph models a source, sentence by sentence: what `npm run coverage` prints
 * and `Source.coverage` answers. Pure functions: the callers bring the spans and the facts.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The sentences of a text as spans of UTF-16 code units, without the white space around them, by
 * Unicode's sentence boundary rules (UAX #29, as ICU implements them in Intl.Segmenter): a line
 * break ends a sentence, so headings, captions and boilerplate lines are sentences of their own,
 * and "4 min. read" is one. Stretches of white space alone are not sentences.
 */
export function splitSentences(text: string): TextSpanModel[] {
  const spans: TextSpanModel[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const leading = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed.length > 0) spans.push({ start: index + leading, end: index + leading + trimmed.length });
  }
  return spans;
}

/** Whether two lists of spans are the same spans in the same order. */
export function sameSpans(a: readonly TextSpanModel[], b: readonly TextSpanModel[]): boolean {
  return a.length === b.length && a.every((span, i) => span.start === b[i]!.start && span.end === b[i]!.end);
}

/**
 * Accounts for every sentence of a source: the facts whose evidence overlaps it (a quote that spans
 * two sentences counts for both), and the reason declared for leaving it out. A sentence is COVERED
 * with facts, NOT_MODELLED with a reason and no facts, UNEXPLAINED with neither, and STALE with
 * both: a declaration that has been overtaken by the graph.
 */
export function accountForSentences(spans: SourceSpansModel, facts: readonly FactModel[]): SourceCoverageModel {
  const sentences = spans.sentences;
  const factsOf: FactModel[][] = sentences.map(() => []);
  for (const fact of facts) {
    const { start, end } = fact.evidence;
    // The first sentence that ends after the evidence starts; sentences are in order and apart.
    let [low, high] = [0, sentences.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sentences[middle]!.end <= start) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sentences.length && sentences[i]!.start < end; i++) factsOf[i]!.push(fact);
  }
  const reasons = new Map(spans.notModelled.map((declared) => [declared.start, declared]));
  const counts: Record<SentenceStatus, number> = { COVERED: 0, NOT_MODELLED: 0, UNEXPLAINED: 0, STALE: 0 };
  const accounted = sentences.map((span, i): SentenceModel => {
    const declared = reasons.get(span.start);
    const reason = declared && declared.end === span.end ? declared.reason : null;
    const found = factsOf[i]!;
    const status: SentenceStatus = found.length > 0 ? (reason ? 'STALE' : 'COVERED') : reason ? 'NOT_MODELLED' : 'UNEXPLAINED';
    counts[status] += 1;
    return { start: span.start, end: span.end, status, facts: found, reason };
  });
  return { sentences: accounted, counts };
}
