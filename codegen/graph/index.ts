import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { resolverMappers, writeCatalogue, writeEntityResolvers } from './catalogue.js';
import { readDeclaration, type GraphDeclaration } from './declaration.js';
import { expandDeclaration } from './expand.js';

export interface GeneratedGraph {
  declaration: GraphDeclaration;
  /** The whole SDL the server runs, printed to schema.graphql. */
  sdl: string;
  /** The same SDL as an Apollo Federation 2 subgraph, with `@key(fields: "id")` on every entity type. */
  subgraphSdl: string;
  /** src/generated/catalogue.ts */
  catalogue: string;
  /** src/generated/entity-resolvers.ts */
  resolvers: string;
  /** codegen's mappers for the generated object types. */
  mappers(models: string): Record<string, string>;
}

/** Reads every .graphql file of a folder, in name order. */
export function readSchemaFolder(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/** Generates from the declaration in the given SDL sources; the result is checked to be a valid schema. */
export function generateGraph(sources: readonly string[]): GeneratedGraph {
  const declaration = readDeclaration(sources);
  const sdl = expandDeclaration(declaration);
  buildSchema(sdl);
  return {
    declaration,
    sdl,
    subgraphSdl: expandDeclaration(declaration, { federation: true }),
    catalogue: writeCatalogue(declaration),
    resolvers: writeEntityResolvers(declaration),
    mappers: (models) => resolverMappers(declaration, models),
  };
}
