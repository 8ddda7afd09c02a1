import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SeedFile {
  /** The path as shown in messages: relative to the working directory where possible. */
  file: string;
  absolutePath: string;
  data: unknown;
}

export interface SeedFileProblem {
  file: string;
  message: string;
}

/** Lists every `.json` file under the seed folder, depth first, in name order, so loading is deterministic. */
export async function listSeedFiles(seedDir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full);
    }
  }
  await walk(seedDir);
  return found;
}

export function displayPath(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative.startsWith('..') ? absolutePath : relative;
}

/** Reads and parses every seed file; a file that is not valid JSON becomes a problem, not an exception. */
export async function readSeedFiles(seedDir: string): Promise<{ files: SeedFile[]; problems: SeedFileProblem[] }> {
  const files: SeedFile[] = [];
  const problems: SeedFileProblem[] = [];
  let paths: string[];
  try {
    paths = await listSeedFiles(seedDir);
  } catch (error) {
    return { files, problems: [{ file: displayPath(seedDir), message: `cannot read the seed folder: ${(error as Error).message}` }] };
  }
  if (paths.length === 0) problems.push({ file: displayPath(seedDir), message: 'the seed folder holds no .json files' });
  for (const absolutePath of paths) {
    const file = displayPath(absolutePath);
    try {
      files.push({ file, absolutePath, data: JSON.parse(await readFile(absolutePath, 'utf8')) });
    } catch (error) {
      problems.push({ file, message: `is not valid JSON: ${(error as Error).message}` });
    }
  }
  return { files, problems };
}
