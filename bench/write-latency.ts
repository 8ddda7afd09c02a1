/**
 * How long one write takes on the writable memory store (or, with `--store postgres`, the
 * PostgreSQL store: an embedded server unless `--database-url` names one) as the graph grows:
 *
 *   npm run bench:writes -- [--sizes 1000,10000,100000] [--writes 7] [--store memory|postgres] [--database-url <url>]
 *
 * For each size, the synthetic graph of bench/generate-graph.ts is loaded with a journal in a fresh
 * folder, a source with its text is added, and then `--writes` single-entity additions are made
 * one after another through the curator (the mutation's path without HTTP): each is checked by the
 * seed's rules, the whole graph is built again, the journal entry is fsynced and the graph swapped
 * in. Reported: the median and range of those writes, and the load. Sizes run in one process one
 * after the other; nothing is asserted about time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Curator } from '../src/curation/curator.js';
import { draftAddEntities, draftAddSource } from '../src/curation/drafts.js';
import type { WritableGraphStore } from '../src/store/graph-store.js';
import { LiveMemoryStore } from '../src/store/live-memory-store.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { generateGraph } from './generate-graph.js';
import { benchServer, loadDatabase, type BenchServer } from './postgres-server.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    writes: { type: 'string', default: '7' },
    store: { type: 'string', default: 'memory' },
    'database-url': { type: 'string' },
  },
});
const onPostgres = values.store === 'postgres';
const server: BenchServer | null = onPostgres ? await benchServer(values['database-url']) : null;
const sizes = values.sizes.split(',').map(Number);
const writes = Number(values.writes);
const TEXT = 'Bench Person One met Bench Person Two at the bench summit.';

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: string[] = [];
for (const size of sizes) {
  const seedDir = mkdtempSync(path.join(tmpdir(), 'entente-write-seed-'));
  const journalDir = mkdtempSync(path.join(tmpdir(), 'entente-write-journal-'));
  try {
    const generated = await generateGraph(size, seedDir);
    let started = performance.now();
    let store: WritableGraphStore & { close(): Promise<void> };
    let loadMs: number;
    if (server) {
      // db:load in a child process (records kept), then a store on the database.
      const url = await server.createDatabase('entente_bench_writes');
      loadMs = await loadDatabase(url, seedDir);
      store = await PostgresGraphStore.open({ url, poolSize: 4, statementTimeoutMs: 600_000 });
    } else {
      store = await LiveMemoryStore.open({ seedDir, sourceTextsDir: null, journalDir, warn: () => {} });
      loadMs = performance.now() - started;
    }
    const curator = new Curator(store);
    const source = await curator.apply('ADD_SOURCE', 'bench', null, () =>
      draftAddSource({ slug: 'bench-text', text: TEXT, title: 'Bench Person One', language: 'EN', publishedOn: { value: '2026', evidence: [{ source: 'Source:bench-text', quote: 'Bench Person One', start: 0, end: 16, method: 'EDITORIAL', reason: 'bench' }] } }),
    );
    if ('errors' in source) throw new Error(JSON.stringify(source.errors));
    const times: number[] = [];
    for (let i = 0; i < writes; i++) {
      started = performance.now();
      const outcome = await curator.apply('ADD_ENTITIES', 'bench', null, () =>
        draftAddEntities({ entities: [{ type: 'PERSON', slug: `bench-person-${i}`, name: `Bench Person ${i}`, mentions: [{ source: 'Source:bench-text', quote: 'Bench Person Two', start: 21, end: 37 }] }] }),
      );
      times.push(performance.now() - started);
      if ('errors' in outcome) throw new Error(JSON.stringify(outcome.errors));
    }
    await store.close();
    const line = `| ${generated.entities.toLocaleString('en')} | ${generated.relationships.toLocaleString('en')} | ${(loadMs / 1000).toFixed(2)} s | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms |`;
    rows.push(line);
    console.error(line);
  } finally {
    rmSync(seedDir, { recursive: true, force: true });
    rmSync(journalDir, { recursive: true, force: true });
  }
}
await server?.stop();
console.log(
  `Command: \`npm run bench:writes -- --sizes ${values.sizes} --writes ${writes}${onPostgres ? ' --store postgres' : ''}\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}${server ? `, ${server.description}` : ''}).\n`,
);
console.log('| entities | relationships | load with records kept | write p50 | write min–max |\n| --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
