import { isRelationship } from '../store/models.js';
import { GraphQLError } from 'graphql';
import { createContext } from '../context.js';
import { ErrorCode } from '../errors.js';
import { HttpRefusal } from '../http/refusal.js';
import { findNeighborhood } from '../modules/traversal/neighborhood.js';
import type { GraphStore } from '../store/graph-store.js';
import type { EntityModel, RelationshipModel } from '../store/models.js';
import type { Position } from '../store/query.js';
import type { ExportSelection } from './export-selection.js';

/** An entity and the relationships that start at it: each relationship of an export belongs to exactly one entity. */
export interface ExportItem {
  entity: EntityModel;
  outgoing: RelationshipModel[];
}

/** Entities read per store call: a page's relationships are one more call. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Reads what an export holds, a page at a time, through the GraphStore interface only, so every
 * store can be exported and memory does not grow with the graph: a page of entities in name order
 * (`listEntities` with keyset positions), then the relationships that start at them in one batch.
 * A symmetric relationship is listed at both its ends; it is kept only at the end it was recorded
 * from, so each relationship appears once. A neighbourhood is bounded by its `maxNodes` and comes as
 * one page. Checks the selection before anything is written: a neighbourhood around an unknown
 * entity is refused here.
 */
export async function openExport(store: GraphStore, selection: ExportSelection, pageSize = EXPORT_PAGE_SIZE): Promise<AsyncGenerator<ExportItem[]>> {
  if (selection.kind === 'neighborhood') {
    const items = await readNeighborhood(store, selection);
    return (async function* () {
      yield items;
    })();
  }
  return readList(store, selection, pageSize);
}

async function* readList(store: GraphStore, selection: Extract<ExportSelection, { kind: 'list' }>, pageSize: number): AsyncGenerator<ExportItem[]> {
  let after: Position | null = null;
  for (;;) {
    const page = await store.listEntities({ type: selection.type, condition: selection.condition, orderBy: [], first: pageSize, after });
    if (page.items.length === 0) return;
    const entities = page.items.map((item) => item.node);
    const lists = await store.getRelationships(
      entities.map((entity) => entity.id),
      null,
      'OUTGOING',
    );
    yield entities.map((entity, i) => ({ entity, outgoing: lists[i]!.filter((relationship) => relationship.fromId === entity.id) }));
    if (!page.hasNextPage) return;
    after = page.items[page.items.length - 1]!.position;
  }
}

async function readNeighborhood(store: GraphStore, selection: Extract<ExportSelection, { kind: 'neighborhood' }>): Promise<ExportItem[]> {
  // An unknown entity is a 404, as at /entities/{id}, before anything is written.
  const [center] = await store.getNodes([selection.id]);
  if (!center || isRelationship(center)) throw new HttpRefusal(404, ErrorCode.NOT_FOUND, `No entity has the id ${selection.id}; its neighbourhood cannot be exported.`, {}, { parameter: 'neighborhood' });
  let found;
  try {
    found = await findNeighborhood(createContext(store), { id: selection.id, depth: selection.depth, types: selection.types, maxNodes: selection.maxNodes });
  } catch (error) {
    if (error instanceof GraphQLError) {
      const argument = error.extensions.argument;
      throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, error.message, {}, { parameter: argument === 'id' ? 'neighborhood' : argument });
    }
    throw error;
  }
  if (!found) throw new HttpRefusal(404, ErrorCode.NOT_FOUND, `No entity has the id ${selection.id}; its neighbourhood cannot be exported.`, {}, { parameter: 'neighborhood' });
  const outgoing = new Map<string, RelationshipModel[]>(found.nodes.map(({ entity }) => [entity.id, []]));
  for (const relationship of found.edges) outgoing.get(relationship.fromId)!.push(relationship);
  return found.nodes.map(({ entity }) => ({ entity, outgoing: outgoing.get(entity.id)! }));
}
