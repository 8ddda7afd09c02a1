import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, lexicographicSortSchema, parse, type OperationDefinitionNode } from 'graphql';
import { schemaDocument } from './arbitraries.js';
import { OPERATION_VARIABLES, type TestHttp } from './helpers.js';
import { readmeExamples } from './readme-examples.js';

/**
 * The answers the service gives to every operation in operations/, every example of the README and
 * a fixed set of documents generated from the schema, over real HTTP, as one text per set: what
 * tests/recorded/ holds, and what both stores must answer byte for byte.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The recorded answers, by set, as files under tests/recorded/. */
export const RECORDED = {
  operations: fileURLToPath(new URL('./recorded/operations.txt', import.meta.url)),
  readme: fileURLToPath(new URL('./recorded/readme.txt', import.meta.url)),
  generated: fileURLToPath(new URL('./recorded/generated.txt', import.meta.url)),
};

const VARIABLES = OPERATION_VARIABLES;

function operationsOf(file: string): Array<{ name: string; query: string }> {
  const text = readFileSync(`${ROOT}operations/${file}`, 'utf8');
  const names = parse(text)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => d.name!.value);
  return names.map((name) => ({ name, query: text }));
}

/**
 * When an error nulls the whole answer, graphql-js answers at once and the request's work stops
 * wherever its other fields had got to, so how much they touched is not a fixed number there.
 */
function withoutCutShortCount(answer: string): string {
  return answer.includes('"data":null') ? answer.replace(/"touched":\d+/, '"touched":"(cut short)"') : answer;
}

async function answer(http: TestHttp, body: Record<string, unknown>, accept = 'application/graphql-response+json'): Promise<string> {
  const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}\n`;
}

export async function answerOperations(http: TestHttp): Promise<string> {
  const parts: string[] = [];
  for (const file of readdirSync(`${ROOT}operations`).filter((f) => f.endsWith('.graphql')).sort()) {
    for (const { name, query } of operationsOf(file)) {
      parts.push(`### ${file} ${name}\n${await answer(http, { query, operationName: name, variables: VARIABLES[name] ?? {} })}`);
    }
  }
  return parts.join('\n');
}

export async function answerReadmeExamples(http: TestHttp): Promise<string> {
  const parts: string[] = [];
  for (const [i, query] of readmeExamples().entries()) parts.push(`### README example ${i + 1}\n${await answer(http, { query }, 'application/json')}`);
  return parts.join('\n');
}

export async function answerGeneratedDocuments(http: TestHttp): Promise<string> {
  // Generated from the printed contract, sorted, so the documents change only when what the
  // schema offers does, not when the order it is written in does.
  const schema = lexicographicSortSchema(buildSchema(readFileSync(`${ROOT}schema.graphql`, 'utf8')));
  const documents = fc.sample(schemaDocument(schema), { seed: 20261203, numRuns: 120 });
  const parts: string[] = [];
  for (const [i, query] of documents.entries()) parts.push(`### generated ${i + 1}\n${query}\n${withoutCutShortCount(await answer(http, { query, variables: { flag: i % 2 === 0 } }))}`);
  return parts.join('\n');
}
