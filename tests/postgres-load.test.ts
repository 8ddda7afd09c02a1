import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedWithRecords, RECORD_KINDS, RecordSet } from '../src/store/records.js';
import { loadSeed } from '../src/store/seed.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { REAL_SEED, TINY_SEED } from './helpers.js';
import { createTestDatabase } from './postgres/databases.js';

const run = promisify(execFile);

/** Runs `npm run db:load` as a user would, against one database; never throws, returns what it said. */
async function dbLoad(url: string, seed: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/db-load.ts', '--seed', seed], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What the database holds, in numbers: enough to see that a failed load changed nothing. */
async function contents(url: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT version FROM graph_state) AS version, (SELECT count(*)::int FROM entity) AS entities,
              (SELECT count(*)::int FROM relationship) AS relationships, (SELECT count(*)::int FROM search_posting) AS postings`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Waits for a condition that another process makes true, giving up after a generous bound: not a measurement. */
async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the condition did not come true within 10 s');
}

/** A copy of the tiny seed with one record changed. */
async function tinySeedWith(change: (graph: any) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
  const graph = JSON.parse(await readFile(path.join(TINY_SEED, 'graph.json'), 'utf8'));
  change(graph);
  await writeFile(path.join(dir, 'graph.json'), JSON.stringify(graph));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

let url: string;
beforeAll(async () => {
  url = await createTestDatabase(null);
});

describe('npm run db:load', () => {
  it('loads a seed into an empty database, migrating it first, with progress on the console', async () => {
    const loaded = await dbLoad(url, TINY_SEED);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    const tiny = await loadSeed(TINY_SEED);
    expect(loaded.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `checking ${TINY_SEED} with the seed rules`,
        'schema migrated: 0001_graph, 0002_curation',
        'loading in one transaction',
        '  entity: 15 rows',
        '  relationship: 17 rows',
        // The seed's records, kept so that the graph can take changes: 1 source, 14 other entities, 17 relationships.
        '  record: 32 rows',
      ]),
    );
    expect(loaded.stdout).toMatch(/^ {2}15 entities and 17 relationships pass \(\d+\.\d s\)$/m);
    expect(loaded.stdout).toMatch(new RegExp(`^loaded graph version ${tiny.version} in \\d+\\.\\d s$`, 'm'));
    expect(await contents(url)).toMatchObject({ version: tiny.version, entities: 15, relationships: 17 });
  });

  it('keeps every record of the seed in the record table, kind by kind in the order of the seed, as its JSON', async () => {
    expect((await dbLoad(url, TINY_SEED)).code).toBe(0);
    // The same seed's records as the curation store holds them (see RecordSet), numbered in that order.
    const { records } = await loadSeedWithRecords(TINY_SEED, new RecordSet());
    const expected = RECORD_KINDS.flatMap((kind) => [...records.all(kind)].map(([key, record]) => ({ kind, key, record: JSON.stringify(record) })));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT seq::int, kind, key, record::text FROM record ORDER BY seq');
      expect(rows).toEqual(expected.map((row, seq) => ({ seq, ...row })));
    } finally {
      await client.end();
    }
  });

  it('refuses a seed that breaks the seed rules, naming the problem, and leaves the database as it was', async () => {
    const before = await contents(url);
    const seed = await tinySeedWith((graph) => (graph.relationships[0].to = 'Agreement:nowhere'));
    const refused = await dbLoad(url, seed);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"to" "Agreement:nowhere" does not refer to an entity in the seed');
    expect(await contents(url)).toEqual(before);
  });

  it('rolls the whole load back when the database refuses a record halfway, and says which', async () => {
    const before = await contents(url);
    // The seed rules allow it; PostgreSQL cannot store a NUL character in text. The entities are
    // written by then: the relationships come after them.
    const seed = await tinySeedWith((graph) => {
      const last = graph.relationships[graph.relationships.length - 1];
      last.evidence[0].quote = `\u0000${last.evidence[0].quote.slice(1)}`;
    });
    const refused = await dbLoad(url, seed);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('  entity: 15 rows');
    expect(refused.stderr.trim()).toMatch(/^Nothing was loaded: relationship [A-Z_]+ \S+ → \S+ contains a NUL character \(U\+0000\), which PostgreSQL cannot store\.$/);
    expect(await contents(url)).toEqual(before);
  });

  it('is heard by every replica serving the database: each takes the new version and serves the new graph', async () => {
    const replicas = await Promise.all([1, 2].map(() => PostgresGraphStore.open({ url, poolSize: 2, statementTimeoutMs: 10_000 })));
    try {
      const tiny = await loadSeed(TINY_SEED);
      expect(replicas.map((replica) => replica.version)).toEqual([tiny.version, tiny.version]);
      const article = await loadSeed(REAL_SEED);
      expect((await dbLoad(url, REAL_SEED)).code).toBe(0);
      await eventually(() => replicas.every((replica) => replica.version === article.version));
      for (const replica of replicas) {
        expect((await replica.getNodes(['Person:karsten-wildberger', 'Person:alice-example'])).map((node) => node?.id ?? null)).toEqual(['Person:karsten-wildberger', null]);
      }
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});

describe('the PostgreSQL store at start-up', () => {
  it('refuses to serve a database that holds no graph, saying how to load one', async () => {
    const empty = await createTestDatabase(null);
    await expect(PostgresGraphStore.open({ url: empty, poolSize: 1, statementTimeoutMs: 1000 })).rejects.toThrow(
      'The database holds no graph yet: load one with `npm run db:load -- --seed <dir>` (the same DATABASE_URL), then start the service again.',
    );
  });
});
