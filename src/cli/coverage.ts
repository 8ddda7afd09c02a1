/**
 * The source coverage report for curators, run through npm:
 *
 *   npm run coverage -- --source <text file> [--seed seed] [--id Source:...] [--write]
 *
 * Splits the text into sentences and prints, for each, the facts whose evidence lies in it or the
 * reason it is deliberately not modelled (the source record's `notModelled` list); ends with
 * `coverage: N/M sentences covered, K declared not modelled, U unexplained`. Fails (exit code 1) on
 * any unexplained sentence, on a declaration the graph has overtaken (a sentence with facts and a
 * declared reason: stale), on seed problems, and when the sentence spans the seed records for the
 * server (`Source.coverage`) differ from the text's. `--write` records the text's spans first.
 */
import { everyFactInSpan } from '../modules/evidence/evidence-in.js';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeUtf8, InvalidUtf8Error } from '../lib/utf8.js';
import { accountForSentences, sameSpans, splitSentences } from '../modules/coverage/coverage.js';
import { MemoryGraphStore } from '../store/memory-store.js';
import type { FactModel, SentenceModel, SourceModel, TextSpanModel } from '../store/models.js';
import { buildSeedGraph, SeedError } from '../store/seed.js';
import { chooseSource, readCuratedSeed, sourceRecords } from './seed-source.js';

interface Options {
  sourcePath: string;
  seedDir: string;
  sourceId: string | undefined;
  write: boolean;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { source: { type: 'string' }, seed: { type: 'string' }, id: { type: 'string' }, write: { type: 'boolean' } },
  });
  if (!values.source) throw new Error('usage: coverage --source <path to the source text> [--seed <seed folder>] [--id <Source id>] [--write]');
  return { sourcePath: values.source, seedDir: values.seed ?? 'seed', sourceId: values.id, write: values.write ?? false };
}

/** A text cut to a length for one line of the report, with an ellipsis when cut. */
function clip(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

function describeFact(fact: FactModel): string {
  const what = fact.kind === 'RELATIONSHIP' ? fact.subjectId.replace(/^Relationship:/, '').replace(/>/g, ' ') : fact.attribute ? `${fact.subjectId}.${fact.attribute}` : fact.subjectId;
  return `${fact.kind.padEnd(12)} ${what}  ${fact.evidence.method} ${JSON.stringify(clip(fact.evidence.quote, 60))}`;
}

function printSentence(sentence: SentenceModel, number: number, text: string): void {
  const mark = sentence.status === 'UNEXPLAINED' ? '✗' : sentence.status === 'STALE' ? '!' : ' ';
  console.log(`${mark} [${number}] ${sentence.start}–${sentence.end} ${JSON.stringify(clip(text.slice(sentence.start, sentence.end), 90))}`);
  if (sentence.status === 'UNEXPLAINED') console.log('      unexplained: no fact has evidence here and no reason is declared');
  if (sentence.status === 'STALE') console.log(`      stale: declared not modelled ("${sentence.reason}") yet it has ${sentence.facts.length} fact(s); remove the declaration`);
  if (sentence.status === 'NOT_MODELLED') console.log(`      not modelled: ${sentence.reason}`);
  for (const fact of sentence.facts) console.log(`      ${describeFact(fact)}`);
}

/** Records the text's sentence spans on the source record, in the file that holds it. */
async function writeSpans(absolutePath: string, data: unknown, record: Record<string, unknown>, spans: readonly TextSpanModel[]): Promise<void> {
  record.sentences = spans.map(({ start, end }) => ({ start, end }));
  await writeFile(absolutePath, `${JSON.stringify(data, null, 2)}\n`);
}

/** The source text, decoded strictly as the seed is: a byte that is not UTF-8 stops the tool, named. */
async function readSourceText(sourcePath: string): Promise<string> {
  try {
    return decodeUtf8(await readFile(sourcePath));
  } catch (error) {
    if (error instanceof InvalidUtf8Error) throw new Error(`${sourcePath} ${error.message}`);
    throw error;
  }
}

async function report(options: Options): Promise<number> {
  const text = await readSourceText(options.sourcePath);
  const files = await readCuratedSeed(options.seedDir);
  const { file, record } = chooseSource(sourceRecords(files), text, options.sourceId);
  const sourceId = String(record.id);
  const spans = splitSentences(text);
  if (options.write) {
    await writeSpans(file.absolutePath, file.data, record, spans);
    console.log(`Recorded ${spans.length} sentence spans of ${sourceId} in ${file.file}.`);
  }
  let graph;
  try {
    graph = buildSeedGraph(files, { sourceTexts: new Map([[sourceId, text]]) });
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    console.log(`The seed has ${error.problems.length} problem(s) against this text; fix them first (npm run verify-evidence shows the evidence ones):`);
    for (const p of error.problems) console.log(`  ✗ ${p.file} › ${p.record}: ${p.message}`);
    return 1;
  }
  const store = new MemoryGraphStore(graph);
  const source = (await store.getNodes([sourceId]))[0] as SourceModel;
  const facts = await everyFactInSpan(store, sourceId, 0, text.length);
  const coverage = accountForSentences({ sentences: spans, notModelled: source.notModelled }, facts);
  console.log(`Source ${sourceId}: ${spans.length} sentences`);
  coverage.sentences.forEach((sentence, index) => printSentence(sentence, index + 1, text));
  const drifted = !sameSpans(source.sentences, spans);
  if (drifted) {
    console.log(
      `✗ the seed records ${source.sentences.length} sentence spans for ${sourceId}, not the text's ${spans.length} as above: Source.coverage would answer with stale spans; run with --write`,
    );
  }
  const { COVERED, NOT_MODELLED, UNEXPLAINED, STALE } = coverage.counts;
  const stale = STALE > 0 ? `, ${STALE} stale declaration${STALE === 1 ? '' : 's'}` : '';
  console.log(`coverage: ${COVERED + STALE}/${spans.length} sentences covered, ${NOT_MODELLED} declared not modelled, ${UNEXPLAINED} unexplained${stale}`);
  return UNEXPLAINED > 0 || STALE > 0 || drifted ? 1 : 0;
}

async function main(): Promise<void> {
  process.exitCode = await report(readOptions(process.argv.slice(2)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
