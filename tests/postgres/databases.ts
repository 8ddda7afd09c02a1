import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { PostgresGraphStore } from '../../src/store/postgres/postgres-store.js';
import { databaseUrl } from './global-setup.js';

/**
 * A database of the suite's server for this test file alone, cloned from a template (which takes a
 * fraction of a second) or empty, and dropped when the file's tests are done.
 */
export async function createTestDatabase(template: 'tiny' | 'article' | 'living' | null): Promise<string> {
  const { adminUrl, templates } = inject('postgres');
  const name = `${template === null ? templates.tiny.replace(/_tiny$/, '') : templates[template]}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template === null ? '' : ` TEMPLATE ${templates[template]}`}`);
  } finally {
    await admin.end();
  }
  afterAll(async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => cleanup.end());
  });
  return databaseUrl(adminUrl, name);
}

/** A store on a fresh clone of a template, closed when the file's tests are done. */
export async function openTestStore(template: 'tiny' | 'article' | 'living'): Promise<PostgresGraphStore> {
  const store = await PostgresGraphStore.open({ url: await createTestDatabase(template), poolSize: 4, statementTimeoutMs: 10_000 });
  afterAll(() => store.close());
  return store;
}

/** Runs `work` on a connection of its own to a database, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
