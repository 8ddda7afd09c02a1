import type { EntityConnectionModel } from '../../store/models.js';

/** The resolvers every root list connection shares: its nodes are its edges' nodes. */
export const entityConnectionFields = {
  nodes: <T extends EntityConnectionModel['edges'][number]['node']>(connection: EntityConnectionModel<T>) =>
    connection.edges.map((edge) => edge.node),
};
