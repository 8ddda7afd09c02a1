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

/**
 * Node objects written at a time. A page's entities are a few hundred, but one of them may be a hub
 * that starts thousands of relationships: text is passed on every NODES_PER_CHUNK nodes, so what is
 * held is bounded by this, not by the largest hub (a benchmark saw 600 MiB of N-Quads held for a
 * page with hubs when a page was written at once).
 */
const NODES_PER_CHUNK = 200;

/** Everything the export says, as node objects in the order they are written, NODES_PER_CHUNK at a time. */
async function* nodeChunks(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<JsonLdNode[]> {
  let chunk: JsonLdNode[] = [];
  for await (const items of pages) {
    for (const { entity, outgoing } of items) {
      for (const node of describeEntity(ld, entity, outgoing)) {
        chunk.push(node);
        if (chunk.length === NODES_PER_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * JSON-LD: one document naming the published context, with every node of the graph in `@graph`,
 * one node a line, written as the nodes are made.
 */
async function* jsonLdText(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<string> {
  yield `{"@context":${JSON.stringify(ld.context)},"@graph":[`;
  let separator = '\n';
  for await (const nodes of nodeChunks(ld, pages)) {
    const lines: string[] = [];
    for (const node of nodes) {
      lines.push(separator, JSON.stringify(node));
      separator = ',\n';
    }
    yield lines.join('');
  }
  yield '\n]}\n';
}

/** NDJSON: one JSON-LD node a line, each naming the context, for bulk loaders that read a line at a time. */
async function* ndjsonText(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<string> {
  const context = ld.context;
  for await (const nodes of nodeChunks(ld, pages)) yield nodes.map((node) => `${JSON.stringify({ '@context': context, ...node })}\n`).join('');
}

/** The RDF triples of the export, those of NODES_PER_CHUNK nodes at a time. */
export async function* exportQuads(ld: LinkedDataBase, pages: AsyncIterable<ExportItem[]>): AsyncGenerator<Quad[]> {
  const triples = new TripleWriter(ld);
  for await (const nodes of nodeChunks(ld, pages)) {
    const quads: Quad[] = [];
    for (const node of nodes) triples.write(node, quads);
    yield quads;
  }
}

/** The prefixes Turtle abbreviates with: the borrowed namespaces and this deployment's vocabulary. */
export function turtlePrefixes(ld: LinkedDataBase): Record<string, string> {
  return { ...NAMESPACES, vocab: ld.vocab };
}

/**
 * Turtle or N-Quads, written by n3's writer from the triples a chunk at a time: what it has written
 * when a chunk is in is passed on, and its state (the subject it is in the middle of) carries over
 * to the next. n3's stream writer would take the triples one by one through a stream, which made it
 * four times slower.
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
 * with one chunk of text over its high-water mark it asks for no more until the client has read it
 * (an object stream would read 16 chunks ahead).
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
