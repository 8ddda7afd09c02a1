import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const events = relationConnectionResolvers('Event');

export const eventResolvers = {
  Query: {
    events: (_root, args, ctx) => listEntities(ctx, 'Event', args),
  },
  Event: {
    ...entityFields,
    ...relationFieldsOf('Event'),
  },
  EventConnection: entityConnectionFields,
  EventRelationConnection: events.connection,
  EventRelationEdge: events.edge,
  EventPlaceEdge: relationConnectionResolvers('Place').edge,
} satisfies Resolvers;
