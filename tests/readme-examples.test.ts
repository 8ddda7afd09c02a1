import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerExamples, EXAMPLE_PATTERN } from './readme-examples.js';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

describe('the README', () => {
  it('shows the real answer after every GraphQL example (npm run readme:examples writes them)', async () => {
    const shown = [...README.matchAll(EXAMPLE_PATTERN)].map(([, , json]) => JSON.parse(json!));
    expect(shown.length).toBeGreaterThan(10);
    expect(await answerExamples(README)).toEqual(shown);
  });
});
