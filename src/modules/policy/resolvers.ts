import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField } from '../graph/resolvers.js';

const policies = relationConnectionResolvers('Policy');

export const policyResolvers = {
  Query: {
    policies: (_root, args, ctx) => listEntities(ctx, 'Policy', args),
  },
  Policy: {
    ...entityFields,
    pursuedBy: relationField(['POLICY_OF'], 'OUTGOING'),
    respondedToBy: relationField(['RESPONDS_TO'], 'INCOMING'),
  },
  PolicyConnection: entityConnectionFields,
  PolicyRelationConnection: policies.connection,
  PolicyRelationEdge: policies.edge,
} satisfies Resolvers;
