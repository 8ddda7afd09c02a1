import type { Resolvers } from '../../generated/resolvers-types.js';
import { findFactsInSpan } from './evidence-in.js';

export const evidenceResolvers = {
  Query: {
    evidenceIn: (_root, args, ctx) => findFactsInSpan(ctx, args.source, args.start, args.end),
  },
  Fact: {
    subject: async (fact, _args, ctx) => {
      const node = await ctx.loaders.node.load(fact.subjectId);
      if (!node) throw new Error(`Graph invariant broken: fact subject ${fact.subjectId} is not in the store`);
      return node;
    },
  },
} satisfies Resolvers;
