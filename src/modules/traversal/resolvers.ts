import type { Resolvers } from '../../generated/resolvers-types.js';
import { loadEntities, loadEntity } from '../graph/graph.js';
import { findNeighborhood } from './neighborhood.js';
import { findPaths } from './paths.js';

/** `HAS_STRENGTH_IN` → `has strength in`, a label a drawing can show on an edge. */
function edgeLabel(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}

export const traversalResolvers = {
  Query: {
    neighborhood: (_root, args, ctx) => findNeighborhood(ctx, args),
    paths: (_root, args, ctx) => findPaths(ctx, args),
  },
  NeighborhoodNode: {
    id: (node) => node.entity.id,
    label: (node) => node.entity.name,
    entityType: (node) => node.entity.entityType,
  },
  NeighborhoodEdge: {
    source: (edge) => edge.fromId,
    target: (edge) => edge.toId,
    label: (edge) => edgeLabel(edge.type),
    relationship: (edge) => edge,
  },
  Path: {
    length: (path) => path.hops.length,
    nodes: (path, _args, ctx) => loadEntities(ctx, path.nodeIds),
  },
  PathHop: {
    from: (hop, _args, ctx) => loadEntity(ctx, hop.fromId),
    to: (hop, _args, ctx) => loadEntity(ctx, hop.toId),
    relationship: (hop) => hop.relationship,
    evidence: (hop) => hop.relationship.evidence,
  },
} satisfies Resolvers;
