/**
 * Starting and asking the servers the benchmarks measure: Node processes that are pinned to core 0
 * with taskset (`pinToCore0`, where there is taskset and a second core) once they are to be
 * measured, while the process that drives the load pins itself to core 1 (`pinLoadToCore1`).
 * Whatever happens, no server outlives the process that started it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export const hasTaskset = existsSync('/usr/bin/taskset') && os.cpus().length >= 2;

export function pinLoadToCore1(): void {
  if (hasTaskset) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
}

export interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  /** Whether it serves Entente's /metrics (the document store's hits are read from it). */
  metrics: boolean;
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** Pins every thread of the servers to core 0. */
export function pinToCore0(servers: Server[]): void {
  if (hasTaskset) for (const server of servers) execFileSync('taskset', ['-a', '-cp', '0', String(server.child.pid)], { stdio: 'ignore' });
}

/** Starts a Node process in `cwd` and waits for the line with its port. */
export async function start(name: string, args: string[], env: Record<string, string>, portPattern: RegExp, cwd = process.cwd(), metrics = false): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = portPattern.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} (${args.join(' ')}) exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return { name, child, port, metrics };
}

/** The key benchmarks send to be asked as a reader with a key (every request through Apollo's pipeline). */
export const BENCH_KEY = 'bench-key';

/**
 * Entente in production mode from the checkout in `cwd`, with more environment variables; `node`
 * takes Node's own flags (a profiler). It knows BENCH_KEY as a reader's key, and spends no budgets,
 * since one address drives it hard (commits before keys existed ignore these variables).
 */
export const entente = (name: string, env: Record<string, string>, cwd?: string, node: string[] = []) =>
  start(
    name,
    [...node, '--import', 'tsx', 'src/index.ts'],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_KEYS: JSON.stringify([{ name: 'bench', role: 'reader', sha256: createHash('sha256').update(BENCH_KEY).digest('hex') }]),
      KEY_BUDGET_PER_MINUTE: '0',
      ANONYMOUS_BUDGET_PER_MINUTE: '0',
      ...env,
    },
    /localhost:(\d+)\//,
    cwd,
    true,
  );

/** Stops servers with SIGTERM and waits until they have exited. */
export async function stop(servers: Server[]): Promise<void> {
  const running = servers.filter((server) => server.child.exitCode === null);
  const exits = running.map((server) => new Promise((resolve) => server.child.once('exit', resolve)));
  for (const server of running) server.child.kill('SIGTERM');
  await Promise.all(exits);
}

export async function post(server: Server, body: string, headers: Record<string, string>, attempt = 1): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // A keep-alive connection the server closed as idle just as it was reused: the query is sent again once.
    if (attempt === 1 && (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return post(server, body, headers, 2);
    throw error;
  }
}

/** CPU time (user + system) of a process so far, in microseconds, from /proc. */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / 100;
}

export function peakRssBytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Entente's counts of documents found in its document store and parsed anew, from /metrics. */
export async function documentCounts(server: Server): Promise<{ cached: number; parsed: number }> {
  if (!server.metrics) return { cached: 0, parsed: 0 };
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  const count = (result: string) => Number(new RegExp(`^entente_documents_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { cached: count('cached'), parsed: count('parsed') };
}
