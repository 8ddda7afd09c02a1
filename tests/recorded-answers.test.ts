import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, lexicographicSortSchema, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { schemaDocument } from './arbitraries.js';
import { httpOn, OPERATION_VARIABLES, REAL_SEED, type TestHttp } from './helpers.js';
import { EXAMPLE_PATTERN } from './readme-examples.js';

/**
 * The answers the service gives, recorded byte for byte: every operation in operations/, every
 * example of the README and a fixed set of documents generated from the schema, over real HTTP on
 * the article's seed. A refactoring must leave them as they are; a change made on purpose (new
 * data, a fixed error code) is recorded again with `npx vitest run tests/recorded-answers.test.ts -u`,
 * and the diff of tests/recorded/ shows exactly what it changed.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const VARIABLES = OPERATION_VARIABLES;

function operationsOf(file: string): Array<{ name: string; query: string }> {
  const text = readFileSync(`${ROOT}operations/${file}`, 'utf8');
  const names = parse(text)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => d.name!.value);
  return names.map((name) => ({ name, query: text }));
}

/**
 * The README's examples on the article's graph: each is followed by its answer. The curation
 * walk-through's mutations run on a writable test graph instead (tests/curation.test.ts).
 */
function readmeExamples(): string[] {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  return [...readme.matchAll(EXAMPLE_PATTERN)].map((match) => match[1]!);
}

let http: TestHttp;
beforeAll(async () => {
  // No response cache: every answer here is computed, not replayed.
  http = await httpOn(await loadMemoryStore(REAL_SEED), { http: { responseCacheBytes: 0 } });
});
afterAll(() => http.close());

async function answer(body: Record<string, unknown>, accept = 'application/graphql-response+json'): Promise<string> {
  const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}\n`;
}

describe('recorded answers', () => {
  it('answers every operation in operations/ as recorded', async () => {
    const parts: string[] = [];
    for (const file of readdirSync(`${ROOT}operations`).filter((f) => f.endsWith('.graphql')).sort()) {
      for (const { name, query } of operationsOf(file)) {
        parts.push(`### ${file} ${name}\n${await answer({ query, operationName: name, variables: VARIABLES[name] ?? {} })}`);
      }
    }
    await expect(parts.join('\n')).toMatchFileSnapshot('./recorded/operations.txt');
  });

  it("answers every example of the README as recorded", async () => {
    const parts: string[] = [];
    for (const [i, query] of readmeExamples().entries()) parts.push(`### README example ${i + 1}\n${await answer({ query }, 'application/json')}`);
    await expect(parts.join('\n')).toMatchFileSnapshot('./recorded/readme.txt');
  });

  /**
   * When an error nulls the whole answer, graphql-js answers at once and the request's work stops
   * wherever its other fields had got to, so how much they touched is not a fixed number there.
   */
  function withoutCutShortCount(answer: string): string {
    return answer.includes('"data":null') ? answer.replace(/"touched":\d+/, '"touched":"(cut short)"') : answer;
  }

  it('answers a fixed set of documents generated from the schema as recorded', async () => {
    // Generated from the printed contract, sorted, so the documents change only when what the
    // schema offers does, not when the order it is written in does.
    const schema = lexicographicSortSchema(buildSchema(readFileSync(`${ROOT}schema.graphql`, 'utf8')));
    const documents = fc.sample(schemaDocument(schema), { seed: 20261203, numRuns: 120 });
    const parts: string[] = [];
    for (const [i, query] of documents.entries()) parts.push(`### generated ${i + 1}\n${query}\n${withoutCutShortCount(await answer({ query, variables: { flag: i % 2 === 0 } }))}`);
    await expect(parts.join('\n')).toMatchFileSnapshot('./recorded/generated.txt');
  });
});
