import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const topics = relationConnectionResolvers('Topic');

export const topicResolvers = {
  Query: {
    topics: (_root, args, ctx) => listEntities(ctx, 'Topic', args),
  },
  Topic: {
    ...entityFields,
    ...relationFieldsOf('Topic'),
  },
  TopicConnection: entityConnectionFields,
  TopicRelationConnection: topics.connection,
  TopicRelationEdge: topics.edge,
} satisfies Resolvers;
