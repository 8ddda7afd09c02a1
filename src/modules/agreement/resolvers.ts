import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField, singleRelationField } from '../graph/resolvers.js';
import { signatureFields } from '../person/resolvers.js';

const agreements = relationConnectionResolvers('Agreement');
const people = relationConnectionResolvers('Person');

export const agreementResolvers = {
  Query: {
    agreements: (_root, args, ctx) => listEntities(ctx, 'Agreement', args),
  },
  Agreement: {
    ...entityFields,
    concludedAt: singleRelationField('CONCLUDED_AT', 'OUTGOING'),
    signatories: relationField(['SIGNED'], 'INCOMING'),
    parties: relationField(['PARTY_TO'], 'INCOMING'),
    topics: relationField(['COVERS'], 'OUTGOING'),
    milestoneOf: relationField(['MILESTONE_OF'], 'OUTGOING'),
    milestones: relationField(['MILESTONE_OF'], 'INCOMING'),
    independenceFrom: relationField(['SEEKS_INDEPENDENCE_FROM'], 'OUTGOING'),
    promotes: relationField(['PROMOTES'], 'OUTGOING'),
    respondsTo: relationField(['RESPONDS_TO'], 'OUTGOING'),
  },
  AgreementConnection: entityConnectionFields,
  AgreementRelationConnection: agreements.connection,
  AgreementRelationEdge: agreements.edge,
  AgreementEventEdge: relationConnectionResolvers('Event').edge,
  SignatoryConnection: people.connection,
  SignatoryEdge: { ...people.edge, ...signatureFields },
} satisfies Resolvers;
