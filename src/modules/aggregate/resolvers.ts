import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionNodes } from '../graph/entity-connection.js';
import { loadEntity } from '../graph/graph.js';
import { countAllGroups, listGroups } from './group-counts.js';

export const aggregateResolvers = {
  Query: {
    groups: (_root, args, ctx) => listGroups(ctx, args.entityType, args.by, args),
    groupCounts: (_root, args, ctx) => countAllGroups(ctx, args.entityType, args.by),
  },
  GroupCountConnection: {
    nodes: connectionNodes,
  },
  GroupCount: {
    entity: (group, _args, ctx) => (group.entityId ? loadEntity(ctx, group.entityId) : null),
  },
} satisfies Resolvers;
