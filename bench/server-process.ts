import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a server process and waits for the line of its output that names its port. The process is
 * added to `children`, which the benchmark kills on exit, so no server outlives it.
 */
export async function startServerProcess(
  children: ChildProcess[],
  [command, args]: [string, string[]],
  env: Record<string, string>,
  portPattern: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = portPattern.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return { child, port };
}
