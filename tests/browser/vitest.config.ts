import { defineConfig } from 'vitest/config';
import { oneGraphql } from '../../vitest.config.js';

// Browser tests drive Debian's chromium through playwright-core; they are kept out of `npm test`.
export default defineConfig({
  resolve: oneGraphql,
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
