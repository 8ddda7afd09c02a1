import { GrowableColumn, type ColumnParts } from './columns.js';

/** Bytes per chunk: large enough that chunks are few, small enough that the unused tail of the last is cheap. */
const CHUNK_BYTES = 1 << 24;
/** Marks a row whose quote is held as a string. */
const AS_STRING = 0xffffffff;
/** Text that Latin-1 holds one byte per character (every code unit below 256). */
const LATIN1 = /^[\u0000-\u00ff]*$/;

/** A quote store as plain data, for passing to another thread (see QuoteStore.toParts). */
export interface QuoteStoreParts {
  chunkBytes: number;
  chunks: Uint8Array[];
  used: number;
  positions: ColumnParts<Uint32Array>;
  strings: Map<number, string>;
}

/**
 * The quotes of relationship evidence, millions of short unique strings, packed as Latin-1 bytes
 * in a few large buffers outside the JavaScript heap: a byte per character instead of a string
 * object each, and nothing for the collector to trace or copy. A quote is read back by its row
 * and its length, which evidence offsets give (a quote's length is always end − start). A quote
 * with characters beyond Latin-1 is kept as a string.
 */
export class QuoteStore {
  private readonly chunks: Buffer[] = [];
  private used: number;
  /** Where row i's bytes start: chunk × chunkBytes + offset, or AS_STRING. */
  private readonly positions: GrowableColumn<Uint32Array>;
  private readonly strings: Map<number, string>;

  constructor(
    private readonly chunkBytes = CHUNK_BYTES,
    parts?: QuoteStoreParts,
  ) {
    this.used = parts?.used ?? chunkBytes;
    this.positions = parts ? GrowableColumn.fromParts(Uint32Array, parts.positions) : new GrowableColumn(Uint32Array);
    this.strings = parts?.strings ?? new Map();
    for (const chunk of parts?.chunks ?? []) this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /** A store holding what `parts` hold, in those very buffers. */
  static fromParts(parts: QuoteStoreParts): QuoteStore {
    return new QuoteStore(parts.chunkBytes, parts);
  }

  /**
   * The store as plain data; it must not change after. Each chunk owns its whole buffer (chunks are
   * far larger than Buffer's pool), so the buffers can be transferred.
   */
  toParts(): QuoteStoreParts {
    return { chunkBytes: this.chunkBytes, chunks: this.chunks, used: this.used, positions: this.positions.toParts(), strings: this.strings };
  }

  get length(): number {
    return this.positions.length;
  }

  /** Appends the next row's quote. */
  add(quote: string): void {
    const full = this.used + quote.length > this.chunkBytes;
    // Past 4 GiB of quotes a position no longer fits its column: later quotes stay strings.
    const fits = (this.chunks.length + (full ? 1 : 0)) * this.chunkBytes < AS_STRING;
    if (quote.length > this.chunkBytes || !fits || !LATIN1.test(quote)) {
      this.strings.set(this.positions.length, quote);
      this.positions.push(AS_STRING);
      return;
    }
    if (full) {
      this.chunks.push(Buffer.allocUnsafe(this.chunkBytes));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.write(quote, this.used, 'latin1');
    this.positions.push(chunk * this.chunkBytes + this.used);
    this.used += quote.length;
  }

  /** The quote of a row, given its length. */
  get(row: number, length: number): string {
    const position = this.positions.get(row);
    if (position === AS_STRING) return this.strings.get(row)!;
    const chunk = Math.floor(position / this.chunkBytes);
    const offset = position - chunk * this.chunkBytes;
    return this.chunks[chunk]!.toString('latin1', offset, offset + length);
  }

  /** Ends appending: trims the last chunk to what it holds. */
  seal(): void {
    const last = this.chunks.length - 1;
    if (last >= 0) this.chunks[last] = Buffer.from(this.chunks[last]!.subarray(0, this.used));
  }
}
