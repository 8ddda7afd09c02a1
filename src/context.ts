import type { RequestLog } from './http/request-log.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { RequestWork } from './lib/work.js';
import type { GraphStore } from './store/graph-store.js';

/**
 * What every resolver receives: the store, this request's loaders and work, and, over HTTP, its id
 * and the log line the pipeline's plugins fill in.
 */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
  /** What the request has asked of the store so far; stopped when the request is abandoned. */
  work: RequestWork;
  requestId?: string;
  requestLog?: RequestLog;
}

/** A request's context; `signal` is aborted when its answer is no longer wanted (its time limit passed). */
export function createContext(store: GraphStore, requestId?: string, signal?: AbortSignal, requestLog?: RequestLog): Context {
  const work = new RequestWork(signal);
  return { store, loaders: createLoaders(store, work), work, requestId, requestLog };
}
