import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, runExample } from '../examples/client.js';
import { WhoSignedDocument } from '../src/generated/client/graphql.js';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, REAL_SEED, type TestHttp } from './helpers.js';

let http: TestHttp;
beforeAll(async () => {
  http = await httpOn(await loadMemoryStore(REAL_SEED));
});
afterAll(() => http.close());

describe('the example client', () => {
  it('sends a typed document and gets typed data back', async () => {
    const answer = await request(`${http.url}/graphql`, WhoSignedDocument, { agreement: 'Agreement:de-ca-ai-declaration' });
    expect(answer.errors).toBeUndefined();
    const node = answer.data?.node;
    expect(node && 'signatories' in node ? node.signatories.edges.map((edge) => edge.onBehalfOf?.name) : null).toEqual(['Germany', 'Canada']);
  });

  it('prints who signed the declaration, for whom, and the words of the source', async () => {
    expect(await runExample('who-signed', `${http.url}/graphql`)).toBe(
      [
        'Joint Declaration of Intent on AI',
        'concluded 2026-02-14 (inferred) at Munich Security Conference 2026',
        'signed by 2:',
        '- Karsten Wildberger for Germany, as German Digital Minister',
        '    "German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent"',
        '      Bridging the Atlantic: Germany and Canada Forge AI Alliance, characters 671-798, extracted',
        '- Evan Solomon for Canada, as Canadian counterpart',
        '    "his Canadian counterpart Evan Solomon signed a joint declaration of intent"',
        '      Bridging the Atlantic: Germany and Canada Forge AI Alliance, characters 724-798, extracted',
      ].join('\n'),
    );
  });

  it('names the examples it knows when asked for another', async () => {
    await expect(runExample('who-knows', `${http.url}/graphql`)).rejects.toThrow('Unknown example "who-knows"; choose one of: who-signed, how-connected.');
  });
});
