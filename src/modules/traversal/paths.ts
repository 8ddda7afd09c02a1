import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import type { RelationshipModel, RelationshipType, PathModel } from '../../store/models.js';
import { requireEntity } from '../graph/graph.js';

export const MAX_HOPS = 6;
export const MAX_PATHS = 100;
/** The most entities one path search may visit before it is refused as too broad. */
export const MAX_VISITED = 100_000;

export interface PathArgs {
  from: string;
  to: string;
  maxHops?: number | null;
  via?: readonly RelationshipType[] | null;
  first?: number | null;
}

interface Step {
  parent: string;
  relationship: RelationshipModel;
}

/** One side of a bidirectional search: how far each entity is, and every way it was first reached. */
interface Side {
  distance: Map<string, number>;
  reachedBy: Map<string, Step[]>;
  frontier: string[];
  depth: number;
}

function startSide(id: string): Side {
  return { distance: new Map([[id, 0]]), reachedBy: new Map(), frontier: [id], depth: 0 };
}

/** Expands one side by a whole level, with one batched store call for the level. */
async function expand(ctx: Context, side: Side, via: readonly RelationshipType[] | null): Promise<string[]> {
  const level = side.depth + 1;
  const lists = await ctx.loaders.allRelationships.loadMany(side.frontier.map((nodeId) => ({ nodeId, types: via, direction: 'BOTH' as const })));
  const next: string[] = [];
  lists.forEach((list, i) => {
    if (list instanceof Error) throw list;
    const from = side.frontier[i]!;
    for (const relationship of list) {
      const other = relationship.fromId === from ? relationship.toId : relationship.fromId;
      const seen = side.distance.get(other);
      if (seen === undefined) {
        side.distance.set(other, level);
        side.reachedBy.set(other, [{ parent: from, relationship }]);
        next.push(other);
      } else if (seen === level) {
        side.reachedBy.get(other)!.push({ parent: from, relationship });
      }
    }
  });
  side.frontier = next;
  side.depth = level;
  return next;
}

const byStep = (a: Step, b: Step) => (a.parent + a.relationship.id < b.parent + b.relationship.id ? -1 : 1);

/**
 * Every way from a side's origin to `nodeId`, as lists of hops read from the origin outwards, in a
 * stable order, stopping at `limit`.
 */
function waysTo(side: Side, nodeId: string, limit: number): Array<Array<{ node: string; step: Step }>> {
  const ways: Array<Array<{ node: string; step: Step }>> = [];
  const walk = (current: string, suffix: Array<{ node: string; step: Step }>) => {
    if (ways.length >= limit) return;
    const steps = side.reachedBy.get(current);
    if (!steps) {
      ways.push(suffix);
      return;
    }
    for (const step of [...steps].sort(byStep)) walk(step.parent, [{ node: current, step }, ...suffix]);
  };
  walk(nodeId, []);
  return ways;
}

/**
 * All shortest paths between two entities, following relationships either way. A bidirectional
 * breadth-first search grows whichever side has the smaller frontier, a whole level at a time, and
 * records for every entity each way it was first reached; it stops at the first level where the
 * sides meet, so cycles cannot loop and longer paths are never returned. Paths are then joined at
 * the meeting entities, up to `first` of them, in a stable order.
 */
export async function findPaths(ctx: Context, args: PathArgs): Promise<PathModel[]> {
  const maxHops = args.maxHops ?? 4;
  const first = args.first ?? 10;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw badUserInput(`"maxHops" must be between 1 and ${MAX_HOPS}; got ${maxHops}.`, 'maxHops');
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_PATHS) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PATHS}; got ${first}.`, 'first');
  }
  const [start, goal] = await Promise.all([requireEntity(ctx, args.from, 'from'), requireEntity(ctx, args.to, 'to')]);
  if (start.id === goal.id) return [{ nodeIds: [start.id], hops: [] }];

  const forward = startSide(start.id);
  const backward = startSide(goal.id);
  let meeting: string[] = [];
  while (forward.depth + backward.depth < maxHops && forward.frontier.length > 0 && backward.frontier.length > 0) {
    const [grow, other] = forward.frontier.length <= backward.frontier.length ? [forward, backward] : [backward, forward];
    const reached = await expand(ctx, grow, args.via ?? null);
    if (forward.distance.size + backward.distance.size > MAX_VISITED) {
      throw badUserInput(`The search for paths visited more than ${MAX_VISITED} entities; lower "maxHops" or name relationship types in "via".`, 'maxHops');
    }
    const met = reached.filter((id) => other.distance.has(id));
    if (met.length > 0) {
      const shortest = Math.min(...met.map((id) => other.distance.get(id)!));
      meeting = met.filter((id) => other.distance.get(id) === shortest).sort();
      break;
    }
  }

  const paths: PathModel[] = [];
  for (const middle of meeting) {
    for (const head of waysTo(forward, middle, first)) {
      for (const tail of waysTo(backward, middle, first)) {
        if (paths.length >= first) return paths;
        // The backward side's ways run from the goal inwards; turn them to run from `middle` out.
        const hops = [
          ...head.map(({ node, step }) => ({ fromId: step.parent, toId: node, relationship: step.relationship })),
          ...[...tail].reverse().map(({ node, step }) => ({ fromId: node, toId: step.parent, relationship: step.relationship })),
        ].map((hop) => ({ ...hop, direction: hop.relationship.fromId === hop.fromId ? ('OUTGOING' as const) : ('INCOMING' as const) }));
        paths.push({ nodeIds: [start.id, ...hops.map((hop) => hop.toId)], hops });
      }
    }
  }
  return paths;
}
