import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const offices = relationConnectionResolvers('Office');

export const officeResolvers = {
  Query: {
    offices: (_root, args, ctx) => listEntities(ctx, 'Office', args),
  },
  Office: {
    ...entityFields,
    ...relationFieldsOf('Office'),
  },
  OfficeConnection: entityConnectionFields,
  OfficeRelationConnection: offices.connection,
  OfficeRelationEdge: offices.edge,
  OfficeCountryEdge: relationConnectionResolvers('Country').edge,
} satisfies Resolvers;
