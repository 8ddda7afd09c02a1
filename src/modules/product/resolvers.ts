import type { Resolvers } from '../../generated/resolvers-types.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const products = relationConnectionResolvers('Product');

export const productResolvers = {
  Query: {
    products: (_root, args, ctx) => listEntities(ctx, 'Product', args),
  },
  Product: {
    ...entityFields,
    ...relationFieldsOf('Product'),
  },
  ProductConnection: entityConnectionFields,
  ProductRelationConnection: products.connection,
  ProductRelationEdge: products.edge,
} satisfies Resolvers;
