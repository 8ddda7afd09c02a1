import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField } from '../graph/resolvers.js';

const topics = relationConnectionResolvers('Topic');

export const topicResolvers = {
  Query: {
    topics: (_root, args, ctx) => listEntities(ctx, 'Topic', args),
  },
  Topic: {
    ...entityFields,
    broader: relationField(['BROADER_THAN'], 'INCOMING'),
    narrower: relationField(['BROADER_THAN'], 'OUTGOING'),
    agreements: relationField(['COVERS'], 'INCOMING'),
    strengthOf: relationField(['HAS_STRENGTH_IN'], 'INCOMING'),
    discussedBy: relationField(['SPOKE_ABOUT'], 'INCOMING'),
    promotedBy: relationField(['PROMOTES'], 'INCOMING'),
  },
  TopicConnection: entityConnectionFields,
  TopicRelationConnection: topics.connection,
  TopicRelationEdge: topics.edge,
} satisfies Resolvers;
