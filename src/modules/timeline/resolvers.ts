import type { Resolvers } from '../../generated/resolvers-types.js';
import { listTimeline } from './timeline.js';

export const timelineResolvers = {
  Query: {
    timeline: (_root, args, ctx) => listTimeline(ctx, args),
  },
  TimelineConnection: {
    nodes: (connection) => connection.edges.map((edge) => edge.node),
  },
} satisfies Resolvers;
