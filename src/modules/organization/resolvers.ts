import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField } from '../graph/resolvers.js';

const organizations = relationConnectionResolvers('Organization');

export const organizationResolvers = {
  Query: {
    organizations: (_root, args, ctx) => listEntities(ctx, 'Organization', args),
  },
  Organization: {
    ...entityFields,
    members: relationField(['MEMBER_OF'], 'INCOMING'),
    locatedIn: relationField(['LOCATED_IN'], 'OUTGOING'),
    policies: relationField(['POLICY_OF'], 'INCOMING'),
    publications: relationField(['PUBLISHED_BY'], 'INCOMING'),
  },
  OrganizationConnection: entityConnectionFields,
  OrganizationRelationConnection: organizations.connection,
  OrganizationRelationEdge: organizations.edge,
} satisfies Resolvers;
