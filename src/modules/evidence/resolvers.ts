import type { Resolvers } from '../../generated/resolvers-types.js';
import { findFactsInSpan, listFactsInSpan } from './evidence-in.js';
import { andThen } from '../../lib/maybe-promise.js';
import { connectionNodes } from '../graph/entity-connection.js';

export const evidenceResolvers = {
  Query: {
    factsIn: (_root, args, ctx) => listFactsInSpan(ctx, args.source, args.start, args.end, args, args.evidence),
    evidenceIn: (_root, args, ctx) => findFactsInSpan(ctx, args.source, args.start, args.end, args.evidence),
  },
  FactConnection: {
    nodes: connectionNodes,
  },
  Fact: {
    subject: (fact, _args, ctx) =>
      andThen(ctx.loaders.loadNode(fact.subjectId), (node) => {
        if (!node) throw new Error(`Graph invariant broken: fact subject ${fact.subjectId} is not in the store`);
        return node;
      }),
  },
} satisfies Resolvers;
