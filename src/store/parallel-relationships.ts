import { Worker } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { lineStartFrom } from './ndjson-lines.js';
import type { ByteRange, RelationshipBatch } from './relationship-batch.js';

/** A relationship reader running on a worker thread. */
export interface RelationshipReader {
  /** The batch, or null when the serial path must read the files: a record with a problem, or a worker that failed. */
  readonly batch: Promise<RelationshipBatch | null>;
  /** Ends the worker; the batch, if not in yet, becomes null. */
  stop(): Promise<void>;
}

/**
 * The worker to start. Compiled (dist/, `npm run build`), this module is JavaScript and so is the
 * worker beside it. From source, the worker loads its TypeScript through tsx's API, since under
 * `tsx` a worker does not inherit the loader on Node 20, and under vitest there is no loader at all.
 */
function workerEntry(): { entry: URL | string; eval: boolean } {
  if (import.meta.url.endsWith('.js')) return { entry: new URL('./relationship-worker.js', import.meta.url), eval: false };
  const source = JSON.stringify(new URL('./relationship-worker.ts', import.meta.url).href);
  return { entry: `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.tsImport(${source}, ${source}));`, eval: true };
}

/**
 * Splits relationship files, taken one after the other, at the first line start past `share` of
 * their bytes: the worker reads the first part, the main thread, once done with the entities, the
 * rest.
 */
export async function splitRelationshipFiles(paths: readonly string[], share: number): Promise<{ apart: ByteRange[]; here: ByteRange[] }> {
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  let left = Math.round(share * sizes.reduce((sum, size) => sum + size, 0));
  const apart: ByteRange[] = [];
  const here: ByteRange[] = [];
  for (const [i, path] of paths.entries()) {
    const size = sizes[i]!;
    const cut = left >= size ? size : await lineStartFrom(path, left);
    left = Math.max(0, left - size);
    if (cut > 0) apart.push({ path, start: 0, end: cut });
    if (cut < size) here.push({ path, start: cut, end: size });
  }
  return { apart, here };
}

/**
 * Starts reading ranges of relationship NDJSON files on a second core while the main thread reads
 * the rest of the seed. Whatever goes wrong on the worker, the answer is null and the serial path
 * reads the files as it always has, naming problems exactly as before.
 */
export function readRelationshipsApart(
  ranges: readonly ByteRange[],
  options: { sourceTexts?: ReadonlyMap<string, string> | undefined; progressEvery?: number | undefined; onProgress?: (records: number) => void },
): RelationshipReader {
  let worker: Worker;
  try {
    const { entry, eval: isCode } = workerEntry();
    worker = new Worker(entry, { eval: isCode, workerData: { ranges, sourceTexts: options.sourceTexts, progressEvery: options.progressEvery } });
  } catch {
    return { batch: Promise.resolve(null), stop: async () => {} };
  }
  const batch = new Promise<RelationshipBatch | null>((resolve) => {
    worker.on('message', (message: { progress?: number; batch?: RelationshipBatch | null }) => {
      if (message.progress !== undefined) options.onProgress?.(message.progress);
      else resolve(message.batch ?? null);
    });
    worker.on('error', () => resolve(null));
    worker.on('exit', () => resolve(null));
  });
  return { batch, stop: async () => void (await worker.terminate()) };
}
