/**
 * The requests of the benchmark's workloads: one hot analyst query, a mixed cycle of distinct
 * requests, a new small document every time, and (bench/generated-documents.ts) documents generated
 * from the schema.
 */
import type { GraphQLSchema } from 'graphql';
import { generateDocuments, type GeneratedRequest } from './generated-documents.js';
import { post, type Server } from './servers.js';

export const HOT = JSON.stringify({
  query: `query Hot {
  agreements(first: 10) { nodes {
    name
    concludedOn { iso precision isInferred }
    concludedAt { node { name heldAt { node { name } } } evidence { quote } }
    topics(first: 5) { nodes { name } }
    signatories { edges {
      node { name }
      capacity
      evidence { quote start end method }
      onBehalfOf { name code agreements(first: 5) { nodes { name kind } } }
    } }
  } }
}`,
});

export const SEARCH_TERMS = ['montreal', 'wildberger', 'energy', 'deep learn', 'sovereign', 'munich', 'canada', 'robotics', 'declaration', 'data centers', 'ethical', 'semiconductor'];
export const LISTS = ['countries', 'people', 'agreements', 'events', 'topics', 'organizations', 'places', 'products', 'offices', 'policies', 'sources'];

/** A query for the ids of up to 100 entities of every list. */
export const IDS_QUERY = `{ ${LISTS.map((l) => `${l}(first: 100) { nodes { id } }`).join(' ')} }`;

/** The ids of each list in the `data` of an answer to IDS_QUERY. */
export function idsOf(data: unknown): Record<string, string[]> {
  const lists = data as Record<string, { nodes: Array<{ id: string }> }>;
  return Object.fromEntries(LISTS.map((l) => [l, lists[l]!.nodes.map((n) => n.id)]));
}

/** The ids of up to 100 entities of every list, by list, asked of a server over HTTP. */
export async function entityIds(server: Server, headers: Record<string, string>): Promise<Record<string, string[]>> {
  const { text } = await post(server, JSON.stringify({ query: IDS_QUERY }), headers);
  return idsOf(JSON.parse(text).data);
}

/**
 * The hot, unique and generated workloads as Apollo receives their bodies from the HTTP route
 * (parsed JSON), for benchmarks that run Apollo in their own process: request `i` of each, the
 * generated documents themselves, and the ids the unique documents look up.
 */
export function inProcessWorkloads(
  ids: Record<string, string[]>,
  schema: GraphQLSchema,
  options: { seed: number; count: number },
): { bodies: Record<string, (i: number) => Record<string, unknown>>; pool: GeneratedRequest[]; uniqueIds: string[] } {
  const uniqueIds = [...ids.people!, ...ids.agreements!, ...ids.topics!];
  const pool = generateDocuments(schema, { seed: options.seed, count: options.count, ids: LISTS.flatMap((l) => ids[l]!), searchTerms: SEARCH_TERMS }).requests;
  let uniqueCounter = 0;
  return {
    bodies: {
      hot: () => JSON.parse(HOT),
      unique: () => JSON.parse(uniqueRequest(uniqueCounter++, uniqueIds)),
      generated: (i) => ({ ...pool[i % pool.length]! }),
    },
    pool,
    uniqueIds,
  };
}

export function mixedRequests(ids: Record<string, string[]>): string[] {
  const all = LISTS.flatMap((l) => ids[l]!);
  const requests: string[] = [];
  const lookup = 'query Lookup($id: ID!) { node(id: $id) { id ... on Entity { name description labels { language text } relations(first: 10) { totalCount edges { direction other { id name } node { type evidence { quote } } } } } } }';
  for (const id of all) requests.push(JSON.stringify({ query: lookup, variables: { id }, operationName: 'Lookup' }));
  for (const term of SEARCH_TERMS) {
    requests.push(JSON.stringify({ query: 'query Search($q: String!) { search(query: $q, first: 5) { totalCount nodes { score field snippet { text } node { id } } } }', variables: { q: term } }));
  }
  for (const from of ids.people!) {
    for (const to of all.slice(0, 8)) {
      requests.push(JSON.stringify({ query: 'query Path($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 3, first: 3) { length hops { relationship { type } } } }', variables: { from, to } }));
    }
  }
  for (const code of ['DE', 'CA', 'US', 'CN']) {
    requests.push(JSON.stringify({ query: 'query Parties($code: String) { agreements(filter: { parties: { some: { code: { equals: $code } } } }) { nodes { name } } }', variables: { code } }));
  }
  for (const first of [1, 2, 5, 10]) {
    for (const order of ['NAME', 'AGREEMENTS_COUNT', 'DEGREE']) {
      requests.push(JSON.stringify({ query: `query Topics($first: Int) { topics(first: $first, orderBy: [{ field: ${order}, direction: DESC }]) { totalCount pageInfo { endCursor } nodes { name } } }`, variables: { first } }));
    }
  }
  return requests;
}

/** A document no cache has seen: a new alias and field set each time. */
export function uniqueRequest(n: number, ids: string[]): string {
  const id = ids[n % ids.length];
  const extra = n % 3 === 0 ? 'aliases' : n % 3 === 1 ? 'description' : 'label(language: DE)';
  return JSON.stringify({ query: `{ u${n}: node(id: "${id}") { id ... on Entity { name ${extra} } } }` });
}

