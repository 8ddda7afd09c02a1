import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, REAL_SEED, type TestHttp } from './helpers.js';
import { answerGeneratedDocuments, answerOperations, answerReadmeExamples, RECORDED } from './recorded.js';

/**
 * The answers the service gives, recorded byte for byte: every operation in operations/, every
 * example of the README and a fixed set of documents generated from the schema, over real HTTP on
 * the article's seed. A refactoring must leave them as they are; a change made on purpose (new
 * data, a fixed error code) is recorded again with `npx vitest run tests/recorded-answers.test.ts -u`,
 * and the diff of tests/recorded/ shows exactly what it changed. tests/postgres-answers.test.ts holds
 * the PostgreSQL store to the same files.
 */
let http: TestHttp;
beforeAll(async () => {
  // No response cache: every answer here is computed, not replayed.
  http = await httpOn(await loadMemoryStore(REAL_SEED), { http: { responseCacheBytes: 0 } });
});
afterAll(() => http.close());

describe('recorded answers', () => {
  it('answers every operation in operations/ as recorded', async () => {
    await expect(await answerOperations(http)).toMatchFileSnapshot(RECORDED.operations);
  });

  it('answers every example of the README as recorded', async () => {
    await expect(await answerReadmeExamples(http)).toMatchFileSnapshot(RECORDED.readme);
  });

  it('answers a fixed set of documents generated from the schema as recorded', async () => {
    await expect(await answerGeneratedDocuments(http)).toMatchFileSnapshot(RECORDED.generated);
  });
});
