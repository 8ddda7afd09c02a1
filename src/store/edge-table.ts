import { GrowableColumn } from './columns.js';
import { Evidence, StoredEdge, type EdgeProperties, type EvidenceDetail } from './edge.js';
import { EDGE_TYPES, type EdgeModel, type EdgeType, type EvidenceModel } from './models.js';
import { QuoteStore } from './quote-store.js';

/** Each relationship type's position in EDGE_TYPES: the number the edge table stores for it. */
export const EDGE_TYPE_CODES: ReadonlyMap<string, number> = new Map(EDGE_TYPES.map((type, code) => [type, code]));

/** One checked evidence item of a relationship, with its source as an entity index. */
export interface EvidenceRow {
  source: number;
  start: number;
  end: number;
  quote: string;
  /** Null for evidence that is extracted, stated and unattributed, as most is. */
  detail: EvidenceDetail | null;
}

/** The columns of the relationships: what the builder fills and the table reads. */
class EdgeColumns {
  readonly types = new GrowableColumn(Uint8Array);
  readonly from = new GrowableColumn(Int32Array);
  readonly to = new GrowableColumn(Int32Array);
  /** Row i's evidence is evidence rows evidenceStart[i] to evidenceStart[i + 1]. */
  readonly evidenceStart = new GrowableColumn(Int32Array);
  readonly evidenceSource = new GrowableColumn(Int32Array);
  // Offsets fit 32 bits in any text a JavaScript string can hold; a seed may still declare a longer
  // source, so the rare larger offsets are kept aside rather than cut short.
  readonly evidenceFrom = new GrowableColumn(Uint32Array);
  readonly evidenceTo = new GrowableColumn(Uint32Array);
  readonly largeOffsets = new Map<number, readonly [start: number, end: number]>();
  readonly quotes = new QuoteStore();
  readonly details = new Map<number, EvidenceDetail>();
  readonly properties = new Map<number, EdgeProperties>();
}

/** Reads rows of the columns by position, for the builder and the table alike. */
abstract class EdgeRows {
  constructor(protected readonly columns: EdgeColumns) {}

  get length(): number {
    return this.columns.types.length;
  }

  /** A row's type as its position in EDGE_TYPES. */
  typeCodeOf(index: number): number {
    return this.columns.types.get(index);
  }

  /** The entity index of a row's start. */
  fromOf(index: number): number {
    return this.columns.from.get(index);
  }

  /** The entity index of a row's end. */
  toOf(index: number): number {
    return this.columns.to.get(index);
  }
}

/**
 * The graph's relationships as columns: type, ends (entity indexes) and evidence rows in columns of
 * numbers, quotes packed as bytes, and the rare properties and evidence details kept aside by row.
 * A relationship costs about 40 bytes plus a byte per quoted character, against a few hundred as
 * objects, and the collector has next to nothing to trace. Rows become EdgeModel objects
 * (StoredEdge) only when a query asks for them.
 */
export class EdgeTable extends EdgeRows implements Iterable<EdgeModel> {
  constructor(
    columns: EdgeColumns,
    /** Entity ids by entity index: the ends and evidence sources refer to these very strings. */
    private readonly ids: readonly string[],
  ) {
    super(columns);
  }

  edge(index: number): EdgeModel {
    return new StoredEdge(this, index);
  }

  typeOf(index: number): EdgeType {
    return EDGE_TYPES[this.typeCodeOf(index)]!;
  }

  fromIdOf(index: number): string {
    return this.ids[this.fromOf(index)]!;
  }

  toIdOf(index: number): string {
    return this.ids[this.toOf(index)]!;
  }

  propertiesOf(index: number): EdgeProperties | undefined {
    return this.columns.properties.get(index);
  }

  evidenceOf(index: number): EvidenceModel[] {
    const { evidenceStart, largeOffsets, evidenceFrom, evidenceTo, evidenceSource, quotes, details } = this.columns;
    const list: EvidenceModel[] = [];
    for (let row = evidenceStart.get(index); row < evidenceStart.get(index + 1); row++) {
      const large = largeOffsets.size === 0 ? undefined : largeOffsets.get(row);
      const start = large?.[0] ?? evidenceFrom.get(row);
      const end = large?.[1] ?? evidenceTo.get(row);
      list.push(new Evidence(this.ids[evidenceSource.get(row)]!, start, end, quotes.get(row, end - start), details.get(row) ?? null));
    }
    return list;
  }

  *[Symbol.iterator](): Iterator<EdgeModel> {
    for (let index = 0; index < this.length; index++) yield this.edge(index);
  }
}

/** Mixes a relationship's type and ends into 32 bits, for the builder's hash table. */
function hashEnds(from: number, code: number, to: number): number {
  let h = Math.imul(from ^ (code << 24), 0x9e3779b1) ^ Math.imul(to, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/**
 * Collects relationships row by row while a seed streams in, then seals them into an EdgeTable.
 * Finds a row by type and ends through an open-addressing hash table, so checking for a duplicate
 * costs the same at a hub with thousands of relationships as anywhere else.
 */
export class EdgeTableBuilder extends EdgeRows {
  /**
   * Pairs of (hash of type and ends, row + 1), 0 for an empty slot, probed linearly and never more
   * than half full. Keeping the hash beside the row means a probe rarely has to read the columns.
   */
  private slots = new Int32Array(2 << 12);

  constructor() {
    super(new EdgeColumns());
  }

  /** The row of the relationship of a type from one entity to another, or -1. */
  find(typeCode: number, from: number, to: number): number {
    const hash = hashEnds(from, typeCode, to);
    const mask = this.slots.length / 2 - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[2 * slot + 1]!;
      if (stored === 0) return -1;
      const row = stored - 1;
      if (this.slots[2 * slot] === hash && this.fromOf(row) === from && this.toOf(row) === to && this.typeCodeOf(row) === typeCode) return row;
    }
  }

  private remember(slots: Int32Array, hash: number, row: number): void {
    const mask = slots.length / 2 - 1;
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = row + 1;
  }

  /**
   * Appends a checked relationship and returns its row. A relationship of the same type and ends
   * must not be in the table already (see find).
   */
  add(typeCode: number, from: number, to: number, properties: EdgeProperties | null, evidence: readonly EvidenceRow[]): number {
    const columns = this.columns;
    const index = columns.types.length;
    columns.types.push(typeCode);
    columns.from.push(from);
    columns.to.push(to);
    columns.evidenceStart.push(columns.quotes.length);
    for (const row of evidence) {
      if (row.detail) columns.details.set(columns.quotes.length, row.detail);
      columns.evidenceSource.push(row.source);
      if (row.end > 0xffffffff) columns.largeOffsets.set(columns.quotes.length, [row.start, row.end]);
      columns.evidenceFrom.push(row.start);
      columns.evidenceTo.push(row.end);
      columns.quotes.add(row.quote);
    }
    if (properties) columns.properties.set(index, properties);
    this.remember(this.slots, hashEnds(from, typeCode, to), index);
    if (columns.types.length > this.slots.length / 4) {
      const grown = new Int32Array(this.slots.length * 2);
      for (let slot = 0; slot < this.slots.length; slot += 2) {
        if (this.slots[slot + 1] !== 0) this.remember(grown, this.slots[slot]!, this.slots[slot + 1]! - 1);
      }
      this.slots = grown;
    }
    return index;
  }

  /** The finished table; the builder must not be used after. */
  build(ids: readonly string[]): EdgeTable {
    this.slots = new Int32Array(0);
    this.columns.evidenceStart.push(this.columns.quotes.length);
    this.columns.quotes.seal();
    return new EdgeTable(this.columns, ids);
  }
}
