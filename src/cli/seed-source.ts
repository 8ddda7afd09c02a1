import { readSeedFiles, type SeedFile } from '../store/seed-files.js';
import { sha256Hex } from '../lib/sha256.js';
import { SeedError } from '../store/seed.js';

/** What the curators' tools read: the seed's JSON files and the source records among them. */

export type Json = Record<string, unknown>;

/** Reads the seed's `.json` files; a file that cannot be read or parsed stops the tool, named. */
export async function readCuratedSeed(seedDir: string): Promise<SeedFile[]> {
  const { files, problems } = await readSeedFiles(seedDir);
  if (problems.length > 0) throw new SeedError(problems.map((p) => ({ ...p, record: '' })));
  return files;
}

/** Every source record of the seed, with the file it is in. */
export function sourceRecords(files: readonly SeedFile[]): Array<{ file: SeedFile; record: Json }> {
  return files.flatMap((file) => (((file.data as Json).sources as Json[] | undefined) ?? []).map((record) => ({ file, record })));
}

/** Picks the source the text belongs to: the one named, the one whose hash matches, or the only one. */
export function chooseSource<T extends { record: Json }>(sources: readonly T[], text: string, wanted: string | undefined): T {
  if (wanted) {
    const named = sources.find((s) => s.record.id === wanted);
    if (!named) throw new Error(`no source with id ${wanted} in the seed`);
    return named;
  }
  const digest = sha256Hex(text);
  const byHash = sources.find((s) => s.record.sha256 === digest);
  if (byHash) return byHash;
  if (sources.length === 1) return sources[0]!;
  throw new Error(`the text's SHA-256 ${digest} matches no source in the seed; name one with --id`);
}
