import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField } from '../graph/resolvers.js';

const places = relationConnectionResolvers('Place');

export const placeResolvers = {
  Query: {
    places: (_root, args, ctx) => listEntities(ctx, 'Place', args),
  },
  Place: {
    ...entityFields,
    locatedIn: relationField(['LOCATED_IN'], 'OUTGOING'),
    capitalOf: relationField(['CAPITAL_OF'], 'OUTGOING'),
    contains: relationField(['LOCATED_IN'], 'INCOMING'),
    events: relationField(['HELD_AT'], 'INCOMING'),
    targetedBy: relationField(['TARGETS_MARKET'], 'INCOMING'),
  },
  PlaceConnection: entityConnectionFields,
  PlaceRelationConnection: places.connection,
  PlaceRelationEdge: places.edge,
} satisfies Resolvers;
