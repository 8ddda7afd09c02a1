import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, TINY_SEED, type TestHttp, storeWith } from './helpers.js';

let http: TestHttp;
beforeAll(async () => {
  http = await httpOn(await loadMemoryStore(TINY_SEED), { limits: { maxBodyBytes: 4096 } });
});
afterAll(() => http.close());

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${http.url}/graphql`, { method: 'POST', headers, body });

describe('HTTP', () => {
  it('answers a POST with the GraphQL response media type when asked for it', async () => {
    const response = await post(JSON.stringify({ query: '{ country(code: "SV") { name } }' }), {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(await response.json()).toEqual({ data: { country: { name: 'Sylvania' } }, extensions: { cost: { requested: 2, limit: 10_000, touched: 1 } } });
  });

  it('answers a GET query from a client that shows it is not a simple cross-site request', async () => {
    const response = await fetch(`${http.url}/graphql?query=${encodeURIComponent('{ people(first: 1) { nodes { id } } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { people: { nodes: [{ id: 'Person:alice-example' }] } }, extensions: { cost: { requested: 3, limit: 10_000, touched: 1 } } });
  });

  it('refuses invalid JSON with 400 and a JSON error naming the problem', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const body: any = await response.json();
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body.errors[0].message).toMatch(/^The request body is not valid JSON: /);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ people { totalCount } } #${'x'.repeat(5000)}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is larger than the limit of 4096 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 4096 } }] });
  });

  it('refuses a body that is not UTF-8', async () => {
    const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0]).toEqual({ message: 'The request body is not valid UTF-8.', extensions: { code: 'BAD_REQUEST' } });
  });

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${http.url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${http.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', graphVersion: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('answers an unknown path with a JSON 404', async () => {
    const response = await fetch(`${http.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'Nothing is served at /nope; GraphQL is at /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('hides an internal failure behind a stable code, with no message, path or stack of the server', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    const failing = storeWith(store, { getNodes: () => Promise.reject(new Error('disk on fire at /srv/secret.ts:12')) });
    const broken = await httpOn(failing);
    try {
      const response = await fetch(`${broken.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ node(id: "Person:alice-example") { id } }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        data: { node: null },
        errors: [
          {
            message: 'The server could not complete this part of the request; the failure has been logged.',
            locations: [{ line: 1, column: 3 }],
            path: ['node'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
        extensions: { cost: { requested: 2, limit: 10_000, touched: 1 } },
      });
    } finally {
      await broken.close();
    }
  });
});

describe('connections', () => {
  /** The Connection header of each of `count` requests sent one after another through one keep-alive socket. */
  async function connectionHeaders(url: string, count: number): Promise<Array<string | undefined>> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const seen: Array<string | undefined> = [];
    try {
      for (let i = 0; i < count; i++) {
        seen.push(
          await new Promise<string | undefined>((resolve, reject) => {
            request(`${url}/health`, { agent }, (response) => {
              response.resume();
              response.on('end', () => resolve(response.headers.connection));
            })
              .on('error', reject)
              .end();
          }),
        );
      }
    } finally {
      agent.destroy();
    }
    return seen;
  }

  it('keeps a connection open for any number of requests by default', async () => {
    expect(readConfig({}).http.maxRequestsPerSocket).toBe(0);
    expect(await connectionHeaders(http.url, 5)).toEqual(['keep-alive', 'keep-alive', 'keep-alive', 'keep-alive', 'keep-alive']);
  });

  it('closes a connection after MAX_REQUESTS_PER_SOCKET requests, answering the last one first', async () => {
    const capped = await httpOn(await loadMemoryStore(TINY_SEED), { limits: { maxRequestsPerSocket: 2 } });
    try {
      expect(await connectionHeaders(capped.url, 5)).toEqual(['keep-alive', 'close', 'keep-alive', 'close', 'keep-alive']);
    } finally {
      await capped.close();
    }
  });
});
