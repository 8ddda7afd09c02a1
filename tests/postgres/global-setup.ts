import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadGraph } from '../../src/store/postgres/load-graph.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { readFileSync } from 'node:fs';
import { loadSeedWithRecords, SeedRecordTexts } from '../../src/store/records.js';
import { REAL_SEED, TINY_SEED, TINY_TEXT } from '../helpers.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded.js';

/** What test files are handed: the server's address and the template databases to clone. */
export interface PostgresTestServer {
  /** A connection string for the server's `postgres` database, allowed to create databases. */
  adminUrl: string;
  /**
   * Databases holding the tiny fixture, the article's seed, and the tiny fixture with its source's
   * text (for curation, which cites only sources whose text it holds), to be cloned and never used directly.
   */
  templates: { tiny: string; article: string; living: string };
  /** Where these databases came from: `embedded` or the DATABASE_URL the suite was given. */
  server: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresTestServer;
  }
}

/** A database name with the url's other parts. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Once for the whole suite: a PostgreSQL server (the one DATABASE_URL names, or else a fresh
 * embedded one, removed afterwards) and two template databases, migrated and loaded with the tiny
 * fixture and the article's seed. Each test file clones what it needs (tests/postgres/databases.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests may read the environment; the service reads it only in src/config.ts.
  const given = process.env.DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  let adminUrl: string;
  if (given) {
    adminUrl = given;
  } else {
    embedded = await startEmbeddedServer();
    adminUrl = embedded.url;
  }
  const prefix = `entente_test_${process.pid}`;
  const templates = { tiny: `${prefix}_tiny`, article: `${prefix}_article`, living: `${prefix}_living` };
  const teardown = async () => {
    if (embedded) {
      await embedded.remove();
      return;
    }
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    try {
      const { rows } = await cleanup.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const { datname } of rows) await cleanup.query(`DROP DATABASE ${datname} WITH (FORCE)`);
    } finally {
      await cleanup.end();
    }
  };
  try {
    await createTemplates(adminUrl, templates);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('postgres', { adminUrl, templates, server: given ? 'DATABASE_URL' : 'embedded' });
  return teardown;
}

async function createTemplates(adminUrl: string, templates: PostgresTestServer['templates']): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const [name, seed, texts] of [
      [templates.tiny, TINY_SEED, undefined],
      [templates.article, REAL_SEED, undefined],
      [templates.living, TINY_SEED, new Map([['Source:tiny', readFileSync(TINY_TEXT, 'utf8')]])],
    ] as const) {
      await admin.query(`CREATE DATABASE ${name}`);
      const client = new pg.Client({ connectionString: databaseUrl(adminUrl, name) });
      await client.connect();
      try {
        await migrate(client);
        const { graph, records } = await loadSeedWithRecords(seed, new SeedRecordTexts(), { sourceTexts: texts });
        await loadGraph(client, graph, { records, sourceTexts: texts });
      } finally {
        await client.end();
      }
    }
  } finally {
    await admin.end();
  }
}
