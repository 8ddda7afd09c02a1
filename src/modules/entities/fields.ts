import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { allOf } from '../../lib/maybe-promise.js';
import { entityHistory } from '../../curation/journal.js';
import { VOCABULARY } from '../../generated/catalogue.js';
import type { PageArgs } from '../../lib/connection.js';
import type { RelationshipProperty } from '../../store/catalogue-types.js';
import type { Direction, RelationshipType, EntityModel, EntityTypeName, RelationConnectionModel, RelationEdgeModel } from '../../store/models.js';
import type { Filter } from '../filtering/filter.js';
import type { RelatedOrder } from '../filtering/order.js';
import { connectionNodes } from '../graph/entity-connection.js';
import { RELATION_FIELDS, type RelationFieldName } from '../graph/fields.js';
import { findRelation, listEntities, listRelations, loadEntity, otherEnd, type ListArgs } from '../graph/graph.js';

/**
 * The resolvers every entity type shares, put together per type by the generated map in
 * src/generated/entity-resolvers.ts. A type declared in schema/ gets all of them with no code.
 */

type RelationArgs = PageArgs & { orderBy?: readonly RelatedOrder[] | null; evidence?: Filter | null };

/** The root list of an entity type, such as `countries`. */
export function rootList<T extends EntityTypeName>(type: T) {
  return (_root: unknown, args: ListArgs, ctx: Context) => listEntities(ctx, type, args);
}

/** The fields every entity shares through the `Entity` interface. */
const sharedFields = {
  // The English label is the name unless the seed gives another; it is not stored twice.
  labels: (entity: EntityModel) =>
    entity.labels.some((l) => l.language === 'EN') ? entity.labels : [{ language: 'EN' as const, text: entity.name, isTranslation: false }, ...entity.labels],
  // A curator's translation answers only when asked for: by default a label is a name in established use.
  label: (entity: EntityModel, args: { language: string; includeTranslations: boolean }) =>
    entity.labels.find((l) => l.language === args.language && (args.includeTranslations || !l.isTranslation))?.text ?? (args.language === 'EN' ? entity.name : null),
  relations: (entity: EntityModel, args: RelationArgs & { direction: Direction; types?: readonly RelationshipType[] | null }, ctx: Context, info: GraphQLResolveInfo) =>
    listRelations(ctx, entity.id, args.types ?? null, args.direction, args, info),
  history: entityHistory,
};

type RelationFieldResolvers<T extends EntityTypeName> = {
  [F in RelationFieldName<T>]: (typeof RELATION_FIELDS)[T][F] extends { single: true }
    ? (parent: { id: string }, args: unknown, ctx: Context) => Promise<RelationEdgeModel | null>
    : (parent: { id: string }, args: RelationArgs, ctx: Context, info: GraphQLResolveInfo) => Promise<RelationConnectionModel>;
};

/** The shared fields and every relationship field of an entity type, as its `@relation` lines declare them. */
export function entityFieldsOf<T extends EntityTypeName>(type: T): typeof sharedFields & RelationFieldResolvers<T> {
  const fields: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(RELATION_FIELDS[type]) as Array<[string, { type: RelationshipType; direction: 'OUTGOING' | 'INCOMING'; single?: boolean }]>) {
    fields[name] = spec.single
      ? (parent: { id: string }, _args: unknown, ctx: Context) => findRelation(ctx, parent.id, spec.type, spec.direction)
      : (parent: { id: string }, args: RelationArgs, ctx: Context, info: GraphQLResolveInfo) => listRelations(ctx, parent.id, [spec.type], spec.direction, args, info);
  }
  return { ...sharedFields, ...(fields as RelationFieldResolvers<T>) };
}

/** The `nodes` of a root list's connection. */
export const entityConnectionFields = { nodes: connectionNodes };

/** The `nodes` of a connection of linked entities of the given types (any entity when none is given). */
export function relationConnectionFields<T extends EntityTypeName>(...types: T[]) {
  return {
    nodes: (connection: RelationConnectionModel, _args: unknown, ctx: Context) => allOf(connection.edges.map((edge) => otherEnd(ctx, edge, ...types))),
  };
}

/** An edge to a linked entity: the entity, the relationship and its evidence. */
export function relationEdgeFields<T extends EntityTypeName>(...types: T[]) {
  return {
    node: (edge: RelationEdgeModel, _args: unknown, ctx: Context) => otherEnd(ctx, edge, ...types),
    relationship: (edge: RelationEdgeModel) => edge.relationship,
    evidence: (edge: RelationEdgeModel) => edge.relationship.evidence,
  };
}

/** How a view's edge reads each property of its relationship. */
const PROPERTY_FIELDS = {
  onBehalfOf: (edge: RelationEdgeModel, _args: unknown, ctx: Context) => (edge.relationship.onBehalfOfId ? loadEntity(ctx, edge.relationship.onBehalfOfId, 'Country') : null),
  capacity: (edge: RelationEdgeModel) => edge.relationship.capacity,
  role: (edge: RelationEdgeModel) => edge.relationship.role,
  note: (edge: RelationEdgeModel) => edge.relationship.note,
  ordinal: (edge: RelationEdgeModel) => edge.relationship.ordinal,
} satisfies Record<RelationshipProperty, unknown>;

/** An edge of a view (`@relation(view: ...)`): a relation edge that also shows its relationship's properties. */
export function viewEdgeFields<T extends EntityTypeName>(type: RelationshipType, ...types: T[]) {
  const properties = Object.fromEntries((VOCABULARY[type].properties ?? []).map((property) => [property, PROPERTY_FIELDS[property]]));
  // Only the properties the relationship type declares: the view's edge type has no others.
  return { ...relationEdgeFields(...types), ...(properties as Partial<typeof PROPERTY_FIELDS>) };
}
