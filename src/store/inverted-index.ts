import { sortInSlices } from '../lib/sort-in-slices.js';
import type { RequestWork } from '../lib/work.js';
/**
 * A compact inverted index: a sorted term dictionary and, for each term, its postings in typed
 * arrays. Documents are numbered 0, 1, 2, ... in the order they are added; each has up to
 * FIELD_COUNT fields. Built for millions of short documents: about 5 bytes per posting, and no
 * object per term or per posting once built.
 */

/** Fields are numbered 0..3: a posting keeps its field in 2 bits. */
export const FIELD_COUNT = 4;
/** Term frequencies above this are counted as this: a short text never repeats a word that often. */
/** A term counts at most this many times in one field (the posting keeps it in six bits). */
export const MAX_FREQUENCY = 63;
const CHUNK_BITS = 20;
const CHUNK_SIZE = 1 << CHUNK_BITS;

export interface InvertedIndex {
  /** Every indexed term, in code-unit order, so the terms sharing a prefix are one range of ids. */
  readonly terms: readonly string[];
  /** The postings of term t are positions [termStart[t], termStart[t + 1]), ordered by document. */
  readonly termStart: Uint32Array;
  /** The document of each posting. A document has one posting per field the term occurs in. */
  readonly postingDocument: Uint32Array;
  /** The field of each posting in the low 2 bits, the term's frequency in that field above them. */
  readonly postingField: Uint8Array;
  /** At t * FIELD_COUNT + f: the number of documents whose field f holds term t. */
  readonly documentFrequency: Uint32Array;
  readonly documentCount: number;
}

/** The field of a posting's packed byte. */
export function fieldOf(packed: number): number {
  return packed & 3;
}

/** The term frequency of a posting's packed byte. */
export function frequencyOf(packed: number): number {
  return packed >>> 2;
}

/** The id of a term, or -1 when it is not indexed. */
export function termId(index: InvertedIndex, term: string): number {
  const at = lowerBound(index.terms, term);
  return at < index.terms.length && index.terms[at] === term ? at : -1;
}

/** The ids [start, end) of the terms that begin with `prefix` (the term itself included). */
export function prefixRange(index: InvertedIndex, prefix: string): [number, number] {
  const start = lowerBound(index.terms, prefix);
  // Every term with the prefix sorts before the prefix followed by the highest code unit.
  const end = lowerBound(index.terms, `${prefix}\uffff`, start);
  return [start, end];
}

function lowerBound(terms: readonly string[], value: string, from = 0): number {
  let low = from;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (terms[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An append-only sequence of numbers in fixed-size chunks: it grows without copying. */
export class ChunkedArray<T extends Uint32Array | Uint16Array | Uint8Array> {
  private readonly chunks: T[] = [];
  length = 0;
  constructor(private readonly allocate: (size: number) => T) {}

  push(value: number): void {
    const offset = this.length & (CHUNK_SIZE - 1);
    if (offset === 0) this.chunks.push(this.allocate(CHUNK_SIZE));
    this.chunks[this.chunks.length - 1]![offset] = value;
    this.length++;
  }

  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & (CHUNK_SIZE - 1)]!;
  }
}

/**
 * Collects documents one field at a time, then builds the index in one counting sort: postings are
 * streamed into chunks as (term, field and frequency), and only at the end laid out term by term.
 */
export class InvertedIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly termList: string[] = [];
  private readonly postingTerm = new ChunkedArray((size) => new Uint32Array(size));
  private readonly postingPacked = new ChunkedArray((size) => new Uint8Array(size));
  /** Where each document's postings end in the stream. */
  private readonly documentEnd = new ChunkedArray((size) => new Uint32Array(size));
  private fieldTerms: number[] = [];

  /** Adds a field of the current document, given its folded terms. */
  addField(field: number, terms: readonly string[]): void {
    if (terms.length === 0) return;
    const ids = this.fieldTerms;
    ids.length = 0;
    for (const term of terms) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.termList.length;
        this.ids.set(term, id);
        this.termList.push(term);
      }
      ids.push(id);
    }
    ids.sort((a, b) => a - b);
    for (let i = 0; i < ids.length; ) {
      let j = i + 1;
      while (j < ids.length && ids[j] === ids[i]) j++;
      this.postingTerm.push(ids[i]!);
      this.postingPacked.push(field | (Math.min(j - i, MAX_FREQUENCY) << 2));
      i = j;
    }
  }

  /** Closes the current document; the next field belongs to the next document. */
  endDocument(): void {
    this.documentEnd.push(this.postingTerm.length);
  }

  /** Lays the postings out term by term, pausing when the work's slice is over (see RequestWork). */
  async build(work: RequestWork): Promise<InvertedIndex> {
    const terms = await sortInSlices(this.termList.slice(), (a, b) => (a < b ? -1 : a > b ? 1 : 0), work);
    const rank = new Uint32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      rank[this.ids.get(terms[i]!)!] = i;
      if (work.step()) await work.pause();
    }
    this.ids.clear();

    const postings = this.postingTerm.length;
    const termStart = new Uint32Array(terms.length + 1);
    for (let p = 0; p < postings; p++) {
      termStart[rank[this.postingTerm.get(p)]! + 1]!++;
      if (work.step()) await work.pause();
    }
    for (let t = 0; t < terms.length; t++) termStart[t + 1]! += termStart[t]!;

    const next = termStart.slice(0, terms.length);
    const postingDocument = new Uint32Array(postings);
    const postingField = new Uint8Array(postings);
    const documentFrequency = new Uint32Array(terms.length * FIELD_COUNT);
    // Documents are visited in order, so each term's postings come out ordered by document.
    let p = 0;
    for (let document = 0; document < this.documentEnd.length; document++) {
      const end = this.documentEnd.get(document);
      for (; p < end; p++) {
        const term = rank[this.postingTerm.get(p)]!;
        const packed = this.postingPacked.get(p);
        const at = next[term]!++;
        postingDocument[at] = document;
        postingField[at] = packed;
        documentFrequency[term * FIELD_COUNT + fieldOf(packed)]!++;
      }
      if (work.step()) await work.pause();
    }
    return { terms, termStart, postingDocument, postingField, documentFrequency, documentCount: this.documentEnd.length };
  }
}
