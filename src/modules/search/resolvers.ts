import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionNodes } from '../graph/entity-connection.js';
import { search } from './search.js';
import { andThen } from '../../lib/maybe-promise.js';

export const searchResolvers = {
  Query: {
    search: (_root, args, ctx) => search(ctx, args),
  },
  SearchConnection: {
    nodes: connectionNodes,
  },
  SearchHit: {
    node: (hit, _args, ctx) =>
      andThen(ctx.loaders.loadNode(hit.nodeId), (node) => {
        if (!node) throw new Error(`Graph invariant broken: search hit ${hit.nodeId} is not in the store`);
        return node;
      }),
  },
} satisfies Resolvers;
