type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;

/** A column as plain data: what passes to another thread, its chunks' buffers transferred, not copied. */
export interface ColumnParts<T extends TypedArray> {
  chunks: T[];
  length: number;
}
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

const CHUNK_BITS = 16;
const CHUNK_LENGTH = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_LENGTH - 1;
const FIRST_CAPACITY = 256;

/**
 * A column of numbers appended one at a time, for columns whose final length is only known once a
 * streamed seed is read. One column of numbers costs a few bytes per row and no object per row,
 * which is what keeps a graph of millions of relationships small and quick to collect.
 *
 * Values live in chunks of 2^16 that are never copied: an array that doubled as it grew would
 * allocate and free twice its final size, and V8 answers each such burst of memory outside its heap
 * with a full collection of the heap. Only the first chunk starts small and doubles, so a small graph
 * stays small.
 */
export class GrowableColumn<T extends TypedArray> {
  private readonly chunks: T[];
  length = 0;

  constructor(private readonly Type: TypedArrayConstructor<T>) {
    this.chunks = [new Type(FIRST_CAPACITY)];
  }

  /** A column holding what `parts` hold, in those very arrays. */
  static fromParts<T extends TypedArray>(Type: TypedArrayConstructor<T>, parts: ColumnParts<T>): GrowableColumn<T> {
    const column = new GrowableColumn(Type);
    column.chunks.splice(0, 1, ...parts.chunks);
    column.length = parts.length;
    return column;
  }

  /** The column's chunks and length; the column must not change after. */
  toParts(): ColumnParts<T> {
    return { chunks: this.chunks, length: this.length };
  }

  push(value: number): void {
    const chunk = this.length >>> CHUNK_BITS;
    const offset = this.length & CHUNK_MASK;
    if (chunk === this.chunks.length) {
      this.chunks.push(new this.Type(CHUNK_LENGTH));
    } else if (offset === this.chunks[chunk]!.length) {
      // Only the first chunk is ever short of room: double it, up to a full chunk.
      const grown = new this.Type(Math.min(CHUNK_LENGTH, offset * 2));
      grown.set(this.chunks[chunk]!);
      this.chunks[chunk] = grown;
    }
    this.chunks[chunk]![offset] = value;
    this.length += 1;
  }

  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
  }

  set(index: number, value: number): void {
    this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK] = value;
  }
}
