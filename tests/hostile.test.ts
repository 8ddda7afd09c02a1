import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, TINY_SEED, type TestHttp, storeWith } from './helpers.js';

/** Generous: only a hang comes near it. Not a benchmark. */
const HANG_BOUND_MS = 15_000;
const GQL = 'application/graphql-response+json';

interface Answer {
  status: number;
  body: any;
}

let dev: TestHttp;
let prod: TestHttp;
beforeAll(async () => {
  const store = await loadMemoryStore(TINY_SEED);
  const limits = { maxBodyBytes: 1_048_576, headersTimeoutMs: 500, requestTimeoutMs: 1000 };
  dev = await httpOn(store, { limits });
  prod = await httpOn(store, { limits, server: { production: true, introspection: false } });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
});

const within = async <T>(work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_BOUND_MS} ms: the server hangs`)), HANG_BOUND_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
};

async function request(target: TestHttp, init: RequestInit & { path?: string }): Promise<Answer> {
  const response = await fetch(`${target.url}${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) };
}

const postJson = (target: TestHttp, body: unknown, accept = GQL) =>
  request(target, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const query = (text: string, variables?: unknown, target: TestHttp = dev) => postJson(target, { query: text, ...(variables === undefined ? {} : { variables }) });

/** Sends raw bytes on a new connection and returns what came back before the server closed it. */
async function raw(target: TestHttp, send: (write: (text: string) => void) => Promise<void>): Promise<Answer> {
  const { port } = new URL(target.url);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close');
  await send((text) => socket.write(text));
  await closed;
  const [head = '', body = ''] = received.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), body: JSON.parse(body) };
}

const codeOf = (answer: Answer): string | undefined => answer.body?.errors?.[0]?.extensions?.code;

async function stillAnswers(target: TestHttp): Promise<void> {
  // Cache-Control: no-cache, so the query executes each time rather than come from the answer cache.
  const answer = await request(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GQL, 'cache-control': 'no-cache' },
    body: JSON.stringify({ query: '{ country(code: "SV") { name } }' }),
  });
  expect(answer).toEqual({ status: 200, body: { data: { country: { name: 'Sylvania' } }, extensions: { cost: { requested: 2, limit: 10_000, touched: 1 } } } });
}

interface HostileCase {
  name: string;
  target?: () => TestHttp;
  send: () => Promise<Answer>;
  status: number;
  /** The code of the first error; null when the request is answered without errors. */
  code: string | null;
  check?: (answer: Answer) => void;
}

const nestSignatories = (levels: number): string => {
  let selection = 'name';
  for (let i = 0; i < levels; i++) selection = `signatories { nodes { signedAgreements { nodes { ${selection} } } } }`;
  return `{ agreements { nodes { ${selection} } } }`;
};
const aliases = (count: number): string => `{ ${Array.from({ length: count }, (_, i) => `a${i}: people { totalCount }`).join(' ')} }`;
const fragmentExplosion = (levels: number): string => {
  const fragments = Array.from({ length: levels }, (_, i) => (i === levels - 1 ? `fragment F${i} on Person { name }` : `fragment F${i} on Person { name ...F${i + 1} ...F${i + 1} }`));
  return `{ people { nodes { ...F0 } } } ${fragments.join(' ')}`;
};

const cases: HostileCase[] = [
  { name: 'deep nesting through circular relationships', send: () => query(nestSignatories(8)), status: 400, code: 'QUERY_TOO_DEEP' },
  {
    name: 'deep nesting hidden in fragments',
    send: () => query(`{ agreements { nodes { ...A } } } fragment A on Agreement { signatories { nodes { ...P } } } fragment P on Person { signedAgreements { nodes { signatories { nodes { signedAgreements { nodes { signatories { nodes { signedAgreements { nodes { signatories { nodes { name } } } } } } } } } } } } }`),
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  { name: 'deep introspection', send: () => query(`{ __schema { types { ${'fields { type { '.repeat(10)}name${' } }'.repeat(10)} } } }`), status: 400, code: 'QUERY_TOO_DEEP' },
  { name: 'an alias bomb', send: () => query(aliases(200)), status: 400, code: 'TOO_MANY_ALIASES' },
  { name: 'an alias bomb over the token limit', send: () => query(aliases(2000)), status: 400, code: 'TOO_MANY_TOKENS' },
  { name: 'a fragment cycle', send: () => query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a fragment explosion (each fragment spreads the next twice)', send: () => query(fragmentExplosion(30)), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'directive overloading', send: () => query(`{ ${'__typename @skip(if: false) '.repeat(200)} }`), status: 400, code: 'TOO_MANY_DIRECTIVES' },
  { name: 'an unknown directive repeated', send: () => query(`{ __typename ${'@nope '.repeat(20)} }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'a huge string literal as an id',
    send: () => query(`{ node(id: "${'x'.repeat(500_000)}") { id } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: (answer) => expect(answer.body.errors[0].message.length).toBeLessThan(400),
  },
  { name: 'a huge list literal', send: () => query(`{ nodes(ids: [${'"Person:a" '.repeat(6000)}]) { id } }`), status: 400, code: 'TOO_MANY_TOKENS' },
  { name: 'a huge list in a variable', send: () => query('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 50_000 }, (_, i) => `Person:p${i}`) }), status: 400, code: 'LIST_TOO_LONG' },
  { name: 'a list literal nested 2000 deep', send: () => query(`{ nodes(ids: ${'['.repeat(2000)}${']'.repeat(2000)}) { id } }`), status: 400, code: 'QUERY_TOO_DEEP' },
  { name: 'selections nested 2400 deep', send: () => query(`${'{ a '.repeat(2400)}${'}'.repeat(2400)}`), status: 400, code: 'QUERY_TOO_DEEP' },
  { name: 'a list literal nested 40 deep', send: () => query(`{ nodes(ids: ${'['.repeat(40)}${']'.repeat(40)}) { id } }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a variable nested 100000 deep in JSON', send: () => postJson(dev, `{"query":"query ($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`), status: 400, code: 'VARIABLES_TOO_DEEP' },
  {
    name: 'a filter variable nested 100000 deep',
    send: () => postJson(dev, `{"query":"query ($f: PersonFilter) { people(filter: $f) { totalCount } }","variables":{"f":${'{"NOT":'.repeat(100_000)}{}${'}'.repeat(100_000)}}}`),
    status: 400,
    code: 'VARIABLES_TOO_DEEP',
  },
  {
    name: 'a filter variable with 150000 alternatives',
    send: () => query('query ($f: PersonFilter) { people(filter: $f) { totalCount } }', { f: { OR: Array.from({ length: 150_000 }, () => ({})) } }),
    status: 400,
    code: 'LIST_TOO_LONG',
  },
  {
    name: 'a filter variable of 100 times 100 alternatives, each list within the limit',
    send: () => query('query ($f: PersonFilter) { people(filter: $f) { totalCount } }', { f: { OR: Array.from({ length: 100 }, () => ({ OR: Array.from({ length: 100 }, () => ({})) })) } }),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    check: (answer) => expect(answer.body.errors[0].message).toMatch(/^The query's estimated cost of 10\d{3} is over the limit of 10000/),
  },
  {
    name: 'null for a non-null argument through a variable with a default',
    send: () => query('query ($id: ID = "Person:alice-example") { node(id: $id) { id } }', { id: null }),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (answer) => expect(answer.body.errors).toEqual([{ message: 'Argument "id" of non-null type "ID!" must not be null.', locations: [{ line: 1, column: 53 }], extensions: { code: 'BAD_USER_INPUT' } }]),
  },
  {
    name: 'null for a costly query through a variable with a default (the cost limit still applies)',
    send: () => query(`query ($id: ID = "Person:alice-example") { node(id: $id) { id } ${Array.from({ length: 10 }, (_, i) => `a${i}: topics(first: 100) { nodes { agreements(first: 100) { nodes { topics(first: 100) { nodes { id } } } } } }`).join(' ')} }`, { id: null }),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (answer) => expect(answer.body.data).toBeUndefined(),
  },
  {
    name: 'null for @skip(if:) through a variable with a default',
    send: () => query('query ($s: Boolean = true) { countries { totalCount @skip(if: $s) } }', { s: null }),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (answer) => expect(answer.body.errors[0].message).toBe('Argument "if" of non-null type "Boolean!" must not be null.'),
  },
  {
    name: 'a mutation without a key',
    send: () => query('mutation { retractFact(input: {fact: "Relationship:Person:alice-example>SIGNED>Agreement:springfield-accord", reason: "probing"}) { retractedId } }'),
    status: 403,
    code: 'FORBIDDEN',
    check: (answer) => expect(answer.body.errors[0].message).toBe('retractFact needs the right of curating (the curator role); a request without a key has the role reader.'),
  },
  {
    name: 'a subscription sent to /graphql',
    send: () => query('subscription { factsChanged { sequence } }'),
    status: 400,
    code: 'SUBSCRIPTION_NOT_SERVED_HERE',
    check: (answer) => expect(answer.body.errors[0].message).toMatch(/^Subscriptions are served as server-sent events at \/graphql\/stream/),
  },
  { name: 'thousands of variable definitions', send: () => query(`query (${Array.from({ length: 3000 }, (_, i) => `$v${i}: Int`).join(' ')}) { __typename }`), status: 400, code: 'TOO_MANY_TOKENS' },
  {
    name: 'thousands of variable values nobody declared',
    send: () => query('{ __typename }', Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`v${i}`, i]))),
    status: 200,
    code: null,
    check: (answer) => expect(answer.body.data).toEqual({ __typename: 'Query' }),
  },
  { name: 'a variable of the wrong type', send: () => query('query ($n: Int) { people(first: $n) { totalCount } }', { n: 'ten' }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'variables that are not an object', send: () => postJson(dev, { query: '{ __typename }', variables: 'n=1' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is not a string', send: () => postJson(dev, { query: { evil: true } }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a batched array of operations', send: () => postJson(dev, Array.from({ length: 100 }, () => ({ query: '{ __typename }' }))), status: 400, code: 'BATCHING_NOT_SUPPORTED' },
  { name: 'invalid JSON', send: () => postJson(dev, '{"query": "{ __typename }"'), status: 400, code: 'BAD_REQUEST' },
  { name: 'a body that is not UTF-8', send: () => request(dev, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a text/plain body (a simple cross-site POST)', send: () => request(dev, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a form body', send: () => request(dev, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a JSON body in another charset', send: () => request(dev, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query":"{ __typename }"}' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'an enormous body with its length declared', send: () => postJson(dev, { query: `{ __typename } # ${'x'.repeat(2_000_000)}` }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  {
    name: 'an enormous chunked body without a declared length',
    send: () =>
      raw(dev, async (write) => {
        write('POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
        const chunk = 'x'.repeat(65_536);
        for (let i = 0; i < 20; i++) write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a GET with a mutation',
    send: () => request(dev, { method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { __typename }')}`, headers: { accept: GQL } }),
    status: 405,
    code: 'BAD_REQUEST',
    check: (answer) => expect(answer.body.errors[0].message).toBe('GET requests only support query operations, not mutation operations'),
  },
  { name: 'a PUT', send: () => request(dev, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'an unknown operation name', send: () => postJson(dev, { query: 'query A { __typename }', operationName: 'B' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two operations and no name', send: () => postJson(dev, { query: 'query A { __typename } query B { __typename }' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'introspection probing in production', target: () => prod, send: () => query('{ __type(name: "Query") { fields { name } } }', undefined, prod), status: 400, code: 'INTROSPECTION_DISABLED' },
  {
    name: 'suggestion probing in production',
    target: () => prod,
    send: () => query('{ peple { nodes { nmae } } }', undefined, prod),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (answer) => expect(JSON.stringify(answer.body)).not.toContain('Did you mean'),
  },
  { name: 'a malformed id', send: () => query('{ node(id: "person:Alice Example") { id } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an oversize id that is otherwise well formed', send: () => query(`{ node(id: "Person:${'a'.repeat(5000)}") { id } }`), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a negative first', send: () => query('{ people(first: -1) { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an enormous first', send: () => query('{ people(first: 2147483647) { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a first beyond 32-bit integers', send: () => query('{ people(first: 99999999999) { totalCount } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a cursor the API never issued', send: () => query('{ people(after: "../../etc/passwd") { totalCount } }'), status: 200, code: 'BAD_USER_INPUT' },
  {
    name: 'a slow-loris client that never finishes its headers',
    send: () =>
      raw(dev, async (write) => {
        write('POST /graphql HTTP/1.1\r\nhost: x\r\n');
        write('x-slow: 1\r\n');
      }),
    status: 408,
    code: 'REQUEST_TIMEOUT',
  },
  {
    name: 'a client that stops halfway through its body',
    send: () =>
      raw(dev, async (write) => {
        write('POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":');
      }),
    status: 408,
    code: 'REQUEST_TIMEOUT',
  },
  {
    name: 'headers larger than the server accepts',
    send: () => raw(dev, async (write) => write(`GET /health HTTP/1.1\r\nhost: x\r\nx-big: ${'y'.repeat(32_000)}\r\n\r\n`)),
    status: 431,
    code: 'HEADERS_TOO_LARGE',
  },
  { name: 'bytes that are not HTTP', send: () => raw(dev, async (write) => write('\u0000\u0001 HELLO\r\n\r\n')), status: 400, code: 'BAD_REQUEST' },
  // Absolute-form request targets (HTTP/1.1 servers must accept them) whose authority is not a URL.
  ...['http://1.2.3.4.5/health', 'http://a:99999/health', 'http://%zz/health', 'http://[1::2::3]/health', 'http://0x100000000/health', 'http://xn--/health'].map(
    (target): HostileCase => ({
      name: `the request target ${target}`,
      send: () => raw(dev, async (write) => write(`GET ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`)),
      status: 400,
      code: 'BAD_REQUEST',
      check: (answer) => expect(answer.body.errors[0].message).toBe('The request target is not a valid URL; send a path such as /graphql.'),
    }),
  ),
  {
    name: 'a CONNECT request',
    send: () => raw(dev, async (write) => write('CONNECT 1.2.3.4:443 HTTP/1.1\r\nhost: 1.2.3.4:443\r\n\r\n')),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    name: 'a valid absolute-form request target',
    send: () => raw(dev, async (write) => write('GET http://entente.example/health HTTP/1.1\r\nhost: entente.example\r\nconnection: close\r\n\r\n')),
    status: 200,
    code: null,
    check: (answer) => expect(answer.body).toEqual({ status: 'ok' }),
  },
];

describe('hostile input', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const hostile of cases) {
    it(`answers ${hostile.name} with ${hostile.status} ${hostile.code ?? 'and no error'}, and keeps answering`, async () => {
      const answer = await within(hostile.send());
      expect(answer.status).toBe(hostile.status);
      expect(codeOf(answer) ?? null).toBe(hostile.code);
      // A sentence for the API user, not an echo of the input or an internal message.
      if (hostile.code !== null) expect(answer.body.errors[0].message).toMatch(/^\S.{10,500}$/);
      expect(JSON.stringify(answer.body)).not.toContain('Maximum call stack');
      expect(JSON.stringify(answer.body)).not.toMatch(/\bat .*\.(ts|js):\d+|stacktrace|node_modules/);
      hostile.check?.(answer);
      await within(stillAnswers(hostile.target?.() ?? dev));
    });
  }
});

describe('a request that runs too long', () => {
  it('is answered with REQUEST_TIMEOUT at the execution time limit, and the server keeps answering', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const slow = await httpOn(storeWith(store, { getNodes: async (ids) => (await stuck, store.getNodes(ids)) }), { limits: { executionTimeoutMs: 200 } });
    try {
      const answer = await within(query('{ node(id: "Person:alice-example") { id } }', undefined, slow));
      expect(answer).toEqual({ status: 503, body: { errors: [{ message: 'The request did not finish within the limit of 200 ms; ask for less.', extensions: { code: 'REQUEST_TIMEOUT', limit: 200 } }] } });
      await within(stillAnswers(slow));
    } finally {
      release();
      await slow.close();
    }
  });
});

describe('a request abandoned at the execution limit', () => {
  it('stops its work: no store call starts after the 503', async () => {
    const store = await loadMemoryStore(TINY_SEED);
    let calls = 0;
    const slow = storeWith(store, {
      listRelationships: async (...args) => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return store.listRelationships(...args);
      },
    });
    const target = await httpOn(slow, { limits: { executionTimeoutMs: 150 } });
    try {
      // Five levels of relationships, each one store call after the one before (page sizes differ,
      // so no level is answered from the DataLoader's cache): about 500 ms of work.
      const deep =
        '{ people(first: 3) { nodes { signedAgreements(first: 3) { nodes { signatories(first: 3) { nodes { signedAgreements(first: 2) { nodes { signatories(first: 2) { nodes { signedAgreements(first: 1) { nodes { name } } } } } } } } } } } } }';
      // A first request warms the server up, so the limit is spent on the store calls, not on start-up.
      await within(query('{ people(first: 1) { nodes { signedAgreements(first: 1) { totalCount } } } }', undefined, target));
      calls = 0;
      const answer = await within(query(deep, undefined, target));
      expect(answer.status).toBe(503);
      expect(codeOf(answer)).toBe('REQUEST_TIMEOUT');
      const atTimeout = calls;
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(atTimeout).toBeLessThan(5);
      expect(calls, 'no store call after the request was abandoned').toBe(atTimeout);
    } finally {
      await target.close();
    }
  });
});
