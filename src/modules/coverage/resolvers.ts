import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { SentenceStatus, SourceCoverageModel, SourceModel } from '../../store/models.js';
import { everyFactInSpan } from '../evidence/evidence-in.js';
import { accountForSentences } from './coverage.js';

/** A source's coverage from the spans its record holds and the facts the store has from it; null without spans. */
async function coverageOf(source: SourceModel, ctx: Context): Promise<SourceCoverageModel | null> {
  if (source.sentences.length === 0) return null;
  return accountForSentences(source, await everyFactInSpan(ctx.store, source.id, 0, source.length, ctx.work));
}

export const coverageResolvers = {
  Source: {
    coverage: (source, _args, ctx) => coverageOf(source, ctx),
  },
  SourceCoverage: {
    sentenceCount: (coverage) => coverage.sentences.length,
    coveredCount: (coverage) => coverage.counts.COVERED,
    notModelledCount: (coverage) => coverage.counts.NOT_MODELLED,
    unexplainedCount: (coverage) => coverage.counts.UNEXPLAINED,
    staleCount: (coverage) => coverage.counts.STALE,
    sentences: (coverage, args) => (args.status ? coverage.sentences.filter((sentence) => (args.status as readonly SentenceStatus[]).includes(sentence.status)) : coverage.sentences),
  },
} satisfies Resolvers;
