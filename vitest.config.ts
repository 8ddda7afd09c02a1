import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Node resolves `graphql` to its CommonJS build, for Apollo, graphql-tools and our code alike;
 * Vite would pick the ES module build for our code, and two copies of graphql cannot share a
 * schema. Tests load the copy production loads (the browser tests' config uses this too).
 */
export const oneGraphql = { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] };

export default defineConfig({
  resolve: oneGraphql,
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**'],
    testTimeout: 20_000,
    // A PostgreSQL server for the suite: DATABASE_URL's, or an embedded one (see tests/postgres/).
    globalSetup: ['tests/postgres/global-setup.ts'],
  },
});
