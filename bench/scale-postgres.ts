import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateGraph } from './generate-graph.js';
import { benchServer, describeDatabase, loadDatabase, pinned, prewarm } from './postgres-server.js';
import { writeResultsSection } from './results.js';

const run = promisify(execFile);

export interface PostgresScaleOptions {
  sizes: number[];
  rounds: number;
  skipSearchFrom: number;
  databaseUrl: string | undefined;
  /** Pin the database to core 1 and the measuring process to core 0. */
  pin: boolean;
  /**
   * Measure a database loaded by an earlier run as it is, instead of loading it again; its load time
   * is the one bench/results/scale-postgres.json recorded.
   */
  reuse: boolean;
}

interface Row {
  entities: number;
  relationships: number;
  loadMs: number;
  /** When the load was measured, if by an earlier run (--reuse). */
  loadedOn?: string;
  databaseBytes: number;
  latencies: Record<string, { p50: number; p99: number; cpuMs?: number; databaseCpuMs?: number | null }>;
}

const RESULTS = path.join('bench', 'results', 'scale-postgres.json');

function earlierRows(): { date: string; rows: Row[] } | null {
  return existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { date: string; rows: Row[] }) : null;
}

/**
 * The scale table on the PostgreSQL store: for each size, the generated graph loaded with
 * `npm run db:load` (timed, from the NDJSON files, seed rules and all), the database's size on
 * disk, and the same probes as the memory store's table plus a three-level relationship filter,
 * measured in a fresh process that serves the database. Writes bench/results/scale-postgres.json
 * and the scale-postgres section of bench/RESULTS.md.
 */
export async function measurePostgresScale(options: PostgresScaleOptions): Promise<void> {
  const server = await benchServer(options.databaseUrl);
  const pinnedDatabase = options.pin && server.pin('1');
  const rows: Row[] = [];
  try {
    for (const size of options.sizes) {
      const dir = path.join('bench', 'data', String(size));
      if (!existsSync(path.join(dir, 'graph.relationships.ndjson'))) {
        console.log(`generating ${size.toLocaleString('en')} nodes in ${dir}`);
        await generateGraph(size, dir);
      }
      let url = server.urlOf(`entente_bench_${size}`);
      let loadMs: number;
      let loadedOn: string | undefined;
      const loaded = options.reuse ? await describeDatabase(url) : null;
      const earlier = earlierRows();
      const earlierRow = earlier?.rows.find((row) => loaded && row.entities === loaded.entities && loaded.entities > 0);
      if (loaded && earlierRow) {
        console.log(`measuring the ${size.toLocaleString('en')} nodes loaded before`);
        loadMs = earlierRow.loadMs;
        loadedOn = earlierRow.loadedOn ?? earlier!.date.slice(0, 10);
      } else {
        console.log(`loading ${size.toLocaleString('en')} nodes into PostgreSQL`);
        url = await server.createDatabase(`entente_bench_${size}`);
        loadMs = await loadDatabase(url, dir);
      }
      const database = await describeDatabase(url);
      const warmed = await prewarm(url);
      console.log(`measuring ${size.toLocaleString('en')} nodes${warmed === null ? ' (no pg_prewarm: pages are read as probes first need them)' : `, ${warmed.toFixed(0)} MiB of tables and indexes prewarmed`}`);
      const [command, args] = pinned(options.pin ? '0' : null, [
        '--expose-gc',
        '--import',
        'tsx',
        'bench/scale-probe.ts',
        '--dir',
        dir,
        '--rounds',
        String(options.rounds),
        '--database-url',
        url,
        ...(size >= options.skipSearchFrom ? ['--skip-search'] : []),
      ]);
      const { stdout } = await run(command, args, { maxBuffer: 1 << 24, env: { ...process.env, NODE_ENV: 'production' } });
      const probe = JSON.parse(stdout.trim().split('\n').pop()!) as { latencies: Row['latencies'] };
      const row: Row = { entities: database.entities, relationships: database.relationships, loadMs, loadedOn, databaseBytes: database.bytes, latencies: probe.latencies };
      rows.push(row);
      console.log(
        `  load ${(loadMs / 1000).toFixed(1)} s, database ${(database.bytes / 2 ** 20).toFixed(0)} MiB; ` +
          Object.entries(row.latencies)
            .map(([name, l]) => `${name} p50 ${l.p50.toFixed(2)} ms p99 ${l.p99.toFixed(2)} ms`)
            .join('; '),
      );
    }
  } finally {
    await server.stop();
  }

  mkdirSync(path.join('bench', 'results'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), server: server.description, rows }, null, 2)}\n`);
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.latencies)))];
  const latency = (row: Row, name: string) => (row.latencies[name] ? `${row.latencies[name]!.p50.toFixed(2)} / ${row.latencies[name]!.p99.toFixed(2)} ms` : 'not measured');
  const deepRatio = (row: Row) => (row.latencies.deepPage && row.latencies.firstPage ? (row.latencies.deepPage.p50 / row.latencies.firstPage.p50).toFixed(2) : '–');
  const table = [
    `| entities | relationships | load | database size | ${names.map((name) => `${name} p50 / p99`).join(' | ')} | deep ÷ first page (p50) |`,
    `|${' --- |'.repeat(5 + names.length)}`,
    ...rows.map(
      (row) =>
        `| ${row.entities.toLocaleString('en')} | ${row.relationships.toLocaleString('en')} | ${(row.loadMs / 1000).toFixed(1)} s${row.loadedOn ? ` (${row.loadedOn})` : ''} | ${(row.databaseBytes / 2 ** 20).toFixed(0)} MiB | ` +
        `${names.map((name) => latency(row, name)).join(' | ')} | ${deepRatio(row)} |`,
    ),
  ].join('\n');
  const cpu = (row: Row, name: string) => {
    const l = row.latencies[name];
    return l?.cpuMs === undefined ? '–' : `${l.cpuMs.toFixed(2)} + ${l.databaseCpuMs === null || l.databaseCpuMs === undefined ? '?' : l.databaseCpuMs.toFixed(2)}`;
  };
  const cpuTable = [
    `| entities | ${names.join(' | ')} |`,
    `|${' --- |'.repeat(1 + names.length)}`,
    ...rows.map((row) => `| ${row.entities.toLocaleString('en')} | ${names.map((name) => cpu(row, name)).join(' | ')} |`),
  ].join('\n');
  const command = `npm run bench:scale -- --store postgres --sizes ${options.sizes.join(',')} --rounds ${options.rounds}${options.pin ? ' --pin' : ''}${options.reuse ? ' --reuse' : ''}${
    Number.isFinite(options.skipSearchFrom) ? ` --skip-search-from ${options.skipSearchFrom}` : ''
  }`;
  writeResultsSection(
    'scale-postgres',
    `## Scale on PostgreSQL\n\nCommand: \`${command}\` (${new Date().toISOString().slice(0, 10)}), on ${server.description}. ` +
      `Each size is the generated graph of the memory store's table, loaded with \`npm run db:load\` (load time: reading and checking the NDJSON seed, COPY, index builds, ANALYZE); ` +
      `latencies are in-process executions (Apollo executeOperation, no HTTP) in a fresh process serving the database, ${options.rounds} rounds after 300 warm-up runs (or 5 s of them, at least 20)` +
      `${pinnedDatabase ? '; the database pinned to core 1 and the measuring process to core 0 with taskset' : ''}. ` +
      `filteredList is a three-level relationship filter: the people who spoke about a topic narrower than a topic a named agreement covers.` +
      `${rows.some((row) => row.loadedOn) ? ' A load time with a date was measured by the run of that date, whose database this run measured (--reuse).' : ''}\n\n${table}\n\n` +
      `CPU time per operation, in ms, of the measuring process (Apollo, resolvers, the store) + the database's processes serving it (read from /proc): ` +
      `what an operation costs when it does not wait for a core, which on this shared machine the times above include.\n\n${cpuTable}\n`,
  );
  console.log('wrote bench/results/scale-postgres.json and bench/RESULTS.md');
}
