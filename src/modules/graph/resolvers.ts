import { CountryCodeResolver, DateResolver, HexadecimalResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { isRelationship } from '../../store/models.js';
import { isSymmetric } from '../../store/vocabulary.js';
import { relationConnectionFields, relationEdgeFields } from '../entities/fields.js';
import { findEvidenceContext } from '../evidence/evidence-context.js';
import { findEntitiesByName, findNode, findNodes, loadEntity, otherEnd } from './graph.js';
import { atTime } from '../../curation/as-of.js';

const anyEntity = { connection: relationConnectionFields(), edge: relationEdgeFields() };

export const graphResolvers = {
  Date: DateResolver,
  CountryCode: CountryCodeResolver,
  URL: URLResolver,
  NonNegativeInt: NonNegativeIntResolver,
  Hexadecimal: HexadecimalResolver,

  Query: {
    node: (_root, args, ctx, info) => (args.asOf ? atTime(ctx, info, args.asOf, (at) => findNode(at, args.id)) : findNode(ctx, args.id, info)),
    nodes: (_root, args, ctx, info) => (args.asOf ? atTime(ctx, info, args.asOf, (at) => findNodes(at, args.ids)) : findNodes(ctx, args.ids)),
    entitiesByName: (_root, args, ctx, info) =>
      args.asOf ? atTime(ctx, info, args.asOf, (at) => findEntitiesByName(at, args.name, args.types)) : findEntitiesByName(ctx, args.name, args.types),
  },
  Node: {
    __resolveType: (node) => (isRelationship(node) ? 'Relationship' : node.type),
  },
  Entity: {
    __resolveType: (entity) => entity.type,
  },
  Evidence: {
    source: (evidence, _args, ctx) => loadEntity(ctx, evidence.sourceId, 'Source'),
    speaker: (evidence, _args, ctx) => (evidence.speakerId ? loadEntity(ctx, evidence.speakerId, 'Person') : null),
    context: (evidence, _args, ctx) => findEvidenceContext(ctx, evidence),
  },
  Relationship: {
    from: (relationship, _args, ctx) => loadEntity(ctx, relationship.fromId),
    to: (relationship, _args, ctx) => loadEntity(ctx, relationship.toId),
    onBehalfOf: (relationship, _args, ctx) => (relationship.onBehalfOfId ? loadEntity(ctx, relationship.onBehalfOfId, 'Country') : null),
    isSymmetric: (relationship) => isSymmetric(relationship.type),
  },
  RelationConnection: {
    nodes: (connection) => connection.edges.map((edge) => edge.relationship),
  },
  RelationEdge: {
    node: (edge) => edge.relationship,
    other: (edge, _args, ctx) => otherEnd(ctx, edge),
  },
  EntityRelationConnection: anyEntity.connection,
  EntityRelationEdge: anyEntity.edge,
} satisfies Resolvers;
