import { getIntrospectionQuery } from 'graphql';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, sha256 } from '../src/operations/trusted-documents.js';
import { loadMemoryStore } from '../src/store/load.js';
import type { GraphStore } from '../src/store/graph-store.js';
import { httpOn, REAL_SEED, TINY_SEED, type TestHttp } from './helpers.js';

const LIMITS = { maxDepth: 6, maxAliases: 5, maxDirectives: 5, maxTokens: 300, maxCost: 500, maxVariableDepth: 64, maxListLength: 100 };
const MANIFEST = fileURLToPath(new URL('./fixtures/trusted/persisted-documents.json', import.meta.url));
const PEOPLE_HASH = 'e34b2e1c3e60ca561b48e937eabb129b38af12988b3afb531b7db354605fcef1';

let store: GraphStore;
let http: TestHttp;
beforeAll(async () => {
  store = await loadMemoryStore(TINY_SEED);
  http = await httpOn(store, { server: { limits: LIMITS } });
});
afterAll(() => http.close());

const post = async (target: TestHttp, body: unknown, accept = 'application/json', headers: Record<string, string> = {}) => {
  const response = await fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

const NESTED_PAGES = 'query ($outer: Int, $inner: Int) { people(first: $outer) { nodes { signedAgreements(first: $inner) { nodes { name } } } } }';

describe('the cost limit', () => {
  it('reports the cost of a literal first in extensions', async () => {
    expect(await post(http, { query: '{ people(first: 2) { nodes { name } } }' })).toMatchObject({
      status: 200,
      body: { data: { people: { nodes: [{ name: 'Alice Example' }, { name: 'Bob Sample' }] } }, extensions: { cost: { requested: 5, limit: 500 } } },
    });
  });

  it('costs a first passed as a variable the same as the literal', async () => {
    const response = await post(http, { query: 'query ($n: Int) { people(first: $n) { nodes { name } } }', variables: { n: 2 } });
    expect(response.body.extensions).toEqual({ cost: { requested: 5, limit: 500, touched: 2 } });
  });

  it('costs an omitted first at the default page size of 20', async () => {
    const response = await post(http, { query: '{ people { nodes { name } } }' });
    expect(response.body.extensions).toEqual({ cost: { requested: 41, limit: 500, touched: 3 } });
  });

  it('refuses nested pages sized by variables before anything executes', async () => {
    const counted = { calls: 0 };
    const watched = await httpOn({ ...store, version: store.version, statistics: () => store.statistics(), getNodes: (ids) => (counted.calls++, store.getNodes(ids)), getRelationships: (...a) => (counted.calls++, store.getRelationships(...a)), findByName: (n) => store.findByName(n), listEntities: (...a) => (counted.calls++, store.listEntities(...a)) }, { server: { limits: LIMITS } });
    try {
      const response = await post(watched, { query: NESTED_PAGES, variables: { outer: 100, inner: 100 } }, 'application/graphql-response+json');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errors: [
          {
            message: "The query's estimated cost of 20201 is over the limit of 500; ask for smaller pages (first), fewer nested lists or smaller filters.",
            extensions: { code: 'QUERY_TOO_COMPLEX', limit: 500 },
          },
        ],
        extensions: { cost: { requested: 20201, limit: 500, touched: 0 } },
      });
      expect(counted.calls).toBe(0);
    } finally {
      await watched.close();
    }
  });

  it('answers a refusal with 200 under application/json, as GraphQL over HTTP recommends', async () => {
    const response = await post(http, { query: NESTED_PAGES, variables: { outer: 100 } });
    expect(response.status).toBe(200);
    expect(response.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 500 });
    expect(response.body.data).toBeUndefined();
  });

  it('leaves a first over 100 to the field, which names the argument', async () => {
    const response = await post(http, { query: '{ people(first: 1000000) { totalCount } }' });
    expect(response.body).toEqual({
      data: null,
      errors: [{ message: '"first" must be between 0 and 100; got 1000000.', locations: [{ line: 1, column: 3 }], path: ['people'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } }],
      extensions: { cost: { requested: 101, limit: 500, touched: 0 } },
    });
  });
});

describe('the depth, alias, directive and token limits', () => {
  it('refuses a query nested deeper than the limit, naming the limit', async () => {
    const response = await post(http, { query: '{ people { nodes { signedAgreements { nodes { signatories { nodes { name } } } } } } }' }, 'application/graphql-response+json');
    expect(response).toMatchObject({ status: 400 });
    expect(response.body).toEqual({
      errors: [{ message: 'The query nests 7 levels deep, over the limit of 6; ask for fewer nested levels.', extensions: { code: 'QUERY_TOO_DEEP', limit: 6, found: 7 } }],
    });
  });

  it('counts introspection against the depth limit', async () => {
    const response = await post(http, { query: '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }' });
    expect(response.body.errors).toEqual([{ message: 'The query nests 8 levels deep, over the limit of 6; ask for fewer nested levels.', extensions: { code: 'QUERY_TOO_DEEP', limit: 6, found: 8 } }]);
  });

  it('lets the standard introspection query through the default limits', async () => {
    const defaults = await httpOn(store);
    try {
      const response = await post(defaults, { query: getIntrospectionQuery() });
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.__schema.queryType).toMatchObject({ name: 'Query' });
    } finally {
      await defaults.close();
    }
  });

  it('refuses more aliases than the limit', async () => {
    const response = await post(http, { query: `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: people { totalCount }`).join(' ')} }` });
    expect(response.body).toEqual({ errors: [{ message: 'The query uses 6 aliases, over the limit of 5; use fewer aliases.', extensions: { code: 'TOO_MANY_ALIASES', limit: 5, found: 6 } }] });
  });

  it('refuses more directives than the limit', async () => {
    const response = await post(http, { query: `{ ${'__typename @include(if: true) '.repeat(6)} }` });
    expect(response.body).toEqual({ errors: [{ message: 'The query uses 6 directives, over the limit of 5; use fewer directives.', extensions: { code: 'TOO_MANY_DIRECTIVES', limit: 5, found: 6 } }] });
  });

  it('stops parsing at the token limit', async () => {
    const response = await post(http, { query: `{ ${'__typename '.repeat(400)} }` }, 'application/graphql-response+json');
    expect(response).toMatchObject({ status: 400 });
    expect(response.body).toEqual({ errors: [{ message: 'The document has more than 300 tokens, the limit; send a shorter document.', extensions: { code: 'TOO_MANY_TOKENS', limit: 300 } }] });
  });
});

describe('production posture', () => {
  let production: TestHttp;
  beforeAll(async () => {
    production = await httpOn(store, { server: { production: true, introspection: false }, http: { corsOrigins: ['https://analysts.example.org'] } });
  });
  afterAll(() => production.close());

  it('gives no field suggestions in production', async () => {
    const response = await post(production, { query: '{ peopl { totalCount } }' });
    expect(response.body).toEqual({ errors: [{ message: 'Cannot query field "peopl" on type "Query".', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
  });

  it('gives field suggestions in development', async () => {
    const response = await post(http, { query: '{ peopl { totalCount } }' });
    expect(response.body.errors[0].message).toBe('Cannot query field "peopl" on type "Query". Did you mean "people"?');
  });

  it('refuses introspection when it is switched off, but still answers __typename', async () => {
    const refused = await post(production, { query: '{ __schema { queryType { name } } }' });
    expect(refused.body).toEqual({
      errors: [{ message: 'Introspection is switched off on this server, so "__schema" cannot be queried.', locations: [{ line: 1, column: 3 }], extensions: { code: 'INTROSPECTION_DISABLED' } }],
    });
    expect((await post(production, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
  });

  it('lets only allow-listed origins read responses, and refuses other preflights', async () => {
    const allowed = await fetch(`${production.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://analysts.example.org', 'access-control-request-method': 'POST' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://analysts.example.org');
    const other = await fetch(`${production.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ errors: [{ message: 'The origin https://evil.example is not allowed to call this API from a browser.', extensions: { code: 'ORIGIN_NOT_ALLOWED' } }] });
    const simple = await post(production, { query: '{ __typename }' }, 'application/json', { origin: 'https://evil.example' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a GET a browser marks as cross-site without the preflight header (CSRF)', async () => {
    const response = await fetch(`${production.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } });
    expect(response.status).toBe(400);
    const body: any = await response.json();
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body.errors[0].message).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery/);
  });

  it('refuses a form or text POST before GraphQL sees it', async () => {
    const response = await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ errors: [{ message: 'A POST to /graphql must have the content type application/json, not text/plain.', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
  });
});

describe('trusted documents', () => {
  let enforced: TestHttp;
  let allowing: TestHttp;
  const unknown: string[] = [];
  beforeAll(async () => {
    const manifest = loadManifest(MANIFEST, true);
    enforced = await httpOn(store, { server: { apqCacheSize: 0 }, http: { trustedDocuments: { mode: 'enforce', manifest } } });
    allowing = await httpOn(store, { server: { manifest, onUnknownDocument: ({ documentHash }) => unknown.push(documentHash) }, http: { trustedDocuments: { mode: 'allow', manifest } } });
  });
  afterAll(async () => {
    await enforced.close();
    await allowing.close();
  });

  it('runs a manifest document by documentId', async () => {
    const response = await post(enforced, { documentId: `sha256:${PEOPLE_HASH}` });
    expect(response.body.data).toEqual({ people: { nodes: [{ name: 'Alice Example' }, { name: 'Bob Sample' }] } });
  });

  it('runs a manifest document by its persisted-query hash, over GET too', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: PEOPLE_HASH } });
    const response = await fetch(`${enforced.url}/graphql?extensions=${encodeURIComponent(extensions)}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data).toEqual({ people: { nodes: [{ name: 'Alice Example' }, { name: 'Bob Sample' }] } });
  });

  it('refuses query text that is not in the manifest when enforcing', async () => {
    const response = await post(enforced, { query: '{ people { totalCount } }' });
    expect(response).toMatchObject({ status: 400 });
    expect(response.body).toEqual({
      errors: [{ message: 'This server runs only trusted documents; send the documentId of a document from the client manifest instead of query text.', extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }],
    });
  });

  it('refuses an unknown documentId', async () => {
    const response = await post(enforced, { documentId: 'f'.repeat(64) });
    expect(response.body).toEqual({
      errors: [{ message: 'The documentId does not name a document this server trusts; update the client or send a known documentId.', extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' } }],
    });
  });

  it('runs unknown documents in allow mode and reports each once', async () => {
    const query = '{ people { totalCount } }';
    expect((await post(allowing, { query })).body.data).toEqual({ people: { totalCount: 3 } });
    expect((await post(allowing, { query })).body.data).toEqual({ people: { totalCount: 3 } });
    expect(unknown).toEqual([sha256(query)]);
  });

  it('enforces the manifest codegen builds from operations/, whose keys are sha256:<hash>', async () => {
    const clientManifest = loadManifest(fileURLToPath(new URL('../src/generated/persisted-documents.json', import.meta.url)), true);
    const real = await httpOn(await loadMemoryStore(REAL_SEED), { server: { apqCacheSize: 0 }, http: { trustedDocuments: { mode: 'enforce', manifest: clientManifest } } });
    try {
      const [hash, document] = [...clientManifest].find(([, text]) => text.startsWith('query WhoSigned'))!;
      const byId = await post(real, { documentId: `sha256:${hash}` });
      expect(byId.body.data.node.signatories.edges.map((e: any) => e.node.name)).toEqual(['Karsten Wildberger', 'Evan Solomon']);
      const byText = await post(real, { query: document });
      expect(byText.body.data).toEqual(byId.body.data);
      expect((await post(real, { query: `${document} ` })).body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    } finally {
      await real.close();
    }
  });

  it('refuses to start enforcing without a manifest, naming the file', () => {
    expect(() => loadManifest('/nonexistent/persisted-documents.json', true)).toThrow(
      'TRUSTED_DOCUMENTS=enforce needs the persisted-documents manifest, but /nonexistent/persisted-documents.json cannot be read (ENOENT); build it with codegen or set TRUSTED_DOCUMENTS_MANIFEST.',
    );
    expect(loadManifest('/nonexistent/persisted-documents.json', false).size).toBe(0);
  });
});
