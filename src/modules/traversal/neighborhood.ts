import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { compareByNameThenId } from '../../lib/text.js';
import type { RelationshipModel, RelationshipType, NeighborhoodModel, NeighborhoodNodeModel } from '../../store/models.js';
import { loadEntities, requireEntity } from '../graph/graph.js';

export const MAX_DEPTH = 3;
export const MAX_NEIGHBORHOOD_NODES = 500;

export interface NeighborhoodArgs {
  id: string;
  depth?: number | null;
  types?: readonly RelationshipType[] | null;
  maxNodes?: number | null;
}

/**
 * The entities within `depth` hops of an entity, in either direction, found breadth first with one
 * batched store call per level. A neighbourhood larger than `maxNodes` is refused with the numbers,
 * never cut short.
 */
export async function findNeighborhood(ctx: Context, args: NeighborhoodArgs): Promise<NeighborhoodModel> {
  const depth = args.depth ?? 1;
  const maxNodes = args.maxNodes ?? 200;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw badUserInput(`"depth" must be between 1 and ${MAX_DEPTH}; got ${depth}.`, 'depth');
  }
  if (!Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > MAX_NEIGHBORHOOD_NODES) {
    throw badUserInput(`"maxNodes" must be between 1 and ${MAX_NEIGHBORHOOD_NODES}; got ${maxNodes}.`, 'maxNodes');
  }
  const center = await requireEntity(ctx, args.id, 'id');

  const depthOf = new Map<string, number>([[center.id, 0]]);
  const edges = new Map<string, RelationshipModel>();
  let frontier = [center.id];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const lists = await ctx.loaders.allRelationships.loadMany(frontier.map((nodeId) => ({ nodeId, types: args.types ?? null, direction: 'BOTH' as const })));
    const next: string[] = [];
    lists.forEach((list, i) => {
      if (list instanceof Error) throw list;
      const from = frontier[i]!;
      for (const edge of list) {
        const other = edge.fromId === from ? edge.toId : edge.fromId;
        if (!depthOf.has(other)) {
          depthOf.set(other, level);
          next.push(other);
          // Refused as soon as it is known, rather than after reading a hub's every relationship.
          if (depthOf.size > maxNodes) throw tooLarge(args.id, depth, maxNodes);
        }
        edges.set(edge.id, edge);
      }
    });
    frontier = next;
  }
  const entities = await loadEntities(ctx, [...depthOf.keys()]);
  const nodes: NeighborhoodNodeModel[] = entities.map((entity) => ({ entity, depth: depthOf.get(entity.id)! }));
  nodes.sort((a, b) => a.depth - b.depth || compareByNameThenId(a.entity, b.entity));
  return { center: nodes[0]!.entity, nodes, edges: [...edges.values()] };
}

function tooLarge(id: string, depth: number, maxNodes: number) {
  return badUserInput(
    `The neighbourhood of ${id} within ${depth} hop${depth === 1 ? '' : 's'} has more than ${maxNodes} entities; lower "depth", name relationship "types", or raise "maxNodes" (at most ${MAX_NEIGHBORHOOD_NODES}).`,
    'maxNodes',
  );
}
