import { getArgumentValues, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { encodeCursor, readPageRequest, toConnection, type PageArgs } from '../../lib/connection.js';
import { assertGlobalId, parseGlobalId } from '../../lib/global-id.js';
import { allOf, andThen, type MaybePromise } from '../../lib/maybe-promise.js';
import { foldText } from '../../lib/text.js';
import type { Context } from '../../context.js';
import type {
  Direction,
  RelationshipModel,
  RelationshipType,
  EntityConnectionModel,
  EntityModel,
  EntityTypeName,
  NodeModel,
  RelationConnectionModel,
  RelationEdgeModel,
} from '../../store/models.js';
import { isRelationship } from '../../store/models.js';
import { entityOfId } from '../../store/partial-entity.js';
import { checkPosition, relationshipPositionKinds } from '../../store/positions.js';
import type { EvidenceTest, NextRelationshipPage, Page, PageRequest, Position, RelationshipPageRequest, RelationshipReads } from '../../store/query.js';
import { relationFieldSpec } from './fields.js';
import { nextRelationField, nodeRelationField, relationshipReads, type NextField } from './reads.js';
import { badUserInput } from '../../errors.js';
import { readCheckedFilter, readEvidenceTest, type Filter } from '../filtering/filter.js';
import { orderingSignature, readOrderings, readRelatedOrderings, type Order, type RelatedOrder } from '../filtering/order.js';

export type EntityModelOf<T extends EntityTypeName> = Extract<EntityModel, { type: T }>;

/** The largest number of ids `nodes(ids:)` accepts in one call. */
export const MAX_IDS = 100;

/** Loads an entity that the graph guarantees exists (a relationship's end); a miss is a broken invariant. */
export function loadEntity<T extends EntityTypeName>(ctx: Context, id: string, ...types: T[]): MaybePromise<EntityModelOf<T>> {
  return andThen(ctx.loaders.loadNode(id), (node) => {
    if (!node || isRelationship(node) || (types.length > 0 && !(types as string[]).includes(node.type))) {
      throw new Error(`Graph invariant broken: ${id} should be a ${types.join(' or ') || 'entity'}`);
    }
    return node as EntityModelOf<T>;
  });
}

export function loadEntities<T extends EntityTypeName>(ctx: Context, ids: readonly string[], ...types: T[]): MaybePromise<Array<EntityModelOf<T>>> {
  return allOf(ids.map((id) => loadEntity(ctx, id, ...types)));
}

/**
 * Fetches a node by global id: a malformed id is refused, an unknown one is null. From a store that
 * reads ahead, an entity whose one relationship field the query asks for is read with that field's
 * page, in one statement.
 */
export function findNode(ctx: Context, id: string, info?: GraphQLResolveInfo): MaybePromise<NodeModel | null> {
  assertGlobalId(id, 'id');
  const parsed = info && ctx.store.readsAhead ? parseGlobalId(id) : null;
  const field = parsed?.kind === 'entity' ? nodeRelationField(info!, parsed.type) : null;
  const ahead = field && pageAhead(field, info!, true);
  if (!ahead) return ctx.loaders.loadNode(id);
  // An id merged into another entity (curation) reads no page: it is looked up as any other.
  return ctx.loaders.relationshipPages.load({ nodeId: id, ...ahead, page: { ...ahead.page, node: true } }).then((page) => page.node ?? ctx.loaders.loadNode(id));
}

/**
 * The entity an argument names, for operations that start from given entities (paths,
 * neighbourhoods): a malformed id, an unknown id or a relationship's id is refused with
 * BAD_USER_INPUT naming the id and the argument, since an empty answer would read as "not linked".
 */
export async function requireEntity(ctx: Context, id: string, argument: string): Promise<EntityModel> {
  assertGlobalId(id, argument);
  const node = await ctx.loaders.loadNode(id);
  if (node && !isRelationship(node)) return node;
  const shown = JSON.stringify(id);
  throw badUserInput(
    node
      ? `${shown} is a relationship, not an entity; "${argument}" needs the id of an entity, such as ${node.fromId}.`
      : `No entity has the id ${shown}; "${argument}" needs the id of an entity in the graph (find ids with entitiesByName or search).`,
    argument,
  );
}

export function findNodes(ctx: Context, ids: readonly string[]): MaybePromise<Array<NodeModel | null>> {
  if (ids.length > MAX_IDS) throw badUserInput(`"ids" may hold at most ${MAX_IDS} ids; got ${ids.length}.`, 'ids');
  ids.forEach((id, index) => assertGlobalId(id, `ids[${index}]`));
  return allOf(ids.map((id) => ctx.loaders.loadNode(id)));
}

/** The entities whose name, alias or label matches, ignoring case, accents and punctuation. */
export async function findEntitiesByName(ctx: Context, name: string, types: readonly string[] | null | undefined): Promise<EntityModel[]> {
  const folded = foldText(name);
  if (folded.length === 0) throw badUserInput('"name" must contain at least one letter or digit.', 'name');
  const found = await ctx.loaders.entitiesByName.load(folded);
  return types && types.length > 0 ? found.filter((entity) => types.includes(entity.entityType)) : found;
}

/** An item of a relationship list seen from one of its ends; its cursor, if it has one, encoded when read (see PageEdge). */
class RelationEdge implements RelationEdgeModel {
  readonly otherId: string;
  readonly direction: Exclude<Direction, 'BOTH'>;

  constructor(
    readonly relationship: RelationshipModel,
    fromNodeId: string,
    private readonly place: { list: string; position: Position } | null,
    readonly other?: EntityModel,
  ) {
    const outgoing = relationship.fromId === fromNodeId;
    this.otherId = outgoing ? relationship.toId : relationship.fromId;
    this.direction = outgoing ? 'OUTGOING' : 'INCOMING';
  }

  get cursor(): string {
    return this.place === null ? '' : encodeCursor(this.place.list, this.place.position);
  }
}

/** The entity at an edge's other end: the one its page brought, else looked up. */
export function otherEnd<T extends EntityTypeName>(ctx: Context, edge: RelationEdgeModel, ...types: T[]): MaybePromise<EntityModelOf<T>> {
  const other = edge.other;
  if (other && (types.length === 0 || (types as string[]).includes(other.type))) return other as EntityModelOf<T>;
  return loadEntity(ctx, edge.otherId, ...types);
}

type RelationArgs = PageArgs & { orderBy?: readonly RelatedOrder[] | null; evidence?: Filter | null };

/**
 * One page of a node's relationships of the given types. Typed fields (`Agreement.signatories`) and
 * generic traversal (`relations`) both come here, so they read the same relationships and cannot
 * disagree; the pages of many nodes asked for together are one store call, and the page the query
 * asks next of every entity at the other ends is asked for with it (see NextRelationshipPage).
 */
export async function listRelations(
  ctx: Context,
  nodeId: string,
  types: readonly RelationshipType[] | null,
  direction: Direction,
  args: RelationArgs,
  info: GraphQLResolveInfo,
): Promise<RelationConnectionModel> {
  const { request, list, evidence, page } = relationPage(args, relationshipReads(info));
  const nextField = ctx.store.readsAhead ? nextRelationField(info) : null;
  const next = nextField ? pageAhead(nextField, info, false) : undefined;
  const loaded = await ctx.loaders.relationshipPages.load({ nodeId, types, direction, evidence, page: next ? { ...page, next } : page });
  const reads = page.reads!;
  return toConnection(loaded, request, list, (relationship, list, position, i) => {
    const other = loaded.others?.[i] ?? (reads.others === 'id' ? entityOfId(relationship.fromId === nodeId ? relationship.toId : relationship.fromId) : undefined);
    return new RelationEdge(relationship, nodeId, { list, position }, other);
  });
}

/** A relation field's page request, as its arguments and the query's reads make it: the one place it is made. */
function relationPage(args: RelationArgs, reads: RelationshipReads): { request: PageRequest; list: string; evidence: EvidenceTest | null; page: RelationshipPageRequest } {
  const orderBy = readRelatedOrderings(args.orderBy);
  const evidence = readEvidenceTest(args.evidence);
  // A cursor belongs to one list: the same relationships under the same evidence condition.
  const list = orderingSignature(evidence ? `relationships|${evidence.methods!.join(',')}` : 'relationships', args.orderBy);
  // Positions: the orderings' keys, then the other end's name and id, then recording order (two keys).
  const request = readPageRequest(args, list, orderBy.length === 0 ? 2 : orderBy.length + 4);
  return { request, list, evidence, page: { ...request, orderBy, reads } };
}

/**
 * The page a relationship field will ask for, worked out ahead from the field's place in the
 * document, as its resolver will ask for it; none when its arguments or its cursor are wrong: its
 * resolver then says so, at its own path, and the page it reads ahead of fails nothing.
 */
function pageAhead(ahead: NextField, info: GraphQLResolveInfo, withNext: boolean): NextRelationshipPage | undefined {
  const { field, definition, on } = ahead;
  try {
    const args = getArgumentValues(definition, field, info.variableValues) as RelationArgs & { types?: RelationshipType[] | null; direction?: Direction };
    const spec = field.name.value === 'relations' ? null : relationFieldSpec(on.name as EntityTypeName, field.name.value);
    const nested = { fieldNodes: [field], returnType: definition.type, fragments: info.fragments, schema: info.schema };
    const { evidence, page } = relationPage(args, relationshipReads(nested));
    // A cursor of another list is refused by the store: refused here, it would fail this page too.
    checkPosition(page.after, relationshipPositionKinds(page.orderBy));
    // A node's page is read with the page its own field asks next, as that field's resolver would ask.
    const nextField = withNext ? nextRelationField(nested) : null;
    const next = nextField ? pageAhead(nextField, info, false) : undefined;
    const ahead = next ? { ...page, next } : page;
    return spec ? { types: [spec.type], direction: spec.direction, evidence, page: ahead } : { types: args.types ?? null, direction: args.direction ?? 'BOTH', evidence, page: ahead };
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/** The one relationship of a type from a node, such as an event's place; null when there is none. */
export async function findRelation(ctx: Context, nodeId: string, type: RelationshipType, direction: Exclude<Direction, 'BOTH'>): Promise<RelationEdgeModel | null> {
  const page = await ctx.loaders.relationshipPages.load({ nodeId, types: [type], direction, page: { first: 1, after: null, orderBy: [] } });
  const edge = page.items[0]?.node;
  return edge ? new RelationEdge(edge, nodeId, null) : null;
}

export interface ListArgs extends PageArgs {
  filter?: Filter | null;
  orderBy?: readonly Order[] | null;
}

/** One page of a root list of entities, filtered, ordered and paged by the store. */
export async function listEntities<T extends EntityTypeName>(ctx: Context, type: T, args: ListArgs): Promise<EntityConnectionModel<EntityModelOf<T>>> {
  const orderBy = readOrderings(type, args.orderBy);
  const list = orderingSignature(type, args.orderBy);
  const request = readPageRequest(args, list, orderBy.length + 2);
  const condition = args.filter ? readCheckedFilter(type, args.filter) : null;
  const page = await ctx.store.listEntities({ type, condition, orderBy, ...request }, ctx.work);
  return toConnection(page as Page<EntityModelOf<T>>, request, list);
}
