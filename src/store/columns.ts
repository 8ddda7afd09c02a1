type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/**
 * A typed array that grows as values are appended, for columns whose final length is only known
 * once a streamed seed is read. One column of numbers costs a few bytes per row and no object per
 * row, which is what keeps a graph of millions of relationships small and quick to collect.
 */
export class GrowableColumn<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly Type: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new Type(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new this.Type(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Gives back the room reserved for growth; the column stays usable. */
  trim(): void {
    if (this.data.length !== this.length) this.data = this.data.slice(0, this.length) as T;
  }

  /** The values appended, in an array of exactly their length; the column must not be used after. */
  seal(): T {
    const values = this.data.length === this.length ? this.data : (this.data.slice(0, this.length) as T);
    this.data = new this.Type(0);
    this.length = 0;
    return values;
  }
}
