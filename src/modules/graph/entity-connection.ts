import type { ConnectionModel, ItemEdgeModel } from '../../store/models.js';

/** The `nodes` of any connection whose edges hold their node: the edges' nodes, in order. */
export function connectionNodes<T>(connection: ConnectionModel<ItemEdgeModel<T>>): T[] {
  return connection.edges.map((edge) => edge.node);
}

/** The resolvers every root list connection shares. */
export const entityConnectionFields = { nodes: connectionNodes };
