import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';
import { createTestDatabase } from './postgres/databases.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

describe('configuration of the store', () => {
  it('serves the memory store unless STORE says postgres, and then needs a PostgreSQL DATABASE_URL', () => {
    expect(readConfig({})).toMatchObject({ store: 'memory', database: null });
    expect(readConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://entente@db.example:5432/entente' })).toMatchObject({
      store: 'postgres',
      database: { url: 'postgres://entente@db.example:5432/entente', poolSize: 10, statementTimeoutMs: 5000 },
    });
    expect(() => readConfig({ STORE: 'postgres' })).toThrow(new ConfigError(['STORE=postgres needs DATABASE_URL, the connection string of the database to serve']));
    expect(() => readConfig({ STORE: 'mongo', DATABASE_URL: 'mysql://db.example/entente', DATABASE_POOL_SIZE: '0' })).toThrow(
      new ConfigError([
        'STORE="mongo" must be one of memory, postgres',
        'DATABASE_URL must be a PostgreSQL connection string such as postgres://entente:secret@localhost:5432/entente',
        'DATABASE_POOL_SIZE="0" must be a whole number from 1 to 1000',
      ]),
    );
  });
});

describe('the service on PostgreSQL', () => {
  it('starts with STORE=postgres, serves what the database holds and says so in /ready', async () => {
    const url = await createTestDatabase('tiny');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, STORE: 'postgres', DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /serving the graph \(version (\w+)\) at http:\/\/localhost:(\d+)\//.exec(output);
          if (match) resolve(Number(match[2]));
        });
        child.once('exit', (code) => reject(new Error(`the service exited with ${code}:\n${output}`)));
      });
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', database: 'reachable', graphVersion: expect.stringMatching(/^[0-9a-f]{16}$/) } });
      const answer = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ country(code: \\"SV\\") { name } }"}' });
      expect(await answer.json()).toMatchObject({ data: { country: { name: 'Sylvania' } } });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('refuses to start on a database that holds no graph, saying how to load one', async () => {
    const url = await createTestDatabase(null);
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env: { ...process.env, STORE: 'postgres', DATABASE_URL: url, PORT: '0' } }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(failed).toMatchObject({
      code: 1,
      stderr: 'The database holds no graph yet: load one with `npm run db:load -- --seed <dir>` (the same DATABASE_URL), then start the service again.\n',
    });
  });
});
