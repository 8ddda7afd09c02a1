import { createLoaders, type Loaders } from './loaders/index.js';
import type { GraphStore } from './store/graph-store.js';

/** What every resolver receives: the store and this request's loaders. */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
}

export function createContext(store: GraphStore): Context {
  return { store, loaders: createLoaders(store) };
}
