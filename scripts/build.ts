/**
 * The production build: src/ compiled to JavaScript in dist/ by tsc, with the files the server reads
 * at run time copied beside it in the layout of the repository, so every path the code finds
 * through `import.meta.url` (schema.graphql, seed/, operations/, the manifest, the IDE's own files)
 * resolves the same from dist/src/ as from src/. dist/ is self-contained apart from node_modules,
 * which Node finds by walking up from it.
 *
 *   npm run build                     # writes dist/
 *   npm run build -- --out-dir <dir>  # elsewhere inside the project (tests build into node_modules/.cache)
 *   npm run build -- --no-check       # emits without type checking (`npm run typecheck` checks), in a third of the time
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What the server reads from disk at run time, relative to the project root. */
const RUNTIME_FILES = ['schema.graphql', 'seed', 'operations', 'src/studio/public', 'src/generated/persisted-documents.json', 'src/store/postgres/migrations'];

const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' }, 'no-check': { type: 'boolean', default: false } } });
const outDir = resolve(ROOT, values['out-dir']);

rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir, ...(values['no-check'] ? ['--noCheck'] : [])], { stdio: 'inherit' });
for (const file of RUNTIME_FILES) cpSync(join(ROOT, file), join(outDir, file), { recursive: true });
console.log(`built ${outDir}: start it with node ${join(values['out-dir'], 'src', 'index.js')}`);
