import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';
import { signatureFields } from '../person/resolvers.js';

const agreements = relationConnectionResolvers('Agreement');
const people = relationConnectionResolvers('Person');

export const agreementResolvers = {
  Query: {
    agreements: (_root, args, ctx) => listEntities(ctx, 'Agreement', args),
  },
  Agreement: {
    ...entityFields,
    ...relationFieldsOf('Agreement'),
  },
  AgreementConnection: entityConnectionFields,
  AgreementRelationConnection: agreements.connection,
  AgreementRelationEdge: agreements.edge,
  AgreementEventEdge: relationConnectionResolvers('Event').edge,
  SignatoryConnection: people.connection,
  SignatoryEdge: { ...people.edge, ...signatureFields },
} satisfies Resolvers;
