import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { assertGlobalId } from '../../lib/global-id.js';
import type { EdgeModel, EdgeType, PathModel } from '../../store/models.js';
import { isEdge } from '../../store/models.js';

export const MAX_HOPS = 6;
export const MAX_PATHS = 100;
/** The most entities one path search may visit before it is refused as too broad. */
export const MAX_VISITED = 100_000;

export interface PathArgs {
  from: string;
  to: string;
  maxHops?: number | null;
  via?: readonly EdgeType[] | null;
  first?: number | null;
}

interface Step {
  parent: string;
  edge: EdgeModel;
}

/**
 * All shortest paths between two entities, following relationships either way. A breadth-first
 * search from `from` records, for every entity, each way it was first reached; it stops at the level
 * where `to` appears, so cycles cannot loop and longer paths are never returned. Paths are then read
 * back from `to`, up to `first` of them, in a stable order.
 */
export async function findPaths(ctx: Context, args: PathArgs): Promise<PathModel[]> {
  assertGlobalId(args.from, 'from');
  assertGlobalId(args.to, 'to');
  const maxHops = args.maxHops ?? 4;
  const first = args.first ?? 10;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw badUserInput(`"maxHops" must be between 1 and ${MAX_HOPS}; got ${maxHops}.`, 'maxHops');
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_PATHS) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PATHS}; got ${first}.`, 'first');
  }
  const [start, goal] = await ctx.loaders.node.loadMany([args.from, args.to]);
  if (!start || start instanceof Error || isEdge(start) || !goal || goal instanceof Error || isEdge(goal)) return [];
  if (start.id === goal.id) return [{ nodeIds: [start.id], hops: [] }];

  const level = new Map<string, number>([[start.id, 0]]);
  const reachedBy = new Map<string, Step[]>();
  let frontier = [start.id];
  for (let hop = 1; hop <= maxHops && frontier.length > 0 && !level.has(goal.id); hop++) {
    const lists = await ctx.loaders.edges.loadMany(frontier.map((nodeId) => ({ nodeId, types: args.via ?? null, direction: 'BOTH' as const })));
    const next: string[] = [];
    lists.forEach((list, i) => {
      if (list instanceof Error) throw list;
      const from = frontier[i]!;
      for (const edge of list) {
        const other = edge.fromId === from ? edge.toId : edge.fromId;
        const seen = level.get(other);
        if (seen === undefined) {
          level.set(other, hop);
          next.push(other);
          reachedBy.set(other, [{ parent: from, edge }]);
        } else if (seen === hop) {
          reachedBy.get(other)!.push({ parent: from, edge });
        }
      }
    });
    if (level.size > MAX_VISITED) {
      throw badUserInput(`The search for paths visited more than ${MAX_VISITED} entities; lower "maxHops" or name relationship types in "via".`, 'maxHops');
    }
    frontier = next;
  }
  if (!level.has(goal.id)) return [];

  const paths: PathModel[] = [];
  const walk = (nodeId: string, suffix: PathModel) => {
    if (paths.length >= first) return;
    if (nodeId === start.id) {
      paths.push({ nodeIds: [start.id, ...suffix.nodeIds], hops: suffix.hops });
      return;
    }
    const steps = [...reachedBy.get(nodeId)!].sort((a, b) => (a.parent + a.edge.id < b.parent + b.edge.id ? -1 : 1));
    for (const step of steps) {
      walk(step.parent, {
        nodeIds: [nodeId, ...suffix.nodeIds],
        hops: [{ fromId: step.parent, toId: nodeId, edge: step.edge, direction: step.edge.fromId === step.parent ? 'OUTGOING' : 'INCOMING' }, ...suffix.hops],
      });
    }
  };
  walk(goal.id, { nodeIds: [], hops: [] });
  return paths;
}
