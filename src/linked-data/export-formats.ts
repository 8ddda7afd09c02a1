import { Writer, type Quad } from 'n3';
import { Readable } from 'node:stream';
import type { ExportItem } from './export-pages.js';
import { describeEntity, type JsonLdNode } from './json-ld.js';
import { TripleWriter } from './triples.js';
import { NAMESPACES, type LinkedDataBase } from './vocabulary.js';

/** The formats an export is offered in, by media type, and the short names `format=` takes. */
export const EXPORT_FORMATS = {
  'application/ld+json': 'jsonld',
  'text/turtle': 'turtle',
  'application/n-quads': 'nquads',
  'application/x-ndjson': 'ndjson',
  'text/csv': 'csv',
} as const;

export type ExportMediaType = keyof typeof EXPORT_FORMATS;
export type RdfMediaType = Exclude<ExportMediaType, 'text/csv'>;

/** Everything said about a page of the export, as node objects in the order they are written. */
function* pageNodes(ld: LinkedDataBase, items: readonly ExportItem[]): Generator<JsonLdNode> {
  for (const { entity, outgoing } of items) yield* describeEntity(ld, entity, outgoing);
}

/**
 * JSON-LD: one document naming the published context, with every node of the graph in `@graph`,
 * one node a line. Written as the pages come, so nothing but the page in hand is held.
 */
async function* jsonLdText(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<string> {
  yield `{"@context":${JSON.stringify(ld.context)},"@graph":[`;
  let separator = '\n';
  for await (const items of pages) {
    const lines: string[] = [];
    for (const node of pageNodes(ld, items)) {
      lines.push(separator, JSON.stringify(node));
      separator = ',\n';
    }
    if (lines.length > 0) yield lines.join('');
  }
  yield '\n]}\n';
}

/** NDJSON: one JSON-LD node a line, each naming the context, for bulk loaders that read a line at a time. */
async function* ndjsonText(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<string> {
  const context = ld.context;
  for await (const items of pages) {
    const lines: string[] = [];
    for (const node of pageNodes(ld, items)) lines.push(`${JSON.stringify({ '@context': context, ...node })}\n`);
    if (lines.length > 0) yield lines.join('');
  }
}

/** The RDF triples of the export, a page at a time. */
export async function* exportQuads(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<Quad[]> {
  const triples = new TripleWriter(ld);
  for await (const items of pages) {
    const quads: Quad[] = [];
    for (const node of pageNodes(ld, items)) triples.write(node, quads);
    yield quads;
  }
}

/** The prefixes Turtle abbreviates with: the borrowed namespaces and this deployment's vocabulary. */
export function turtlePrefixes(ld: LinkedDataBase): Record<string, string> {
  return { ...NAMESPACES, vocab: ld.vocab };
}

/**
 * Turtle or N-Quads, written by n3's writer from the triples a page at a time: what it has written
 * when a page is in is passed on, and its state (the subject it is in the middle of) carries over
 * to the next page. n3's stream writer would take the triples one by one through a stream, which
 * made it four times slower.
 */
async function* rdfText(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>, format: 'Turtle' | 'N-Quads'): AsyncGenerator<string> {
  let text = '';
  const output = {
    write: (chunk: string, _encoding: string, done?: () => void) => {
      text += chunk;
      done?.();
    },
    end: (done?: () => void) => done?.(),
  };
  const writer = new Writer(output as unknown as NodeJS.WritableStream, format === 'Turtle' ? { format, prefixes: turtlePrefixes(ld) } : { format });
  for await (const page of exportQuads(ld, pages)) {
    writer.addQuads(page);
    yield text;
    text = '';
  }
  await new Promise<void>((resolve) => writer.end(() => resolve()));
  yield text;
}

/**
 * A stream of the text a generator writes, for stream.pipeline, which applies backpressure end to
 * end and, when the client goes away, stops the generator. A byte stream, not an object stream:
 * with one page of text over its high-water mark it asks for no more until the client has read it
 * (an object stream would read 16 pages ahead, which a benchmark saw as 200 MiB of N-Quads held).
 */
export function textStream(text: AsyncGenerator<string>): Readable {
  return Readable.from(text, { objectMode: false });
}

/** The export in an RDF format, as a stream of text. */
export function writeRdfExport(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>, mediaType: RdfMediaType): Readable {
  switch (mediaType) {
    case 'application/ld+json':
      return textStream(jsonLdText(ld, pages));
    case 'application/x-ndjson':
      return textStream(ndjsonText(ld, pages));
    case 'text/turtle':
      return textStream(rdfText(ld, pages, 'Turtle'));
    case 'application/n-quads':
      return textStream(rdfText(ld, pages, 'N-Quads'));
  }
}
