import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const policies = relationConnectionResolvers('Policy');

export const policyResolvers = {
  Query: {
    policies: (_root, args, ctx) => listEntities(ctx, 'Policy', args),
  },
  Policy: {
    ...entityFields,
    ...relationFieldsOf('Policy'),
  },
  PolicyConnection: entityConnectionFields,
  PolicyRelationConnection: policies.connection,
  PolicyRelationEdge: policies.edge,
} satisfies Resolvers;
