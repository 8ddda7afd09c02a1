/**
 * Evidence tools for curators, run through npm:
 *
 *   npm run verify-evidence -- --source <text file> [--seed seed] [--id Source:...]
 *     Checks the source's SHA-256 and length and every quote and offset taken from it.
 *
 *   npm run verify-evidence -- --source <text file> --export <file.jsonld|file.ndjson> [--id Source:...]
 *     The same for an export (GET /export as JSON-LD or NDJSON) instead of the seed.
 *
 *   npm run locate-evidence -- --source <text file> [--seed seed] [--id Source:...]
 *     Fills in `start`/`end` for evidence of that source that has a quote but no offsets, by finding
 *     the quote in the text. A quote found more than once takes its first occurrence unless `start`
 *     is already given; the tool lists the other places so the curator can choose.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sha256Hex } from '../lib/sha256.js';
import { allEvidence, buildSeedGraph, SeedError, type SeedProblem } from '../store/seed.js';
import { chooseSource, readCuratedSeed, sourceRecords } from './seed-source.js';
import { readExportEvidence } from './export-evidence.js';

interface Options {
  command: 'verify' | 'locate';
  sourcePath: string;
  seedDir: string;
  sourceId: string | undefined;
  exportFile: string | undefined;
}

function readOptions(argv: string[]): Options {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { source: { type: 'string' }, seed: { type: 'string' }, id: { type: 'string' }, export: { type: 'string' } },
  });
  const command = positionals[0];
  if ((command !== 'verify' && command !== 'locate') || !values.source || (values.export && (command !== 'verify' || values.seed))) {
    throw new Error('usage: evidence (verify|locate) --source <path to the source text> [--seed <seed folder> | --export <export file>] [--id <Source id>]');
  }
  return { command, sourcePath: values.source, seedDir: values.seed ?? 'seed', sourceId: values.id, exportFile: values.export };
}

type Json = Record<string, unknown>;

async function verify(options: Options, text: string): Promise<number> {
  const files = await readCuratedSeed(options.seedDir);
  const sourceId = String(chooseSource(sourceRecords(files), text, options.sourceId).record.id);
  const graph = buildSeedGraph(files);
  let problems: SeedProblem[] = [];
  try {
    buildSeedGraph(files, { sourceTexts: new Map([[sourceId, text]]) });
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    problems = error.problems;
  }
  const checked = [...allEvidence(graph)].filter((e) => e.evidence.sourceId === sourceId).length;
  console.log(`Source ${sourceId}`);
  console.log(`  text: ${path.resolve(options.sourcePath)} (${text.length} UTF-16 code units, SHA-256 ${sha256Hex(text)})`);
  if (problems.length > 0) {
    console.log(`  ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${checked} evidence items:`);
    for (const p of problems) console.log(`  ✗ ${p.file} › ${p.record}: ${p.message}`);
    return 1;
  }
  console.log(`  ✓ SHA-256 and length match the seed`);
  console.log(`  ✓ ${checked} of ${checked} quotes are verbatim and every offset is exact`);
  return 0;
}

/** Checks every quote of an export that is taken from the source, and the source's hash and length as the export gives them. */
async function verifyExport(options: Options, exportFile: string, text: string): Promise<number> {
  const { sources, evidence } = await readExportEvidence(exportFile);
  const { record: source } = chooseSource(
    sources.map((s) => ({ record: { ...s, id: s.identifier, uri: s.id } })),
    text,
    options.sourceId,
  );
  const problems: string[] = [];
  const digest = sha256Hex(text);
  if (source.sha256 !== null && source.sha256 !== digest) problems.push(`${String(source.id)}: sha256 ${String(source.sha256)} does not match the given text, whose SHA-256 is ${digest}`);
  if (source.length !== null && source.length !== text.length) problems.push(`${String(source.id)}: length ${String(source.length)} does not match the given text, which is ${text.length} characters long`);
  const taken = evidence.filter((e) => e.source === source.uri);
  for (const e of taken) {
    const actual = text.slice(e.start, e.end);
    if (actual !== e.quote) problems.push(`${e.id}: quote ${JSON.stringify(e.quote)} does not match the text at [${e.start}, ${e.end}), which reads ${JSON.stringify(actual)}`);
  }
  console.log(`Source ${String(source.id)} in ${path.resolve(exportFile)}`);
  console.log(`  text: ${path.resolve(options.sourcePath)} (${text.length} UTF-16 code units, SHA-256 ${digest})`);
  if (problems.length > 0) {
    console.log(`  ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${taken.length} evidence items:`);
    for (const problem of problems) console.log(`  ✗ ${problem}`);
    return 1;
  }
  console.log(`  ✓ SHA-256 and length match the export`);
  console.log(`  ✓ ${taken.length} of ${taken.length} quotes are verbatim and every offset is exact`);
  return 0;
}

async function locate(options: Options, text: string): Promise<number> {
  const files = await readCuratedSeed(options.seedDir);
  const sourceId = String(chooseSource(sourceRecords(files), text, options.sourceId).record.id);
  let filled = 0;
  let missing = 0;
  for (const file of files) {
    let changed = false;
    const visit = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(visit);
      if (typeof value !== 'object' || value === null) return value;
      const object = value as Json;
      if (object.source === sourceId && typeof object.quote === 'string' && object.end === undefined) {
        const quote = object.quote;
        const found: number[] = [];
        for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
        const start = typeof object.start === 'number' ? object.start : found[0];
        if (start === undefined || !found.includes(start)) {
          console.log(`  ✗ ${file.file}: quote not found${typeof object.start === 'number' ? ` at ${object.start}` : ''}: ${JSON.stringify(quote)}`);
          missing += 1;
          return object;
        }
        if (found.length > 1 && typeof object.start !== 'number') {
          console.log(`  ! ${file.file}: ${JSON.stringify(quote)} occurs at ${found.join(', ')}; took ${start} (set "start" to choose)`);
        }
        const { source, quote: q, start: _s, end: _e, ...rest } = object;
        changed = true;
        filled += 1;
        return { source, quote: q, start, end: start + quote.length, ...rest };
      }
      return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, visit(v)]));
    };
    const updated = visit(file.data);
    if (changed) await writeFile(file.absolutePath, `${JSON.stringify(updated, null, 2)}\n`);
  }
  console.log(`Filled offsets for ${filled} evidence item${filled === 1 ? '' : 's'} of ${sourceId}; ${missing} not found.`);
  return missing > 0 ? 1 : 0;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const text = await readFile(options.sourcePath, 'utf8');
  if (options.exportFile) process.exitCode = await verifyExport(options, options.exportFile, text);
  else process.exitCode = options.command === 'verify' ? await verify(options, text) : await locate(options, text);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
