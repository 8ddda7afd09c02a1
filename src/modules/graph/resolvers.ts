import { CountryCodeResolver, DateResolver, HexadecimalResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { isEdge } from '../../store/models.js';
import { isSymmetric } from '../../store/vocabulary.js';
import { relationConnectionFields, relationEdgeFields } from '../entities/fields.js';
import { findEntitiesByName, findNode, findNodes, loadEntity } from './graph.js';

const anyEntity = { connection: relationConnectionFields(), edge: relationEdgeFields() };

export const graphResolvers = {
  Date: DateResolver,
  CountryCode: CountryCodeResolver,
  URL: URLResolver,
  NonNegativeInt: NonNegativeIntResolver,
  Hexadecimal: HexadecimalResolver,

  Query: {
    node: (_root, args, ctx) => findNode(ctx, args.id),
    nodes: (_root, args, ctx) => findNodes(ctx, args.ids),
    entitiesByName: (_root, args, ctx) => findEntitiesByName(ctx, args.name, args.types),
  },
  Node: {
    __resolveType: (node) => (isEdge(node) ? 'Relationship' : node.type),
  },
  Entity: {
    __resolveType: (entity) => entity.type,
  },
  Evidence: {
    source: (evidence, _args, ctx) => loadEntity(ctx, evidence.sourceId, 'Source'),
    speaker: (evidence, _args, ctx) => (evidence.speakerId ? loadEntity(ctx, evidence.speakerId, 'Person') : null),
  },
  Relationship: {
    from: (edge, _args, ctx) => loadEntity(ctx, edge.fromId),
    to: (edge, _args, ctx) => loadEntity(ctx, edge.toId),
    onBehalfOf: (edge, _args, ctx) => (edge.onBehalfOfId ? loadEntity(ctx, edge.onBehalfOfId, 'Country') : null),
    isSymmetric: (edge) => isSymmetric(edge.type),
  },
  RelationConnection: {
    nodes: (connection) => connection.edges.map((edge) => edge.edge),
  },
  RelationEdge: {
    node: (edge) => edge.edge,
    other: (edge, _args, ctx) => loadEntity(ctx, edge.otherId),
  },
  EntityRelationConnection: anyEntity.connection,
  EntityRelationEdge: anyEntity.edge,
} satisfies Resolvers;
