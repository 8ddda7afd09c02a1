import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionNodes } from '../graph/entity-connection.js';
import { listTimeline } from './timeline.js';

export const timelineResolvers = {
  Query: {
    timeline: (_root, args, ctx) => listTimeline(ctx, args),
  },
  TimelineConnection: {
    nodes: connectionNodes,
  },
} satisfies Resolvers;
