import type { Resolvers } from '../../generated/resolvers-types.js';
import type { RelationEdgeModel } from '../../store/models.js';
import type { Context } from '../../context.js';
import { listEntities, loadEntity } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const people = relationConnectionResolvers('Person');
const agreements = relationConnectionResolvers('Agreement');

/** The properties of a signature, shared by both views of a SIGNED relationship. */
export const signatureFields = {
  onBehalfOf: (edge: RelationEdgeModel, _args: unknown, ctx: Context) =>
    edge.edge.onBehalfOfId ? loadEntity(ctx, edge.edge.onBehalfOfId, 'Country') : null,
  capacity: (edge: RelationEdgeModel) => edge.edge.capacity,
};

export const personResolvers = {
  Query: {
    people: (_root, args, ctx) => listEntities(ctx, 'Person', args),
  },
  Person: {
    ...entityFields,
    ...relationFieldsOf('Person'),
  },
  PersonConnection: entityConnectionFields,
  PersonRelationConnection: people.connection,
  PersonRelationEdge: people.edge,
  SignedAgreementConnection: agreements.connection,
  SignedAgreementEdge: { ...agreements.edge, ...signatureFields },
} satisfies Resolvers;
