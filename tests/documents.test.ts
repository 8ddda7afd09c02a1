import { makeExecutableSchema } from '@graphql-tools/schema';
import fc from 'fast-check';
import { parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.js';
import { DocumentStore } from '../src/documents/document-store.js';
import { createValidator } from '../src/documents/validate.js';
import { limitRules } from '../src/limits/validation-rules.js';
import { resolvers } from '../src/modules/index.js';
import { readTypeDefs } from '../src/schema.js';
import { loadMemoryStore } from '../src/store/load.js';
import { graphqlDocument, schemaDocument } from './arbitraries.js';
import { httpOn, REAL_SEED, type TestHttp } from './helpers.js';

const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers });
const rules = [...specifiedRules, ...limitRules(DEFAULT_LIMITS)];
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const passesValidation = createValidator(schema, rules);

function parsed(text: string): DocumentNode | null {
  try {
    return parse(text, { maxTokens: DEFAULT_LIMITS.maxTokens });
  } catch {
    return null;
  }
}

/** The verdict of graphql-js's own validate, which Apollo runs. */
const standardVerdict = (document: DocumentNode) => validate(schema, document, rules).length === 0;

describe('passesValidation', () => {
  const operations = readdirSync('operations').map((file) => readFileSync(`operations/${file}`, 'utf8'));

  it('accepts every example operation, as graphql-js does', () => {
    expect(operations.length).toBeGreaterThan(3);
    for (const text of operations) {
      const document = parse(text);
      expect(standardVerdict(document)).toBe(true);
      expect(passesValidation(document)).toBe(true);
    }
  });

  it.each([
    ['an unknown field', '{ people { nosuch } }'],
    ['a missing selection on an object', '{ people }'],
    ['a selection on a leaf', '{ people { totalCount { x } } }'],
    ['an unknown argument', '{ people(bogus: 1) { totalCount } }'],
    ['a missing required argument', '{ node { id } }'],
    ['a value of the wrong type', '{ people(first: "ten") { totalCount } }'],
    ['clashing aliases', '{ a: people(first: 1) { totalCount } a: people(first: 2) { totalCount } }'],
    ['an unused variable', 'query Q($x: Int) { people { totalCount } }'],
    ['an undefined variable', 'query Q { people(first: $n) { totalCount } }'],
    ['a variable in the wrong position', 'query Q($s: String) { people(first: $s) { totalCount } }'],
    ['an unknown fragment', '{ ...Missing }'],
    ['an unused fragment', '{ __typename } fragment F on Query { __typename }'],
    ['a fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'],
    ['a fragment on an unknown type', '{ ... on Nope { __typename } }'],
    ['a directive in the wrong place', 'query Q @include(if: true) { __typename }'],
    ['an unknown directive', '{ __typename @nope }'],
    ['a directive without its required argument', '{ __typename @include }'],
    ['an unknown argument of a directive', '{ __typename @skip(if: true, when: 1) }'],
    ['a missing field argument beside a directive', '{ node @skip(if: false) { id } }'],
    ['two anonymous operations', '{ __typename } { __typename }'],
    ['a query over the depth limit', `{ people { ${'nodes { signedAgreements { '.repeat(DEFAULT_LIMITS.maxDepth)}totalCount${' } }'.repeat(DEFAULT_LIMITS.maxDepth)} } }`],
    ['too many aliases', `{ ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: people { totalCount }`).join(' ')} }`],
  ])('refuses %s, as graphql-js does', (_what, text) => {
    const document = parse(text);
    expect(standardVerdict(document)).toBe(false);
    expect(passesValidation(document)).toBe(false);
  });

  it('agrees with graphql-js on random documents built from the schema', () => {
    let valid = 0;
    fc.assert(
      fc.property(schemaDocument(schema), (text) => {
        const document = parsed(text);
        if (document === null) return;
        const verdict = standardVerdict(document);
        if (verdict) valid += 1;
        expect(passesValidation(document), text).toBe(verdict);
      }),
      { numRuns: RUNS },
    );
    // The property is only worth something if both verdicts occur often.
    expect(valid).toBeGreaterThan(RUNS / 10);
    expect(valid).toBeLessThan(RUNS - RUNS / 10);
  });

  it('agrees with graphql-js on random and malformed documents', () => {
    fc.assert(
      fc.property(graphqlDocument, (text) => {
        const document = parsed(text);
        if (document !== null) expect(passesValidation(document), text).toBe(standardVerdict(document));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('DocumentStore', () => {
  const store = () => new DocumentStore({ schema, rules, maxTokens: DEFAULT_LIMITS.maxTokens, maxBytes: 1 << 20 });
  const KEY_PREFIX = 'schemahash:';
  const keyOf = (text: string) => KEY_PREFIX + createHash('sha256').update(text).digest('hex');

  it('keeps a valid document under the hash Apollo looks it up by', async () => {
    const documents = store();
    const text = '{ people { totalCount } }';
    // Checked and forgotten the first time, kept the second.
    const first = documents.admit(text);
    expect(first.admission).toBe('admitted');
    expect(documents.admit(text).admission).toBe('admitted');
    const known = documents.admit(text);
    expect(known).toEqual({ admission: 'known', document: known.document, hash: keyOf(text).slice(KEY_PREFIX.length), text });
    expect(known.document).toEqual(first.document);
    // Kept without source locations, which only Apollo needs, so Apollo does not see it yet.
    expect(known.document?.loc).toBeUndefined();
    expect(await documents.get(keyOf(text))).toBeUndefined();
    documents.keep(known);
    const located = await documents.get(keyOf(text));
    expect(located?.loc?.source.body).toBe(text);
    expect(documents.admit(text).document).toBe(located);
  });

  it('keeps a document admitted for the first time, with locations, when asked to, as the route does before Apollo looks for it', async () => {
    const documents = store();
    const text = '{ agreements { totalCount } }';
    const admitted = documents.admit(text);
    expect(admitted.document?.loc).toBeUndefined();
    documents.keep(admitted);
    const kept = await documents.get(keyOf(text));
    expect(kept?.loc?.source.body).toBe(text);
    expect(JSON.parse(JSON.stringify(kept, (key, value) => (key === 'loc' ? undefined : value)))).toEqual(JSON.parse(JSON.stringify(admitted.document)));
    // Admitted with locations from the start (a GET), it is kept as it is.
    const other = '{ people { totalCount } }';
    const withLocations = documents.admit(other, true);
    documents.keep(withLocations);
    expect(await documents.get(keyOf(other))).toBe(withLocations.document);
  });

  it('keeps nothing it could not parse or validate, so Apollo reports those errors itself', async () => {
    const documents = store();
    for (const text of ['{ people { nosuch } }', '{ people {', `{ ${'a: __typename '.repeat(DEFAULT_LIMITS.maxTokens)} }`]) {
      expect(documents.admit(text)).toEqual({ admission: 'refused' });
      expect(await documents.get(keyOf(text))).toBeUndefined();
    }
    expect(documents.size.entries).toBe(0);
  });

  it('stays within its byte bound', () => {
    const documents = new DocumentStore({ schema, rules, maxTokens: DEFAULT_LIMITS.maxTokens, maxBytes: 20_000 });
    const results = Array.from({ length: 200 }, (_, i) => [1, 2].map(() => documents.admit(`{ a${i}: people { totalCount } }`).admission)[1]);
    expect(results.every((result) => result === 'admitted')).toBe(true);
    expect(documents.size.bytes).toBeLessThanOrEqual(20_000);
    expect(documents.size.entries).toBeLessThan(200);
  });
});

describe('over HTTP', () => {
  let http: TestHttp;
  /** The same server with no document store: Apollo parses and validates every document itself. */
  let plain: TestHttp;
  beforeAll(async () => {
    const store = await loadMemoryStore(REAL_SEED);
    http = await httpOn(store);
    plain = await httpOn(store, { server: { documentCacheBytes: 0 } });
  });
  afterAll(async () => {
    await http.close();
    await plain.close();
  });

  const post = async (server: TestHttp, body: unknown, accept = 'application/graphql-response+json') => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('answers an admitted document, and reports every error of a refused one', async () => {
    expect(JSON.parse((await post(http, { query: '{ people { totalCount } }' })).text)).toMatchObject({ data: { people: { totalCount: 4 } } });
    const refused = await post(http, { query: 'query Q($x: Int) { people { nosuch } }' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors.map((e: { message: string }) => e.message)).toEqual([
      'Cannot query field "nosuch" on type "PersonConnection".',
      'Variable "$x" is never used in operation "Q".',
    ]);
  });

  it('answers exactly as Apollo does on its own, for documents valid or not, with variables and operation names', async () => {
    const requests = [
      { query: '{ people { totalCount } }' },
      { query: 'query A { people { totalCount } } query B { agreements { totalCount } }', operationName: 'B' },
      { query: 'query A { people { totalCount } } query B { agreements { totalCount } }' },
      { query: 'query Q($id: ID!) { node(id: $id) { id } }', variables: { id: 'Person:karsten-wildberger' } },
      { query: 'query Q($id: ID!) { node(id: $id) { id } }', variables: { id: 42 } },
      { query: 'query Q($id: ID!) { node(id: $id) { id } }' },
      { query: '{ node(id: "not an id") { id } }' },
      { query: `{ ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: people { totalCount }`).join(' ')} }` },
      { query: '{ people { nosuch } }' },
    ];
    for (const body of requests) {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        // Twice: once admitted or refused, once found in the store.
        for (let attempt = 0; attempt < 2; attempt++) expect(await post(http, body, accept), JSON.stringify(body)).toEqual(await post(plain, body, accept));
      }
    }
  });

  it('answers random documents exactly as Apollo does on its own', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(schemaDocument(schema), graphqlDocument), async (query) => {
        expect(await post(http, { query }), query).toEqual(await post(plain, { query }));
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});
