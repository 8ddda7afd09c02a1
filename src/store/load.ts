import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MemoryGraphStore } from './memory-store.js';
import { decodeUtf8, InvalidUtf8Error } from '../lib/utf8.js';
import { loadSeed, SeedError } from './seed.js';

/**
 * Reads source texts named `<source slug>.txt` from a folder, keyed by source id, so start-up can
 * check every quote and hash against them.
 */
export async function readSourceTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.txt')) continue;
    try {
      texts.set(`Source:${file.slice(0, -4)}`, decodeUtf8(await readFile(path.join(dir, file))));
    } catch (error) {
      if (error instanceof InvalidUtf8Error) throw new SeedError([{ file: path.join(dir, file), record: '', message: error.message }]);
      throw error;
    }
  }
  return texts;
}

/**
 * Builds the embedded store from a seed folder; throws a SeedError naming every problem. With a
 * folder of source texts, every quote is checked against them and the store keeps them, so evidence
 * can be shown in its sentences.
 */
export async function loadMemoryStore(
  seedDir: string,
  sourceTextsDir: string | null = null,
  onProgress?: (records: number) => void,
): Promise<MemoryGraphStore> {
  const sourceTexts = sourceTextsDir ? await readSourceTexts(sourceTextsDir) : undefined;
  const graph = await loadSeed(seedDir, { sourceTexts, onProgress });
  return new MemoryGraphStore(graph, sourceTexts);
}
