import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeUtf8, InvalidUtf8Error } from '../lib/utf8.js';
import { countLines, readLines } from './ndjson-lines.js';
import { readRelationshipsApart, splitRelationshipFiles } from './parallel-relationships.js';
import { readRelationshipBatch } from './relationship-batch.js';
import type { LoadSeedOptions, SeedBuilder } from './seed.js';

export type SeedRecordKind = 'source' | 'entity' | 'relationship' | 'sameAs';

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

const NDJSON_KINDS: Array<[suffix: string, kind: SeedRecordKind]> = [
  ['.sources.ndjson', 'source'],
  ['.entities.ndjson', 'entity'],
  ['.relationships.ndjson', 'relationship'],
];
const KEYS: Record<SeedRecordKind, string> = { source: 'sources', entity: 'entities', relationship: 'relationships', sameAs: 'sameAs' };
/** See LoadSeedOptions.parallelFromBytes. */
const PARALLEL_FROM_BYTES = 128 << 20;
/**
 * The share of the relationship bytes the worker reads; the main thread reads the rest once the
 * entities are in. The main thread also reads the entities and hashes every file, so it takes less.
 */
const WORKER_SHARE = 0.75;

/** Lists every seed file under a folder, depth first, in name order, so loading is deterministic. */
export async function listSeedFiles(seedDir: string, extensions: readonly string[] = ['.json']): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext))) found.push(full);
    }
  }
  await walk(seedDir);
  return found;
}

export function displayPath(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative.startsWith('..') ? absolutePath : relative;
}

/** Reads and parses every `.json` seed file; a file that is not valid JSON becomes a problem, not an exception. */
export async function readSeedFiles(seedDir: string): Promise<{ files: SeedFile[]; problems: SeedFileProblem[] }> {
  const files: SeedFile[] = [];
  const problems: SeedFileProblem[] = [];
  let paths: string[];
  try {
    paths = await listSeedFiles(seedDir);
  } catch (error) {
    return { files, problems: [{ file: displayPath(seedDir), message: `cannot read the seed folder: ${(error as Error).message}` }] };
  }
  for (const absolutePath of paths) {
    const file = displayPath(absolutePath);
    try {
      files.push({ file, absolutePath, data: JSON.parse(decodeUtf8(await readFile(absolutePath))) });
    } catch (error) {
      problems.push({ file, message: error instanceof InvalidUtf8Error ? error.message : `is not valid JSON: ${(error as Error).message}` });
    }
  }
  return { files, problems };
}

/**
 * Streams an NDJSON file into the builder, one record per non-empty line, and its bytes into the
 * seed's version digest unless they are in it already.
 */
async function streamLines(absolutePath: string, kind: SeedRecordKind, builder: SeedBuilder, count: () => void, digest = true): Promise<void> {
  const file = displayPath(absolutePath);
  const take = (line: string, number: number): boolean => {
    if (line.trim() === '') return true;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      builder.reportFile(file, `line ${number} is not valid JSON: ${(error as Error).message}`);
      return true;
    }
    builder.add(kind, data, { file, kind, index: number, isLine: true });
    count();
    return true;
  };
  try {
    await readLines(absolutePath, take, { onBytes: digest ? (bytes) => builder.addToDigest(bytes) : undefined });
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    builder.reportFile(file, error.message);
  }
}

/**
 * Feeds a seed folder into a builder in the order references need: every source, then every entity,
 * then every relationship, then every link to another knowledge base (`sameAs`). `.json` files may hold every kind; `.ndjson` files hold one kind,
 * named by their suffix (`x.entities.ndjson`), and are streamed line by line.
 */
export async function readSeed(seedDir: string, builder: SeedBuilder, options: LoadSeedOptions = {}): Promise<void> {
  let paths: string[];
  try {
    paths = await listSeedFiles(seedDir, ['.json', '.ndjson']);
  } catch (error) {
    builder.reportFile(displayPath(seedDir), `cannot read the seed folder: ${(error as Error).message}`);
    return;
  }
  if (paths.length === 0) builder.reportFile(displayPath(seedDir), 'the seed folder holds no .json or .ndjson files');
  const jsonFiles: SeedFile[] = [];
  const ndjsonFiles: Array<{ absolutePath: string; kind: SeedRecordKind }> = [];
  for (const absolutePath of paths) {
    const file = displayPath(absolutePath);
    if (absolutePath.endsWith('.ndjson')) {
      const kind = NDJSON_KINDS.find(([suffix]) => absolutePath.endsWith(suffix))?.[1];
      if (kind) ndjsonFiles.push({ absolutePath, kind });
      else builder.reportFile(file, 'an .ndjson seed file must be named *.sources.ndjson, *.entities.ndjson or *.relationships.ndjson');
      continue;
    }
    const bytes = await readFile(absolutePath);
    builder.addToDigest(bytes);
    try {
      const data: unknown = JSON.parse(decodeUtf8(bytes));
      jsonFiles.push({ file, absolutePath, data });
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        builder.reportFile(file, 'must hold a JSON object with "sources", "entities", "relationships" and/or "sameAs" arrays');
      } else {
        for (const key of Object.keys(data)) {
          if (!Object.values(KEYS).includes(key)) builder.reportFile(file, `has an unknown key "${key}"; a seed file holds only sources, entities, relationships, sameAs`);
        }
      }
    } catch (error) {
      builder.reportFile(file, error instanceof InvalidUtf8Error ? error.message : `is not valid JSON: ${(error as Error).message}`);
    }
  }
  let records = 0;
  const every = options.progressEvery ?? 100_000;
  const count = () => {
    records += 1;
    if (options.onProgress && records % every === 0) options.onProgress(records);
  };
  const relationshipPaths = ndjsonFiles.filter((f) => f.kind === 'relationship').map((f) => f.absolutePath);
  const split = (await worthReadingApart(relationshipPaths, jsonFiles, options)) ? await splitRelationshipFiles(relationshipPaths, WORKER_SHARE) : null;
  // Progress while relationships are read apart counts them only: shown once the entities are in, after them.
  let recordsBeforeRelationships: number | null = null;
  const read = { apart: 0, here: 0 };
  const progress = (part: keyof typeof read) => (records: number) => {
    read[part] = records;
    if (recordsBeforeRelationships !== null) options.onProgress?.(recordsBeforeRelationships + read.apart + read.here);
  };
  const batchOptions = { sourceTexts: options.sourceTexts, progressEvery: options.progressEvery };
  const apart = split ? readRelationshipsApart(split.apart, { ...batchOptions, onProgress: progress('apart') }) : null;
  try {
    if (split) {
      // A seed this large is worth a pass over its entity files to size the id index once.
      let lines = 0;
      for (const { absolutePath, kind } of ndjsonFiles) if (kind !== 'relationship') lines += await countLines(absolutePath);
      builder.expectEntities(lines);
    }
    await feedSeed(builder, jsonFiles, ndjsonFiles, count, async () => {
      if (!split || !apart) return false;
      recordsBeforeRelationships = records;
      const here = await readRelationshipBatch(split.here, { ...batchOptions, onProgress: progress('here'), entityIndex: (id) => builder.entityIndexOf(id) });
      // The digest takes the files in order: the main thread hashes them while the worker reads.
      for (const absolutePath of relationshipPaths) for await (const bytes of createReadStream(absolutePath, { highWaterMark: 1 << 20 })) builder.addToDigest(bytes as Buffer);
      // With a problem in the main thread's share, the serial path reads everything again anyway.
      const batch = here ? await apart.batch : null;
      if (batch && here && builder.adoptRelationships([batch, here])) {
        records += batch.records + here.records;
        return true;
      }
      for (const absolutePath of relationshipPaths) await streamLines(absolutePath, 'relationship', builder, count, false);
      return true;
    });
  } finally {
    await apart?.stop();
  }
}

/**
 * Whether to read the relationship files on a worker: only when they are large, and when no JSON
 * file holds relationships, which would come before them.
 */
async function worthReadingApart(relationshipPaths: readonly string[], jsonFiles: readonly SeedFile[], options: LoadSeedOptions): Promise<boolean> {
  if (relationshipPaths.length === 0) return false;
  if (jsonFiles.some(({ data }) => typeof data === 'object' && data !== null && KEYS.relationship in data)) return false;
  let bytes = 0;
  for (const absolutePath of relationshipPaths) bytes += (await stat(absolutePath)).size;
  return bytes >= (options.parallelFromBytes ?? PARALLEL_FROM_BYTES);
}

/**
 * Feeds every record to the builder in phase order. `takeRelationships` may take the
 * relationship NDJSON files instead of streaming them here, and says whether it did.
 */
async function feedSeed(
  builder: SeedBuilder,
  jsonFiles: readonly SeedFile[],
  ndjsonFiles: ReadonlyArray<{ absolutePath: string; kind: SeedRecordKind }>,
  count: () => void,
  takeRelationships: () => Promise<boolean>,
): Promise<void> {
  for (const kind of ['source', 'entity', 'relationship', 'sameAs'] as const) {
    for (const { file, data } of jsonFiles) {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) continue;
      const list = (data as Record<string, unknown>)[KEYS[kind]];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        builder.reportFile(file, `"${KEYS[kind]}" must be an array`);
        continue;
      }
      list.forEach((item, index) => {
        builder.add(kind, item, { file, kind, index, isLine: false });
        count();
      });
    }
    if (kind === 'relationship' && (await takeRelationships())) continue;
    for (const ndjson of ndjsonFiles.filter((f) => f.kind === kind)) await streamLines(ndjson.absolutePath, kind, builder, count);
  }
}
