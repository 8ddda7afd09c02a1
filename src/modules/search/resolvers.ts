import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionNodes } from '../graph/entity-connection.js';
import { search } from './search.js';

export const searchResolvers = {
  Query: {
    search: (_root, args, ctx) => search(ctx, args),
  },
  SearchConnection: {
    nodes: connectionNodes,
  },
  SearchHit: {
    node: async (hit, _args, ctx) => {
      const node = await ctx.loaders.node.load(hit.nodeId);
      if (!node) throw new Error(`Graph invariant broken: search hit ${hit.nodeId} is not in the store`);
      return node;
    },
  },
} satisfies Resolvers;
