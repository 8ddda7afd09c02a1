/**
 * PostGraphile 5 serving the database an Entente PostgreSQL store uses, for bench/postgres-peers.ts
 * alone: the Amber preset with the connection-filter plugin (relation filters on), and smart tags
 * that declare the adjacency table's references to entity and relationship, which the store's
 * schema leaves undeclared. Prints `PostGraphile listening on <port>` once it serves.
 *
 *   DATABASE_URL=... tsx bench/peers/postgraphile/server.ts   (after npm ci --prefix bench/peers/postgraphile)
 *
 * PostGraphile 5.1 declares Node 22; of what Node 22 adds it uses Promise.withResolvers alone (its
 * dist/ was searched for the rest), which Node 20 lacks: it is supplied here, before PostGraphile
 * loads, by the specification's few lines.
 */
import { createServer } from 'node:http';

const promiseConstructor = Promise as unknown as { withResolvers?: unknown };
promiseConstructor.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
};
const { postgraphile } = await import('postgraphile');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makeJSONPgSmartTagsPlugin } = await import('postgraphile/utils');
const { PostGraphileConnectionFilterPreset } = await import('postgraphile-plugin-connection-filter');

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('set DATABASE_URL');

const references = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      adjacency: {
        tags: {
          foreignKey: [
            '(node) references entity (seq)|@fieldName nodeEntity|@foreignFieldName adjacencies',
            '(other) references entity (seq)|@fieldName otherEntity|@foreignFieldName adjacenciesByOther',
            '(rel) references relationship (seq)|@fieldName relationship|@foreignFieldName adjacencies',
          ],
        },
      },
    },
  },
});

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  plugins: [references],
  // The same pool size and statement timeout as Entente's in bench/postgres-peers.ts.
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 10, statement_timeout: 30_000, application_name: 'postgraphile' } })],
  schema: { connectionFilterRelations: true, connectionFilterAllowNullInput: false },
  grafserv: { graphqlPath: '/graphql', graphiql: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PostGraphile listening on ${typeof address === 'object' && address ? address.port : 0}`);
});
