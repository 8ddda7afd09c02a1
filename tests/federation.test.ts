import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, TINY_SEED, type TestHttp } from './helpers.js';

/**
 * Entente as an Apollo Federation 2 subgraph, composed with a second tiny subgraph that adds a field
 * to Country, behind Apollo's gateway in this process; Entente answers over real HTTP.
 */

// The gateway otherwise reports usage to Apollo and probes cloud metadata addresses when it is made;
// a test sends traffic only to this machine.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

const ADVISORIES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Country @key(fields: "id") {
    id: ID!
    travelAdvisory: String!
  }
  type Query {
    advisories: [Country!]!
  }
`;

const advisories = buildSubgraphSchema([
  {
    typeDefs: parse(ADVISORIES_SDL),
    resolvers: {
      Query: { advisories: () => [{ id: 'Country:sylvania' }, { id: 'Country:freedonia' }] },
      Country: {
        __resolveReference: (reference: { id: string }) => reference,
        travelAdvisory: (country: { id: string }) => (country.id === 'Country:freedonia' ? 'Exercise normal precautions.' : 'Reconsider travel.'),
      },
    },
  },
]);

async function postGraphQL(url: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return response.json();
}

let entente: TestHttp;
let standalone: TestHttp;
let gateway: ApolloServer;

beforeAll(async () => {
  const store = await loadMemoryStore(TINY_SEED);
  entente = await httpOn(store, { server: { federation: true } });
  standalone = await httpOn(store);
  const service = await postGraphQL(entente.url, '{ _service { sdl } }');
  const composed = composeServices([
    { name: 'entente', url: `${entente.url}/graphql`, typeDefs: parse(service.data._service.sdl) },
    { name: 'advisories', url: 'local://advisories', typeDefs: parse(ADVISORIES_SDL) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const router = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ name, url }) => (name === 'advisories' ? new LocalGraphQLDataSource(advisories) : new RemoteGraphQLDataSource({ url })),
  });
  gateway = new ApolloServer({ gateway: router as never });
  await gateway.start();
  // Composition and the query planner take seconds of CPU on a busy machine; this is setup, not a measurement.
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await entente?.close();
  await standalone?.close();
});

async function throughGateway(query: string): Promise<unknown> {
  const response = await gateway.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('Entente as a federation subgraph', () => {
  it('composes with another subgraph and answers a query that needs both', async () => {
    expect(await throughGateway('{ advisories { id name code travelAdvisory labels { language text } } }')).toEqual({
      data: {
        advisories: [
          { id: 'Country:sylvania', name: 'Sylvania', code: 'SV', travelAdvisory: 'Reconsider travel.', labels: [{ language: 'EN', text: 'Sylvania' }] },
          {
            id: 'Country:freedonia',
            name: 'Freedonia',
            code: 'FM',
            travelAdvisory: 'Exercise normal precautions.',
            labels: [
              { language: 'EN', text: 'Freedonia' },
              { language: 'DE', text: 'Freedonien' },
              { language: 'FR', text: 'Freedonie' },
            ],
          },
        ],
      },
    });
  });

  it('lets a query start in Entente and fetch the other subgraph’s field', async () => {
    expect(await throughGateway('{ countries { nodes { name travelAdvisory } } }')).toEqual({
      data: { countries: { nodes: [{ name: 'Freedonia', travelAdvisory: 'Exercise normal precautions.' }, { name: 'Sylvania', travelAdvisory: 'Reconsider travel.' }] } },
    });
  });

  it('resolves references by global id, and null for an unknown id or an id of another type', async () => {
    const result = await postGraphQL(
      entente.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Country { name } ... on Person { name } } }',
      {
        r: [
          { __typename: 'Country', id: 'Country:freedonia' },
          { __typename: 'Person', id: 'Person:alice-example' },
          { __typename: 'Country', id: 'Country:atlantis' },
          { __typename: 'Country', id: 'Person:alice-example' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ __typename: 'Country', name: 'Freedonia' }, { __typename: 'Person', name: 'Alice Example' }, null, null] });
  });

  it('keys every entity type by its id in the SDL it reports', async () => {
    const { data } = await postGraphQL(entente.url, '{ _service { sdl } }');
    const keyed = [...(data._service.sdl as string).matchAll(/^type (\w+) implements Node & Entity\s+@key\(fields: "id"\)/gm)].map((m) => m[1]);
    expect(keyed).toEqual(['Agreement', 'Country', 'Event', 'Office', 'Organization', 'Person', 'Place', 'Policy', 'Product', 'Source', 'Topic']);
  });

  it('is the standalone service, without _service, _entities or @key, when federation is off', async () => {
    const result = await postGraphQL(standalone.url, '{ _service { sdl } }');
    expect(result.errors[0].message).toBe('Cannot query field "_service" on type "Query".');
    const sdl = await (await fetch(`${standalone.url}/schema.graphql`)).text();
    expect(sdl).not.toContain('@key');
    expect(sdl).not.toContain('_entities');
  });
});
