import { readFileSync } from 'node:fs';

const schemaFile = new URL('../schema.graphql', import.meta.url);

/**
 * The SDL the resolvers implement: schema.graphql, which codegen writes from the declaration in
 * schema/ (codegen/graph/) and CI keeps fresh. It is the reviewable contract and exactly what runs.
 */
export function readTypeDefs(): string[] {
  return [readFileSync(schemaFile, 'utf8')];
}

const subgraphFile = new URL('./generated/subgraph.graphql', import.meta.url);

/** The same SDL as an Apollo Federation 2 subgraph (FEDERATION=on): entity types keyed by id. */
export function readSubgraphTypeDefs(): string[] {
  return [readFileSync(subgraphFile, 'utf8')];
}
