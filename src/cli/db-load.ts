/**
 * Loads a seed folder into the PostgreSQL database that DATABASE_URL names:
 *
 *   npm run db:load -- --seed <seed folder> [--source-texts <folder of source texts>]
 *
 * The seed is checked by the same rules as the memory store's start-up (nothing reaches the
 * database unless all of it passes), the schema is migrated, and the graph replaces what the
 * database held in one transaction: if anything fails, the database is left as it was. Replicas
 * serving the database hear the new version when the load commits.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ConfigError, readConfig } from '../config.js';
import { readSourceTexts } from '../store/load.js';
import { UnstorableRecordError } from '../store/postgres/copy.js';
import { isUnreachable } from '../store/postgres/database-errors.js';
import { loadGraph } from '../store/postgres/load-graph.js';
import { migrate } from '../store/postgres/migrate.js';
import { loadSeedWithRecords, SeedRecordTexts } from '../store/records.js';
import { SeedError } from '../store/seed.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, 'source-texts': { type: 'string' } } });
  if (!values.seed) throw new UsageError('usage: npm run db:load -- --seed <seed folder> [--source-texts <folder of source texts>]');
  const config = readConfig();
  if (!config.database) throw new UsageError('Set DATABASE_URL to the connection string of the database to load, such as postgres://entente:secret@localhost:5432/entente.');
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  console.log(`checking ${values.seed} with the seed rules`);
  const sourceTexts = values['source-texts'] ? await readSourceTexts(values['source-texts']) : undefined;
  // Its records are kept in the database too, so that the graph can take changes (curation); until
  // then as JSON text, which takes a third of the memory parsed records do.
  const { graph, records } = await loadSeedWithRecords(values.seed, new SeedRecordTexts(), { sourceTexts, onProgress: (count) => console.log(`  ${count.toLocaleString('en')} records checked`) });
  console.log(`  ${graph.entities.length.toLocaleString('en')} entities and ${graph.edges.length.toLocaleString('en')} relationships pass (${seconds()})`);

  const client = new pg.Client({ connectionString: config.database.url, application_name: 'entente db:load' });
  await client.connect();
  try {
    const applied = await migrate(client);
    if (applied.length > 0) console.log(`schema migrated: ${applied.join(', ')}`);
    console.log('loading in one transaction');
    let shown = 0;
    await loadGraph(client, graph, {
      sourceTexts,
      records,
      onProgress: ({ table, rows, done }) => {
        // Every table once it is written, and a large one about every second while it is.
        if (!done && performance.now() - shown < 1000) return;
        shown = performance.now();
        console.log(table === 'indexes' ? `  ${rows} indexes and keys built` : `  ${table}: ${rows.toLocaleString('en')} rows${done ? '' : ' so far'}`);
      },
    });
  } finally {
    await client.end();
  }
  console.log(`loaded graph version ${graph.version} in ${seconds()}`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof SeedError || error instanceof ConfigError || error instanceof UsageError) console.error(error.message);
  else if (error instanceof UnstorableRecordError) console.error(`Nothing was loaded: ${error.message}.`);
  else if (isUnreachable(error)) console.error(`Cannot reach the database (${(error as Error).message}); check DATABASE_URL and that PostgreSQL is running.`);
  else if (error instanceof Error && 'severity' in error) console.error(`Nothing was loaded: the database refused the load: ${error.message}.`);
  else console.error(error);
  process.exit(1);
});
