import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const executeFiles = ['execute.js', 'execute.mjs'].map((file) => path.join(path.dirname(require.resolve('graphql')), 'execution', file));

// patches/graphql+16.15.0.patch, applied by `npm ci` (postinstall: patch-package); README, "Speed".
// What it changes is where a cache lives, not what execution answers: every other test runs on it.
describe('the graphql-js patch', () => {
  it('is applied: subfields are memoised on the execution, not in a module-level WeakMap', () => {
    for (const file of executeFiles) {
      const source = readFileSync(file, 'utf8');
      expect(source, `${file}: run \`npx patch-package\``).toContain('exeContext.subfieldCache');
      expect(source).not.toMatch(/collectSubfields = (\(0, _memoize\.memoize3\)|memoize3)\(/);
    }
  });
});
