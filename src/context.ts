import { createLoaders, type Loaders } from './loaders/index.js';
import type { GraphStore } from './store/graph-store.js';

/** What every resolver receives: the store, this request's loaders and, over HTTP, its id for the logs. */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
  requestId?: string;
}

export function createContext(store: GraphStore, requestId?: string): Context {
  return { store, loaders: createLoaders(store), requestId };
}
