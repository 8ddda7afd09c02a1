import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const organizations = relationConnectionResolvers('Organization');

export const organizationResolvers = {
  Query: {
    organizations: (_root, args, ctx) => listEntities(ctx, 'Organization', args),
  },
  Organization: {
    ...entityFields,
    ...relationFieldsOf('Organization'),
  },
  OrganizationConnection: entityConnectionFields,
  OrganizationRelationConnection: organizations.connection,
  OrganizationRelationEdge: organizations.edge,
} satisfies Resolvers;
