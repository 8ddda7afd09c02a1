import type { Resolvers } from '../../generated/resolvers-types.js';
import { findFactsInSpan } from './evidence-in.js';
import { andThen } from '../../lib/maybe-promise.js';

export const evidenceResolvers = {
  Query: {
    evidenceIn: (_root, args, ctx) => findFactsInSpan(ctx, args.source, args.start, args.end, args.evidence),
  },
  Fact: {
    subject: (fact, _args, ctx) =>
      andThen(ctx.loaders.loadNode(fact.subjectId), (node) => {
        if (!node) throw new Error(`Graph invariant broken: fact subject ${fact.subjectId} is not in the store`);
        return node;
      }),
  },
} satisfies Resolvers;
