import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionNodes } from '../graph/entity-connection.js';
import { findMentions } from './mentions.js';

export const mentionResolvers = {
  Query: {
    mentionsIn: (_root, args, ctx) => findMentions(ctx, args),
  },
  MentionConnection: {
    nodes: connectionNodes,
  },
} satisfies Resolvers;
