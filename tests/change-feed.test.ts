import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_TEXT } from './helpers.js';
import { KEYS, livingGraph, STORES, tinyEvidence, type LivingGraph } from './curation/living.js';

const TEXT = readFileSync(TINY_TEXT, 'utf8');

interface FeedEvent {
  id: string | null;
  event: string;
  data: string;
}

/** Opens the change feed and reads events as they come; `next(n)` returns the next n, waiting for them as needed. */
async function openFeed(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; events: FeedEvent[]; next: (count: number) => Promise<FeedEvent[]>; close: () => void; text: () => Promise<string> }> {
  const controller = new AbortController();
  const response = await fetch(`${url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const events: FeedEvent[] = [];
  let consumed = 0;
  let buffer = '';
  let waiting: (() => void) | null = null;
  const reader = response.headers.get('content-type')?.startsWith('text/event-stream') ? response.body!.getReader() : null;
  const pump = async () => {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader!.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          if (lines.length === 0) continue;
          const field = (name: string) => lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? null;
          events.push({ id: field('id'), event: field('event') ?? 'message', data: field('data') ?? '' });
          waiting?.();
        }
      }
    } catch {
      // aborted by close()
    }
  };
  if (reader) void pump();
  return {
    status: response.status,
    events,
    next: async (count) => {
      const target = consumed + count;
      while (events.length < target) await new Promise<void>((resolve) => (waiting = resolve));
      consumed = target;
      return events.slice(target - count, target);
    },
    close: () => controller.abort(),
    text: () => response.text(),
  };
}

const SUBSCRIPTION = 'subscription Feed($after: String, $filter: ChangeFilter) { factsChanged(after: $after, filter: $filter) { sequence operation actor facts { id action } } }';

function attend(graph: LivingGraph, person: string) {
  return graph.post(
    `mutation($e: [EvidenceInput!]!) { addFacts(input: { relationships: [{ type: ATTENDED, from: "${person}", to: "Event:automation-fair-2024", evidence: $e }] }) { userErrors { message } } }`,
    { e: [tinyEvidence(TEXT, 'Both countries plan to attend the Automation Fair', { method: 'INFERRED', reason: 'a test inference' })] },
    KEYS.curator,
  );
}

// Every store that takes changes feeds them alike.
describe.each(STORES)('on the %s store', (store) => {
  describe('the change feed (server-sent events at /graphql/stream)', () => {
    let graph: LivingGraph;
    beforeAll(async () => {
      graph = await livingGraph({ store });
    });
    afterAll(() => graph.close());

    it('delivers each change once, in journal order, with its cursor as the event id, and resumes after a cursor', async () => {
      const feed = await openFeed(graph.http.url, { query: SUBSCRIPTION }, { authorization: `Bearer ${KEYS.reader}` });
      expect(feed.status).toBe(200);
      for (const person of ['Person:alice-example', 'Person:bob-sample', 'Person:carol-third']) expect((await attend(graph, person)).body.data.addFacts.userErrors).toEqual([]);
      const events = await feed.next(3);
      feed.close();
      expect(events.map((event) => [event.event, JSON.parse(event.data)])).toEqual(
        ['alice-example', 'bob-sample', 'carol-third'].map((slug, i) => [
          'next',
          {
            data: {
              factsChanged: {
                sequence: i + 1,
                operation: 'ADD_FACTS',
                actor: 'cora',
                facts: [{ id: `Relationship:Person:${slug}>ATTENDED>Event:automation-fair-2024`, action: 'ADDED' }],
              },
            },
            // Each delivery ran through the pipeline: it has the cost report of any query.
            extensions: { cost: { requested: expect.any(Number), limit: 10000, touched: expect.any(Number) } },
          },
        ]),
      );
      // The event ids are the changes' cursors: the journal pages from them, and a feed resumes after one.
      const page = await graph.post('{ changes { edges { cursor } } }');
      expect(events.map((event) => event.id)).toEqual(page.body.data.changes.edges.map((edge: { cursor: string }) => edge.cursor));

      const resumed = await openFeed(graph.http.url, { query: SUBSCRIPTION, variables: { after: events[0]!.id } });
      const replay = await resumed.next(2);
      resumed.close();
      expect(replay.map((event) => JSON.parse(event.data).data.factsChanged.sequence)).toEqual([2, 3]);

      // Last-Event-ID, as EventSource sends it on reconnecting, wins over the subscription's own `after`.
      const reconnected = await openFeed(graph.http.url, { query: SUBSCRIPTION, variables: { after: events[0]!.id } }, { 'last-event-id': events[1]!.id! });
      const [only] = await reconnected.next(1);
      reconnected.close();
      expect(JSON.parse(only!.data).data.factsChanged.sequence).toBe(3);
    });

    it('delivers only the changes its filter asks for', async () => {
      const feed = await openFeed(graph.http.url, { query: SUBSCRIPTION, variables: { filter: { about: ['Person:bob-sample'] } } });
      await graph.post(`mutation { retractFact(input: { fact: "Relationship:Person:alice-example>ATTENDED>Event:automation-fair-2024", reason: "not about Bob" }) { userErrors { message } } }`, undefined, KEYS.curator);
      await graph.post(`mutation { retractFact(input: { fact: "Relationship:Person:bob-sample>ATTENDED>Event:automation-fair-2024", reason: "about Bob" }) { userErrors { message } } }`, undefined, KEYS.curator);
      const [event] = await feed.next(1);
      feed.close();
      expect(JSON.parse(event!.data).data.factsChanged).toEqual({
        sequence: 5,
        operation: 'RETRACT_FACT',
        actor: 'cora',
        facts: [{ id: 'Relationship:Person:bob-sample>ATTENDED>Event:automation-fair-2024', action: 'RETRACTED' }],
      });
    });

    it('refuses a subscription that does not validate before any event, as /graphql would', async () => {
      const feed = await openFeed(graph.http.url, { query: 'subscription { factsChanged { nosuch } }' });
      expect(feed.status).toBe(400);
      expect(JSON.parse(await feed.text())).toEqual({
        errors: [{ message: 'Cannot query field "nosuch" on type "Change".', locations: [{ line: 1, column: 31 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      });
    });

    it('refuses an unknown key with 401 and a query with 400', async () => {
      const unknown = await openFeed(graph.http.url, { query: SUBSCRIPTION }, { authorization: 'Bearer nope' });
      expect(unknown.status).toBe(401);
      expect(JSON.parse(await unknown.text()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const query = await openFeed(graph.http.url, { query: '{ changes { totalCount } }' });
      expect(query.status).toBe(400);
      expect(JSON.parse(await query.text()).errors[0]).toEqual({
        message: 'Only subscriptions are served at /graphql/stream; send queries and mutations to /graphql.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  describe('caches and writes', () => {
    let graph: LivingGraph;
    beforeAll(async () => {
      graph = await livingGraph({ store, http: { responseCacheBytes: 1 << 20 } });
    });
    afterAll(() => graph.close());

    it('never serves an answer from before a write the client has seen: a write changes the version the HTTP cache keys on', async () => {
      const url = `${graph.http.url}/graphql?query=${encodeURIComponent('{ node(id: "Person:carol-third") { ... on Person { relations { totalCount } } } }')}`;
      const get = async () => (await (await fetch(url)).json()).data.node.relations.totalCount;
      const versionBefore = graph.store.version;
      expect(await get()).toBe(1);
      expect(await get()).toBe(1);
      expect((await attend(graph, 'Person:carol-third')).body.data.addFacts.userErrors).toEqual([]);
      expect(graph.store.version).not.toBe(versionBefore);
      expect(await get()).toBe(2);
      const ready = await (await fetch(`${graph.http.url}/ready`)).json();
      // A database store also says that its database answers.
      expect(ready).toEqual({ status: 'ready', ...(store === 'postgres' ? { database: 'reachable' } : {}), graphVersion: graph.store.version });
    });
  });
});
