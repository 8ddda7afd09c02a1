import { openTestStore } from './postgres/databases.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('PostgreSQL', () => openTestStore('tiny'));
