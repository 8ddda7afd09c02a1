/**
 * A typed client for Entente: sends a document compiled by codegen's client preset and prints the
 * answer with its evidence. Run a server (npm start), then `npm run example -- who-signed`; set
 * ENTENTE_URL to reach another server (default http://localhost:4000/graphql).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import type { GraphQLFormattedError } from 'graphql';
import { pathToFileURL } from 'node:url';
import { HowConnectedDocument, WhoSignedDocument } from '../src/generated/client/graphql.js';

export interface Answer<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Sends a typed document. The text sent is the one in the persisted-documents manifest, byte for
 * byte, so a server that runs only known operations accepts it; `__meta__.hash` is its id there.
 */
export async function request<TData, TVariables>(url: string, document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<Answer<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: printExecutableGraphQLDocument(document), variables }),
  });
  return (await response.json()) as Answer<TData>;
}

function failed(answer: Answer<unknown>): string | null {
  if (!answer.errors?.length) return null;
  return `The server refused: ${answer.errors.map((e) => `${e.message} (${String(e.extensions?.code ?? 'no code')})`).join('; ')}`;
}

async function whoSigned(url: string): Promise<string> {
  const answer = await request(url, WhoSignedDocument, { agreement: 'Agreement:de-ca-ai-declaration' });
  const problem = failed(answer);
  if (problem) return problem;
  const agreement = answer.data?.node;
  if (!agreement || !('signatories' in agreement)) return 'No agreement has that id.';
  const lines = [`${agreement.name}`];
  if (agreement.concludedOn) {
    const at = agreement.concludedAt ? ` at ${agreement.concludedAt.node.name}` : '';
    lines.push(`concluded ${agreement.concludedOn.iso}${agreement.concludedOn.isInferred ? ' (inferred)' : ''}${at}`);
  }
  lines.push(`signed by ${agreement.signatories.totalCount}:`);
  for (const edge of agreement.signatories.edges) {
    const forWhom = edge.onBehalfOf ? ` for ${edge.onBehalfOf.name}` : '';
    const capacity = edge.capacity ? `, as ${edge.capacity}` : '';
    lines.push(`- ${edge.node.name}${forWhom}${capacity}`);
    for (const evidence of edge.evidence) {
      lines.push(`    "${evidence.quote}"`, `      ${evidence.source.title}, characters ${evidence.start}-${evidence.end}, ${evidence.method.toLowerCase()}`);
    }
  }
  return lines.join('\n');
}

async function howConnected(url: string): Promise<string> {
  const answer = await request(url, HowConnectedDocument, { from: 'Person:karsten-wildberger', to: 'Person:donald-trump' });
  const problem = failed(answer);
  if (problem) return problem;
  const paths = answer.data?.paths ?? [];
  if (paths.length === 0) return 'Not connected within 4 hops.';
  return paths
    .map((path, index) =>
      [`path ${index + 1} (${path.length} hops):`, ...path.hops.map((hop) => `  ${hop.from.name} -${hop.relationship.type}-> ${hop.to.name}\n    "${hop.evidence[0]?.quote ?? ''}"`)].join('\n'),
    )
    .join('\n');
}

export const examples: Record<string, (url: string) => Promise<string>> = {
  'who-signed': whoSigned,
  'how-connected': howConnected,
};

/** Runs one example against a server and returns what it prints. */
export async function runExample(name: string, url: string): Promise<string> {
  const example = examples[name];
  if (!example) throw new Error(`Unknown example ${JSON.stringify(name)}; choose one of: ${Object.keys(examples).join(', ')}.`);
  return example(url);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.ENTENTE_URL ?? 'http://localhost:4000/graphql';
  runExample(process.argv[2] ?? 'who-signed', url).then(
    (text) => console.log(text),
    (error: unknown) => {
      const cause = error instanceof TypeError && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      console.error(error instanceof Error ? `${error.message}${cause}` : error);
      if (cause) console.error(`Is Entente running at ${url}? Start it with npm start, or set ENTENTE_URL.`);
      process.exit(1);
    },
  );
}
