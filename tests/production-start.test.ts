import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';

/**
 * The three ways the service is started, each as a real process sent SIGTERM: from source
 * (`node --import tsx`), the production start (`node dist/src/index.js`, built here by the build
 * script into a folder of its own), and `npm start`, the newcomer's command, where the signal goes
 * to npm and must reach the server through it.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Inside the project, so the compiled code finds node_modules by walking up, as dist/ does.
const BUILT = 'node_modules/.cache/entente-production-test';
const run = promisify(execFile);

beforeAll(async () => {
  // Without type checks (`npm run typecheck` does them): the build's layout is what is tested here.
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out-dir', BUILT, '--no-check'], { cwd: ROOT });
}, 180_000);

interface Service {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output: () => string;
}

/** Starts a command on a free port and resolves once it says where it serves. */
async function startService(command: string, args: string[]): Promise<Service> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', SHUTDOWN_GRACE_MS: '10000' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /serving the graph .* at http:\/\/localhost:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`the service exited with ${code} before listening:\n${output}`)));
  });
  return { child, port, output: () => output };
}

const STARTS: Array<[string, string, string[]]> = [
  ['from source (node --import tsx src/index.ts)', process.execPath, ['--import', 'tsx', 'src/index.ts']],
  ['the production start (node dist/src/index.js)', process.execPath, [`${BUILT}/src/index.js`]],
  ['npm start, the signal sent to npm', 'npm', ['start', '--silent']],
];

describe('graceful shutdown', () => {
  // Production, because Apollo's own signal handling (on unless NODE_ENV=test) once cut the drain short.
  it.each(STARTS)('%s: finishes a request in flight at SIGTERM, refuses new connections, logs in order and exits 0', async (_name, command, args) => {
    const { child, port, output } = await startService(command, args);
    const body = JSON.stringify({ query: '{ country(code: "DE") { name } }' });
    // A request whose body is half sent is in flight: the server has its headers and waits for the rest.
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body.slice(0, 10));
    // A round trip on another connection orders things: by its answer the first one has been accepted.
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const check = () => output().includes('stopping: finishing open requests') && resolve();
      child.stdout.on('data', check);
      check();
    });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.write(body.slice(10));
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('{"data":{"country":{"name":"Germany"}}');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const messages = output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line).msg);
    const lifecycle = ['started', 'stopping: finishing open requests', 'stopped'];
    expect(messages.filter((msg) => lifecycle.includes(msg))).toEqual(lifecycle);
    // Nothing was left behind holding the port.
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 60_000);
});

describe('the production build', () => {
  it('reads relationship files on its compiled worker thread, without tsx', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-built-worker-'));
    await generateGraph(300, dir, 3);
    const file = path.join(dir, 'graph.relationships.ndjson');
    const module = pathToFileURL(path.join(ROOT, BUILT, 'src/store/parallel-relationships.js')).href;
    const script = `
      const { readRelationshipsApart } = await import(${JSON.stringify(module)});
      const reader = readRelationshipsApart([{ path: ${JSON.stringify(file)}, start: 0, end: ${(await stat(file)).size} }], {});
      const batch = await reader.batch;
      await reader.stop();
      console.log(batch === null ? 'no batch' : 'a batch of ' + batch.sources.length + ' source(s)');`;
    // A file, not `--input-type=module -e`: workers inherit that flag and refuse a file with it.
    const scriptFile = path.join(dir, 'read-apart.mjs');
    await writeFile(scriptFile, script);
    // No --import tsx: a worker that needed TypeScript would fail and give no batch.
    const { stdout } = await run(process.execPath, [scriptFile], { cwd: ROOT });
    expect(stdout.trim()).toBe('a batch of 1 source(s)');
  }, 60_000);
});
