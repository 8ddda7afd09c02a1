/**
 * A peer for `npm run bench`: Apollo Server 5 as its documentation starts it (`startStandaloneServer`,
 * every option left at its default), on Entente's schema, resolvers and context over the in-memory
 * store. Nothing of Entente's own request path: no HTTP cache, no document store of ours, no limits
 * or plugins. Prints its port once listening.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createContext, type Context } from '../../src/context.js';
import { resolvers } from '../../src/modules/index.js';
import { readTypeDefs } from '../../src/schema.js';
import { store } from './seed-store.js';

const server = new ApolloServer<Context>({ typeDefs: readTypeDefs(), resolvers });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' }, context: async () => createContext(store) });
console.log(`apollo listening on ${new URL(url).port}`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
