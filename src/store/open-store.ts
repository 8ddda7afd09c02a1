import type { Config } from '../config.js';
import type { GraphStore } from './graph-store.js';
import { LiveMemoryStore } from './live-memory-store.js';
import { loadMemoryStore } from './load.js';

/** A store the service serves from, and how to let go of it at shutdown. */
export interface OpenStore {
  store: GraphStore;
  close(): Promise<void>;
}

/**
 * Opens the store the configuration names: the PostgreSQL database, migrated to the current schema
 * on the way; or the memory store built from the seed folder (checked as it loads), with its
 * journal replayed over it when JOURNAL_DIR is set, so the graph takes changes.
 */
export async function openStore(config: Config, log: (message: string) => void, warn: (message: string) => void): Promise<OpenStore> {
  if (config.store === 'postgres') {
    // Loaded only for this store: a service on the memory store loads no database code.
    const { PostgresGraphStore } = await import('./postgres/postgres-store.js');
    const store = await PostgresGraphStore.open({ ...config.database!, log });
    return { store, close: () => store.close() };
  }
  if (config.journalDir) {
    const store = await LiveMemoryStore.open({ seedDir: config.seedDir, sourceTextsDir: config.sourceTextsDir, journalDir: config.journalDir, warn });
    return { store, close: () => store.close() };
  }
  const store = await loadMemoryStore(config.seedDir, config.sourceTextsDir);
  return { store, close: async () => {} };
}
