import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField, singleRelationField } from '../graph/resolvers.js';

const events = relationConnectionResolvers('Event');

export const eventResolvers = {
  Query: {
    events: (_root, args, ctx) => listEntities(ctx, 'Event', args),
  },
  Event: {
    ...entityFields,
    heldAt: singleRelationField('HELD_AT', 'OUTGOING'),
    agreementsConcluded: relationField(['CONCLUDED_AT'], 'INCOMING'),
    attendees: relationField(['ATTENDED'], 'INCOMING'),
    participatingCountries: relationField(['PARTICIPATES_IN'], 'INCOMING'),
    milestoneOf: relationField(['MILESTONE_OF'], 'OUTGOING'),
  },
  EventConnection: entityConnectionFields,
  EventRelationConnection: events.connection,
  EventRelationEdge: events.edge,
  EventPlaceEdge: relationConnectionResolvers('Place').edge,
} satisfies Resolvers;
