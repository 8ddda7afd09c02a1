import { IN_PROCESS, type Principal } from './auth/access.js';
import { Budgets } from './auth/budgets.js';
import type { FeedCheck } from './curation/change-feed.js';
import type { Curator } from './curation/curator.js';
import type { RequestLog } from './http/request-log.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { RequestWork } from './lib/work.js';
import type { GraphStore } from './store/graph-store.js';

/**
 * What every resolver receives: the store, this request's loaders and work, who the request comes
 * from, and, over HTTP, its id and the log line the pipeline's plugins fill in.
 */
export interface Context {
  /** The graph this request reads: fixed for the request (see GraphStore.snapshot), moved on by its own mutations. */
  store: GraphStore;
  loaders: Loaders;
  /** What the request has asked of the store so far; stopped when the request is abandoned. */
  work: RequestWork;
  requestId?: string;
  requestLog?: RequestLog;
  /** Who the request comes from; an anonymous reader without a budget when made in the process. */
  principal: Principal;
  budgets: Budgets;
  /** Where changes go; absent when the server takes none (no journal). */
  curator?: Curator;
  /** The operation's estimated cost, set by the cost plugin when the operation is resolved. */
  requestedCost?: number;
  /** What decides the operation's answer apart from who asks (src/operations/operation-key.ts); set when first asked. */
  operationKey?: string;
  /** Set for the subscribe-time run of a subscription at /graphql/stream (src/curation/change-feed.ts). */
  feed?: FeedCheck;
  /** Contexts for the root fields asked with `asOf`, by response key (src/curation/as-of.ts). */
  asOf?: Map<string, Context>;
}

/** What a request brings beyond the store: who it comes from, their budgets, and where changes go. */
export interface RequestAccess {
  principal: Principal;
  budgets: Budgets;
  curator?: Curator;
}

const NO_BUDGETS = new Budgets();

/** A request's context; `signal` is aborted when its answer is no longer wanted (its time limit passed). */
export function createContext(store: GraphStore, requestId?: string, signal?: AbortSignal, requestLog?: RequestLog, access?: RequestAccess): Context {
  const work = new RequestWork(signal);
  const fixed = store.snapshot?.() ?? store;
  return {
    store: fixed,
    loaders: createLoaders(fixed, work),
    work,
    requestId,
    requestLog,
    principal: access?.principal ?? IN_PROCESS,
    budgets: access?.budgets ?? NO_BUDGETS,
    curator: access?.curator,
  };
}
