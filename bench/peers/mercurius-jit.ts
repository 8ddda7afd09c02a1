/**
 * A peer for `npm run bench`: mercurius on fastify with graphql-jit compiling every document from
 * its second use (`jit: 1`), its other options at their defaults (a cache of 1024 parsed and
 * validated documents), on Entente's schema (with its resolvers, as Entente builds it), context and
 * in-memory store. Prints its port once listening.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { createContext, type Context } from '../../src/context.js';
import { resolvers } from '../../src/modules/index.js';
import { readTypeDefs } from '../../src/schema.js';
import { store } from './seed-store.js';

const app = Fastify({ logger: false });
await app.register(mercurius, {
  schema: makeExecutableSchema<Context>({ typeDefs: readTypeDefs(), resolvers }),
  jit: 1,
  context: () => createContext(store),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`mercurius listening on ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
