import { makeExecutableSchema } from '@graphql-tools/schema';
import fc from 'fast-check';
import { Kind, parse, print, specifiedRules, validate, visit, type DocumentNode, type SelectionSetNode } from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.js';
import { DocumentStore } from '../src/documents/document-store.js';
import { costOfOperation, createPlainValidator, type PlainVerdict } from '../src/documents/plain-validation.js';
import { estimateCost } from '../src/limits/query-cost.js';
import { createValidator } from '../src/documents/validate.js';
import { introspectionDisabledRule, limitRules } from '../src/limits/validation-rules.js';
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

describe('createPlainValidator', () => {
  /** What a client adds to a plain query, right or wrong. */
  const SNIPPETS = [
    '__typename', 'a: __typename', '__typename: id', 'id', 'name', 'b: name', 'name { x }', 'bogus', '__schema { queryType { name } }',
    '... on Country { name }', '... on Person { id }', '... on Entity { name }', '... { id }', '... on String { x }', '... on Nope { id }', '... on SourceOrder { field }',
    'totalCount', 'a: totalCount', 'people(first: 2) { totalCount }', 'people(first: "2") { totalCount }', 'people(first: 2, first: 3) { totalCount }',
    'people(bogus: 1) { totalCount }', 'people(first: null) { totalCount }', 'node(id: "Country:germany") { id }', 'node { id }', 'node(id: null) { id }',
    'node(id: $id) { id }', 'label(language: DE)', 'label(language: "DE")', 'label(language: XX)',
    'agreements(orderBy: [{ field: NAME }]) { totalCount }', 'agreements(orderBy: { field: NAME, direction: DESC }) { totalCount }',
    'agreements(orderBy: [{ field: NAME, field: NAME }]) { totalCount }', 'agreements(orderBy: [{ bogus: NAME }]) { totalCount }',
    'agreements(orderBy: [{ direction: ASC }]) { totalCount }', 'agreements(filter: { name: { contains: "x" }, OR: [{ NOT: { name: { contains: "y" } } }] }) { totalCount }',
    'agreements(filter: { name: "x" }) { totalCount }', 'id @include(if: true)',
  ];
  /**
   * Gives every field a response name of its own within its selection set (inline fragments
   * included), renaming repeats with an alias, and drops every directive.
   */
  function withUniqueResponseNames(set: SelectionSetNode, names = new Set<string>()): SelectionSetNode {
    const selections = set.selections.map((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, directives: [], selectionSet: withUniqueResponseNames(selection.selectionSet, names) };
      if (selection.kind !== Kind.FIELD) return selection;
      const taken = names.has(selection.alias?.value ?? selection.name.value);
      const alias = taken ? { kind: Kind.NAME, value: `r${names.size}` } as const : selection.alias;
      names.add(alias?.value ?? selection.name.value);
      return { ...selection, alias, directives: [], selectionSet: selection.selectionSet && withUniqueResponseNames(selection.selectionSet) };
    });
    return { ...set, selections };
  }

  /** A plain query from the schema with one snippet put into one of its selection sets, and no response name used twice. */
  const plainDocument = fc
    .tuple(schemaDocument(schema), fc.constantFrom(...SNIPPETS), fc.nat())
    .filter(([text]) => !text.includes('fragment') && !text.includes('$') && !text.startsWith('subscription'))
    .map(([text, snippet, at]) => {
      const braces = [...text.matchAll(/\{ /g)].map((match) => match.index!);
      const index = braces[at % braces.length]! + 2;
      const document = parsed(`${text.slice(0, index)}${snippet} ${text.slice(index)}`);
      if (document === null) return text;
      const definitions = document.definitions.map((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION ? { ...definition, selectionSet: withUniqueResponseNames(definition.selectionSet) } : definition,
      );
      return print({ ...document, definitions });
    });

  const small = { ...DEFAULT_LIMITS, maxDepth: 6, maxAliases: 3 };
  const configurations = [
    { name: 'the default limits', limits: DEFAULT_LIMITS, rules },
    { name: 'small limits, introspection off', limits: small, rules: [...specifiedRules, ...limitRules(small), introspectionDisabledRule] },
  ];

  it.each(configurations)('passes only documents graphql-js passes, with $name', ({ limits, rules: serverRules }) => {
    const plainPasses = createPlainValidator(schema, limits);
    let decided = 0;
    fc.assert(
      fc.property(fc.oneof(plainDocument, schemaDocument(schema), graphqlDocument), (text) => {
        const document = parsed(text);
        if (document === null || plainPasses(document) === undefined) return;
        decided += 1;
        expect(validate(schema, document, serverRules), text).toEqual([]);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(decided).toBeGreaterThan(RUNS / 20);
  });

  /**
   * Whether a document is one the plain validator is meant to judge: queries without variables,
   * named fragments, directives or introspection, and no response name used twice in a selection
   * set (inline fragments included).
   */
  function isPlain(document: DocumentNode): boolean {
    let plain = true;
    const responseNames = (set: SelectionSetNode, names: string[]): string[] => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) names.push(selection.alias?.value ?? selection.name.value);
        else if (selection.kind === Kind.INLINE_FRAGMENT) responseNames(selection.selectionSet, names);
      }
      return names;
    };
    visit(document, {
      OperationDefinition(node) {
        if (node.operation !== 'query') plain = false;
      },
      FragmentDefinition: () => void (plain = false),
      FragmentSpread: () => void (plain = false),
      Variable: () => void (plain = false),
      Directive: () => void (plain = false),
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') plain = false;
      },
      SelectionSet(node) {
        const names = responseNames(node, []);
        if (new Set(names).size !== names.length) plain = false;
      },
    });
    return plain;
  }

  it.each(configurations)('judges every plain document as graphql-js does, with $name', ({ limits, rules: serverRules }) => {
    const plainPasses = createPlainValidator(schema, limits);
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(plainDocument, (text) => {
        const document = parsed(text);
        if (document === null || !isPlain(document)) return;
        const verdict = validate(schema, document, serverRules).length === 0;
        verdicts[verdict ? 'valid' : 'invalid'] += 1;
        expect(plainPasses(document) !== undefined, text).toBe(verdict);
      }),
      { numRuns: RUNS * 3 },
    );
    // The property is only worth something if both verdicts occur often.
    expect(verdicts.valid).toBeGreaterThan(RUNS / 10);
    expect(verdicts.invalid).toBeGreaterThan(RUNS / 10);
  });

  it('estimates the cost of every operation of a document it passes as estimateCost does', () => {
    const plainPasses = createPlainValidator(schema, DEFAULT_LIMITS);
    const seen = new Set<number>();
    fc.assert(
      fc.property(fc.oneof(plainDocument, schemaDocument(schema)), (text) => {
        const document = parsed(text);
        const verdict = document && plainPasses(document);
        if (!document || !verdict) return;
        const names = document.definitions.map((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? definition.name?.value : undefined));
        for (const name of names) {
          const expected = estimateCost(schema, document, {}, name);
          expect(costOfOperation(verdict, name), text).toBe('cost' in expected ? expected.cost : undefined);
          if ('cost' in expected) seen.add(expected.cost);
        }
        if (names.length === 1) expect(costOfOperation(verdict, undefined), text).toBe(costOfOperation(verdict, names[0]));
        else expect(costOfOperation(verdict, undefined), text).toBeUndefined();
      }),
      { numRuns: RUNS * 3 },
    );
    // Pages, lists of ids and fragments on abstract types give many different costs.
    expect(seen.size).toBeGreaterThan(10);
  });

  it('adds up the cost as the library does where possible types and fragments part ways', () => {
    // An interface nothing implements, and a union whose members each meet only one of two
    // fragments while a type outside it meets both: cases this service's schema does not have.
    const odd = makeExecutableSchema({
      typeDefs: `
        interface Lonely { id: ID }
        interface Named { name: String }
        interface Dated { date: String }
        type A implements Named { name: String }
        type B implements Dated { date: String }
        type C implements Named & Dated { name: String date: String }
        union AB = A | B
        type Query { lonely: Lonely ab: AB c: C }
      `,
    });
    const plainPasses = createPlainValidator(odd, DEFAULT_LIMITS);
    for (const [text, cost] of [
      ['{ lonely { id } }', 1],
      ['{ ab { ... on Named { name } ... on Dated { date } } }', 3],
      ['{ ab { __typename ... on Named { name } } c { ... on Named { name } ... on Dated { date } } }', 6],
    ] as const) {
      const document = parse(text);
      expect(estimateCost(odd, document, {}, undefined), text).toEqual({ cost });
      const verdict = plainPasses(document);
      expect(verdict && costOfOperation(verdict, undefined), text).toBe(cost);
    }
  });

  it('leaves a cost past 2⁵³ to the library, whose order of additions then matters', () => {
    const plainPasses = createPlainValidator(schema, { maxDepth: 40, maxAliases: 30 });
    const nested = (levels: number): string => (levels === 0 ? 'name' : `${levels % 2 ? 'topics' : 'agreements'}(first: 100) { nodes { ${nested(levels - 1)} } }`);
    const seven = parse(`{ ${nested(7)} }`);
    const eight = parse(`{ ${nested(8)} }`);
    expect(costOfOperation(plainPasses(seven)!, undefined)).toBe((estimateCost(schema, seven, {}, undefined) as { cost: number }).cost);
    expect((estimateCost(schema, eight, {}, undefined) as { cost: number }).cost).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(plainPasses(eight)).toBeUndefined();
  });

  it('passes the documents of the unique workload and leaves to the full validator what it does not check', () => {
    const plainPasses = createPlainValidator(schema, small);
    for (const text of [
      '{ u1: node(id: "Country:germany") { id ... on Entity { name label(language: DE) } } }',
      'query A { people(first: 2) { nodes { name } } } query B { __typename }',
      '{ agreements(orderBy: [{ field: NAME, direction: DESC }], first: 3) { nodes { name } } }',
      // Six levels, as deep as the limit allows.
      '{ people { nodes { signedAgreements { nodes { signatories { totalCount } } } } } }',
    ]) {
      expect(validate(schema, parse(text), [...specifiedRules, ...limitRules(small)]), text).toEqual([]);
      expect(plainPasses(parse(text)), text).toBeDefined();
    }
    for (const text of [
      '{ people { nodes { signedAgreements { nodes { signatories { nodes { id } } } } } } }',
      '{ a: people { totalCount } b: people { totalCount } c: people { totalCount } d: people { totalCount } }',
      '{ a: people { totalCount } a: people { totalCount } }',
      '{ people { totalCount } ... on Query { people { totalCount } } }',
      'query Q($n: Int) { people(first: $n) { totalCount } }',
      '{ ...F } fragment F on Query { __typename }',
      '{ __typename @skip(if: false) }',
      '{ __type(name: "Country") { name } }',
      'mutation { __typename }',
      '{ __typename } { __typename }',
      'query A { __typename } query A { __typename }',
    ]) {
      expect(plainPasses(parse(text)), text).toBeUndefined();
    }
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

  it('gives the costs the plain validator worked out with the document, also once it is kept with locations', async () => {
    const documents = new DocumentStore({ schema, rules, maxTokens: DEFAULT_LIMITS.maxTokens, maxBytes: 1 << 20, plainLimits: DEFAULT_LIMITS });
    const text = 'query A { people(first: 3) { nodes { name } } } query B { agreements { totalCount } }';
    const admitted = documents.admit(text);
    const expected = ['A', 'B'].map((name) => (estimateCost(schema, admitted.document!, {}, name) as { cost: number }).cost);
    expect(expected).toEqual([7, 21]);
    const costs = (verdict: PlainVerdict | undefined) => [verdict && costOfOperation(verdict, 'A'), verdict && costOfOperation(verdict, 'B'), verdict && costOfOperation(verdict, undefined)];
    expect(costs(admitted.verdict)).toEqual([...expected, undefined]);
    documents.keep(admitted);
    const known = documents.admit(text);
    expect(known.admission).toBe('known');
    expect(known.document?.loc).toBeDefined();
    expect(costs(known.verdict)).toEqual([...expected, undefined]);
    // A document with variables is left to estimateCost, which applies them.
    const withVariables = documents.admit('query ($n: Int) { people(first: $n) { totalCount } }');
    expect(withVariables.admission).toBe('admitted');
    expect(withVariables.verdict).toBeUndefined();
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
