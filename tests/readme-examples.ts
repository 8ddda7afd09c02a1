import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, REAL_SEED } from './helpers.js';

/** A GraphQL example of the README and the JSON block right after it, which shows its answer. */
export const EXAMPLE_PATTERN = /```graphql\n([\s\S]*?)```\n\n```json\n([\s\S]*?)```/g;

/**
 * The README's examples on the article's graph, in order: each is followed by its answer. The
 * curation walk-through's mutations run on a writable test graph instead (tests/curation.test.ts).
 */
export function readmeExamples(): string[] {
  const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
  return [...readme.matchAll(EXAMPLE_PATTERN)].map((match) => match[1]!);
}

/** The real answer to each example of a README text, in order, as the server gives it over HTTP. */
export async function answerExamples(readme: string): Promise<unknown[]> {
  const http = await httpOn(await loadMemoryStore(REAL_SEED));
  try {
    const answers: unknown[] = [];
    for (const [, query] of readme.matchAll(EXAMPLE_PATTERN)) {
      const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      answers.push(await response.json());
    }
    return answers;
  } finally {
    await http.close();
  }
}
