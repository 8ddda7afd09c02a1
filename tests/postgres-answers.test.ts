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
 *
 * One figure is the store's own: `extensions.cost.touched`, the items the store handled for the
 * request, is what each store measures of its work (the memory store counts entities tested and
 * relationships followed; PostgreSQL the rows its statements return), so it is compared as a number,
 * not by value. Every other byte is compared as it is.
 */
function sameWork(answers: string): string {
  return answers.replaceAll(/"touched":\d+/g, '"touched":#');
}

let http: TestHttp;
beforeAll(async () => {
  http = await httpOn(await openTestStore('article'), { http: { responseCacheBytes: 0 } });
});
afterAll(() => http.close());

describe('the PostgreSQL store answers as recorded on the memory store', () => {
  it('answers every operation in operations/ byte for byte', async () => {
    expect(sameWork(await answerOperations(http))).toBe(sameWork(readFileSync(RECORDED.operations, 'utf8')));
  });

  it('answers every example of the README byte for byte', async () => {
    expect(sameWork(await answerReadmeExamples(http))).toBe(sameWork(readFileSync(RECORDED.readme, 'utf8')));
  });

  it('answers the documents generated from the schema byte for byte', async () => {
    expect(sameWork(await answerGeneratedDocuments(http))).toBe(sameWork(readFileSync(RECORDED.generated, 'utf8')));
  });
});
