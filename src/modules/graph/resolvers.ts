import { CountryCodeResolver, DateResolver, HexadecimalResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';
import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { PageArgs } from '../../lib/connection.js';
import type { RelatedOrder } from '../filtering/order.js';
import type { Direction, EdgeType, EntityModel, EntityTypeName, RelationConnectionModel, RelationEdgeModel } from '../../store/models.js';
import { isEdge } from '../../store/models.js';
import { isSymmetric } from '../../store/vocabulary.js';
import { RELATION_FIELDS, type RelationFieldName } from './fields.js';
import { findEntitiesByName, findNode, findNodes, findRelation, listRelations, loadEntities, loadEntity } from './graph.js';

/** A field that lists a node's relationships of one or more types, as a connection. */
export function relationField(types: readonly EdgeType[], direction: Direction) {
  return (parent: { id: string }, args: PageArgs & { orderBy?: readonly RelatedOrder[] | null }, ctx: Context): Promise<RelationConnectionModel> =>
    listRelations(ctx, parent.id, types, direction, args);
}

/** A field for a relationship a node has at most one of, such as an event's place. */
export function singleRelationField(type: EdgeType, direction: Exclude<Direction, 'BOTH'>) {
  return (parent: { id: string }, _args: unknown, ctx: Context): Promise<RelationEdgeModel | null> =>
    findRelation(ctx, parent.id, type, direction);
}

type RelationFieldResolvers<T extends EntityTypeName> = {
  [F in RelationFieldName<T>]: (typeof RELATION_FIELDS)[T][F] extends { single: true }
    ? (parent: { id: string }, args: unknown, ctx: Context) => Promise<RelationEdgeModel | null>
    : (parent: { id: string }, args: PageArgs & { orderBy?: readonly RelatedOrder[] | null }, ctx: Context) => Promise<RelationConnectionModel>;
};

/** The resolvers of every typed relationship field of an entity type, built from RELATION_FIELDS. */
export function relationFieldsOf<T extends EntityTypeName>(type: T): RelationFieldResolvers<T> {
  const fields: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(RELATION_FIELDS[type]) as Array<[string, { type: EdgeType; direction: 'OUTGOING' | 'INCOMING'; single?: boolean }]>) {
    fields[name] = spec.single ? singleRelationField(spec.type, spec.direction) : relationField([spec.type], spec.direction);
  }
  return fields as RelationFieldResolvers<T>;
}

/** The resolvers of a `<Type>RelationConnection` and its edge, whose nodes are entities of the given types. */
export function relationConnectionResolvers<T extends EntityTypeName>(...types: T[]) {
  return {
    connection: {
      nodes: (connection: RelationConnectionModel, _args: unknown, ctx: Context) =>
        loadEntities(ctx, connection.edges.map((edge) => edge.otherId), ...types),
    },
    edge: {
      node: (edge: RelationEdgeModel, _args: unknown, ctx: Context) => loadEntity(ctx, edge.otherId, ...types),
      relationship: (edge: RelationEdgeModel) => edge.edge,
      evidence: (edge: RelationEdgeModel) => edge.edge.evidence,
    },
  };
}

/** The fields every entity type shares through the `Entity` interface. */
export const entityFields = {
  // The English label is the name unless the seed gives another; it is not stored twice.
  labels: (entity: EntityModel) => (entity.labels.some((l) => l.language === 'EN') ? entity.labels : [{ language: 'EN' as const, text: entity.name }, ...entity.labels]),
  label: (entity: EntityModel, args: { language: string }) =>
    entity.labels.find((l) => l.language === args.language)?.text ?? (args.language === 'EN' ? entity.name : null),
  relations: (entity: EntityModel, args: PageArgs & { direction: Direction; types?: readonly EdgeType[] | null }, ctx: Context) =>
    listRelations(ctx, entity.id, args.types ?? null, args.direction, args),
};

const anyEntity = relationConnectionResolvers();

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
