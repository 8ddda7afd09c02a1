import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { ENTITY_TYPES, isRelationship, type NodeModel } from '../store/models.js';

/** A schema module as buildSubgraphSchema takes it: type definitions and their resolvers. */
type SchemaModule = Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { resolvers?: unknown }>;

/**
 * Entente as an Apollo Federation 2 subgraph: the schema of src/generated/subgraph.graphql, where
 * every entity type is keyed by its global id, with a reference resolver per entity type, so a
 * router can fetch any entity another subgraph names by id (`_entities`) and read the schema
 * (`_service`). Built from the catalogue's list of types, never one type at a time by hand.
 */
export function buildEntenteSubgraph(typeDefs: string, resolvers: Resolvers): GraphQLSchema {
  const references = Object.fromEntries(
    ENTITY_TYPES.map((type) => [
      type,
      {
        ...(resolvers[type] as object | undefined),
        // A reference to an id of another type, or to nothing, resolves to null, as node(id:) does.
        __resolveReference: async (reference: { id: string }, context: Context): Promise<NodeModel | null> => {
          const node = await context.loaders.loadNode(reference.id);
          return node && !isRelationship(node) && node.type === type ? node : null;
        },
      },
    ]),
  );
  return buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: { ...resolvers, ...references } as SchemaModule['resolvers'] }]);
}
