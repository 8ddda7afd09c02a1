import type { Resolvers } from '../../generated/resolvers-types.js';
import { search } from './search.js';

export const searchResolvers = {
  Query: {
    search: (_root, args, ctx) => search(ctx, args),
  },
  SearchConnection: {
    nodes: (connection) => connection.edges.map((edge) => edge.node),
  },
  SearchHit: {
    node: async (hit, _args, ctx) => {
      const node = await ctx.loaders.node.load(hit.nodeId);
      if (!node) throw new Error(`Graph invariant broken: search hit ${hit.nodeId} is not in the store`);
      return node;
    },
  },
} satisfies Resolvers;
