import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const places = relationConnectionResolvers('Place');

export const placeResolvers = {
  Query: {
    places: (_root, args, ctx) => listEntities(ctx, 'Place', args),
  },
  Place: {
    ...entityFields,
    ...relationFieldsOf('Place'),
  },
  PlaceConnection: entityConnectionFields,
  PlaceRelationConnection: places.connection,
  PlaceRelationEdge: places.edge,
} satisfies Resolvers;
