import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpOn, type TestHttp } from './helpers.js';
import { openTestStore } from './postgres/databases.js';
import { answerGeneratedDocuments, answerOperations, answerReadmeExamples, RECORDED } from './recorded.js';

/**
 * The article's graph loaded into PostgreSQL answers exactly what the memory store answers: every
 * operation in operations/, every README example and the generated documents, byte for byte against
 * the answers recorded on the memory store (tests/recorded/, see tests/recorded-answers.test.ts).
 * This file only reads them: re-recording is the memory store's test's job.
 */
let http: TestHttp;
beforeAll(async () => {
  http = await httpOn(await openTestStore('article'), { http: { responseCacheBytes: 0 } });
});
afterAll(() => http.close());

describe('the PostgreSQL store answers as recorded on the memory store', () => {
  it('answers every operation in operations/ byte for byte', async () => {
    expect(await answerOperations(http)).toBe(readFileSync(RECORDED.operations, 'utf8'));
  });

  it('answers every example of the README byte for byte', async () => {
    expect(await answerReadmeExamples(http)).toBe(readFileSync(RECORDED.readme, 'utf8'));
  });

  it('answers the documents generated from the schema byte for byte', async () => {
    expect(await answerGeneratedDocuments(http)).toBe(readFileSync(RECORDED.generated, 'utf8'));
  });
});
