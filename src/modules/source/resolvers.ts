import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const sources = relationConnectionResolvers('Source');

export const sourceResolvers = {
  Query: {
    sources: (_root, args, ctx) => listEntities(ctx, 'Source', args),
  },
  Source: {
    ...entityFields,
    ...relationFieldsOf('Source'),
  },
  SourceConnection: entityConnectionFields,
  SourceRelationConnection: sources.connection,
  SourceRelationEdge: sources.edge,
  SourcePublisherEdge: relationConnectionResolvers('Organization').edge,
} satisfies Resolvers;
