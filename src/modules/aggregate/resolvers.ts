import type { Resolvers } from '../../generated/resolvers-types.js';
import { loadEntity } from '../graph/graph.js';
import { countGroups } from './group-counts.js';

export const aggregateResolvers = {
  Query: {
    groupCounts: (_root, args, ctx) => countGroups(ctx, args.entityType, args.by),
  },
  GroupCount: {
    entity: (group, _args, ctx) => (group.entityId ? loadEntity(ctx, group.entityId) : null),
  },
} satisfies Resolvers;
