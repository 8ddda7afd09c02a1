import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';

/** The versioned schema files, applied in name order: 0001_graph.sql, 0002_..., each once. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Brings the database's schema up to date with node-pg-migrate: every migration not yet recorded
 * in schema_migrations runs, all in one transaction, under an advisory lock that a second replica
 * starting at the same moment waits on. Returns the names of the migrations it applied.
 */
export async function migrate(client: pg.Client, log: (message: string) => void = () => {}): Promise<string[]> {
  const quiet = { debug: () => {}, info: log, warn: log, error: log };
  const applied = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    advisoryLockMode: 'wait',
    singleTransaction: true,
    checkOrder: true,
    logger: quiet,
  });
  return applied.map((migration) => migration.name);
}
