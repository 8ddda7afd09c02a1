import { fileURLToPath } from 'node:url';
import { loadMemoryStore } from '../../src/store/load.js';

/** The graph every peer serves: the article's seed, loaded as Entente loads it. */
export const store = await loadMemoryStore(fileURLToPath(new URL('../../seed/', import.meta.url)));
