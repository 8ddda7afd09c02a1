import { loadMemoryStore } from '../src/store/load.js';
import { TINY_SEED } from './helpers.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('memory', () => loadMemoryStore(TINY_SEED));
