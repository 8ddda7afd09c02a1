import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context.js';
import { asksForOrigin } from '../http/http-cache.js';
import type { Metrics } from '../metrics.js';
import { operationKey } from './operation-key.js';

/** An answer's `data`, as execution made it. */
type AnswerData = Record<string, unknown>;

/**
 * Bytes an answer's objects hold per character of its JSON. Answers as execution makes them
 * share their strings with the store but have an object per selection: with 2 here, the heap
 * they held was 0.94 times the estimate for the benchmark's unique answers (small) and 1.81 times
 * for its generated ones (many small objects); at 4 neither is under-counted.
 */
const BYTES_PER_CHARACTER = 4;
/** The per-entry cost beyond key and answer: the map slot and lru-cache's bookkeeping. */
const ENTRY_OVERHEAD = 128;

/**
 * The `data` of finished query answers inside Apollo's pipeline, by everything that decides them
 * (see answerKey), bounded in bytes, least recently used out first (lru-cache). Only successful
 * answers of queries are kept. A kept answer is never changed: a hit hands Apollo a new result
 * object around it, whose extensions the plugins fill in as for any answer.
 */
export class AnswerCache {
  private readonly answers: LRUCache<string, AnswerData>;

  constructor(readonly maxBytes: number) {
    this.answers = new LRUCache<string, AnswerData>({
      maxSize: maxBytes,
      sizeCalculation: (data, key) => key.length * 2 + JSON.stringify(data).length * BYTES_PER_CHARACTER + ENTRY_OVERHEAD,
    });
  }

  get(key: string): AnswerData | undefined {
    return this.answers.get(key);
  }

  keep(key: string, data: AnswerData): void {
    this.answers.set(key, data);
  }

  /** What the cache holds now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.answers.size, bytes: this.answers.calculatedSize };
  }
}

/**
 * The key of a query's answer: the operation's key (graph version, document, operation name,
 * canonical variables: src/operations/operation-key.ts) and the role of the key that asks. No query
 * field reads the role or the key's name today (only mutations do, to record who made a change),
 * so answers do not differ by role; the role is in the key all the same, so that a field that one
 * day answers by role cannot hand one role's answer to another. The key's name is not: nothing a
 * query answers depends on it, and keying by it would keep one copy of each answer per key.
 */
export function answerKey(requestContext: Pick<GraphQLRequestContext<Context>, 'contextValue' | 'queryHash' | 'request'>): string {
  return `${operationKey(requestContext)}\n${requestContext.contextValue.principal.role}`;
}

/**
 * The answer cache's part of the pipeline, at `responseForOperation`, the hook Apollo's own
 * response-cache plugin uses: every request still runs requestDidStart, parsing (or the document
 * store), validation, didResolveOperation (roles, the cost limit, budgets) and willSendResponse
 * (the cost extension, the log line, metrics); a hit skips execution alone. Only queries are
 * looked up and kept: never mutations or subscriptions, never an answer with errors, never an
 * incremental one. A request that says `Cache-Control: no-cache` (or `no-store`, `max-age=0`,
 * `Pragma: no-cache`) is not answered from the cache, as in the HTTP cache; its answer replaces
 * the entry.
 *
 * No query answer depends on the time it is asked: `asOf`, `history` and `changes` read the
 * journal, which the graph version pins (a write appends to the journal and moves the version).
 */
export function answerCachePlugin(cache: AnswerCache, metrics?: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation(requestContext) {
          const { operation, contextValue, request } = requestContext;
          // Apollo calls this hook when no operation could be resolved too (an unknown operation name), whatever its type says.
          if ((operation as typeof operation | undefined)?.operation !== 'query' || contextValue.feed) return null;
          key = answerKey(requestContext);
          const headers = request.http?.headers;
          const data = asksForOrigin(headers?.get('cache-control'), headers?.get('pragma')) ? undefined : cache.get(key);
          metrics?.answerCache.inc(data ? 'hit' : 'miss');
          if (contextValue.requestLog) contextValue.requestLog.answerCacheHit = data !== undefined;
          if (!data) return null;
          hit = true;
          // What Apollo's usage reporting reads to count the operation as answered from a cache.
          requestContext.metrics.responseCacheHit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response }) {
          if (key === undefined || hit || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data) return;
          cache.keep(key, data);
        },
      };
    },
  };
}
