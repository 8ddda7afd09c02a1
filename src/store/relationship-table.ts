import { GrowableColumn, type ColumnParts } from './columns.js';
import { Evidence, StoredRelationship, type RelationshipProperties, type EvidenceDetail } from './relationship.js';
import { RELATIONSHIP_TYPES, type RelationshipModel, type RelationshipType, type EvidenceMethod, type EvidenceModel } from './models.js';
import { METHODS } from './seed-rules.js';
import { QuoteStore, type QuoteStoreParts } from './quote-store.js';

/** Each evidence method's bit in a set of methods (see RelationshipTable.hasEvidenceBy). */
export const METHOD_BITS: Readonly<Record<EvidenceMethod, number>> = Object.fromEntries(METHODS.map((method, bit) => [method, bit])) as Record<EvidenceMethod, number>;

/** Each relationship type's position in RELATIONSHIP_TYPES: the number the edge table stores for it. */
export const RELATIONSHIP_TYPE_CODES: ReadonlyMap<string, number> = new Map(RELATIONSHIP_TYPES.map((type, code) => [type, code]));

/** One checked evidence item of a relationship, with its source as an entity index. */
export interface EvidenceRow {
  source: number;
  start: number;
  end: number;
  quote: string;
  /** Null for evidence that is extracted, stated and unattributed, as most is. */
  detail: EvidenceDetail | null;
}

/**
 * The columns of an edge table builder as plain data, for passing to another thread: the typed
 * arrays' buffers are transferred, not copied (see RelationshipTableBuilder.toParts).
 */
export interface RelationshipColumnParts {
  types: ColumnParts<Uint8Array>;
  from: ColumnParts<Int32Array>;
  to: ColumnParts<Int32Array>;
  evidenceStart: ColumnParts<Int32Array>;
  evidenceSource: ColumnParts<Int32Array>;
  evidenceFrom: ColumnParts<Uint32Array>;
  evidenceTo: ColumnParts<Uint32Array>;
  largeOffsets: Map<number, readonly [start: number, end: number]>;
  quotes: QuoteStoreParts;
  details: Map<number, EvidenceDetail>;
  properties: Map<number, RelationshipProperties>;
}

/** A builder as plain data: its columns, and its look-up table so that find still works (see RelationshipTableBuilder.fromParts). */
export interface RelationshipBuilderParts {
  columns: RelationshipColumnParts;
  slots: Int32Array;
}

/** The columns of the relationships: what the builder fills and the table reads. */
class RelationshipColumns {
  readonly types: GrowableColumn<Uint8Array>;
  readonly from: GrowableColumn<Int32Array>;
  readonly to: GrowableColumn<Int32Array>;
  /** Row i's evidence is evidence rows evidenceStart[i] to evidenceStart[i + 1]. */
  readonly evidenceStart: GrowableColumn<Int32Array>;
  readonly evidenceSource: GrowableColumn<Int32Array>;
  // Offsets fit 32 bits in any text a JavaScript string can hold; a seed may still declare a longer
  // source, so the rare larger offsets are kept aside rather than cut short.
  readonly evidenceFrom: GrowableColumn<Uint32Array>;
  readonly evidenceTo: GrowableColumn<Uint32Array>;
  readonly largeOffsets: Map<number, readonly [start: number, end: number]>;
  readonly quotes: QuoteStore;
  readonly details: Map<number, EvidenceDetail>;
  readonly properties: Map<number, RelationshipProperties>;

  /** Empty columns, or columns holding what `parts` hold. */
  constructor(parts?: RelationshipColumnParts) {
    this.types = parts ? GrowableColumn.fromParts(Uint8Array, parts.types) : new GrowableColumn(Uint8Array);
    this.from = parts ? GrowableColumn.fromParts(Int32Array, parts.from) : new GrowableColumn(Int32Array);
    this.to = parts ? GrowableColumn.fromParts(Int32Array, parts.to) : new GrowableColumn(Int32Array);
    this.evidenceStart = parts ? GrowableColumn.fromParts(Int32Array, parts.evidenceStart) : new GrowableColumn(Int32Array);
    this.evidenceSource = parts ? GrowableColumn.fromParts(Int32Array, parts.evidenceSource) : new GrowableColumn(Int32Array);
    this.evidenceFrom = parts ? GrowableColumn.fromParts(Uint32Array, parts.evidenceFrom) : new GrowableColumn(Uint32Array);
    this.evidenceTo = parts ? GrowableColumn.fromParts(Uint32Array, parts.evidenceTo) : new GrowableColumn(Uint32Array);
    this.largeOffsets = parts?.largeOffsets ?? new Map();
    this.quotes = parts ? QuoteStore.fromParts(parts.quotes) : new QuoteStore();
    this.details = parts?.details ?? new Map();
    this.properties = parts?.properties ?? new Map();
  }

  toParts(): RelationshipColumnParts {
    return {
      types: this.types.toParts(),
      from: this.from.toParts(),
      to: this.to.toParts(),
      evidenceStart: this.evidenceStart.toParts(),
      evidenceSource: this.evidenceSource.toParts(),
      evidenceFrom: this.evidenceFrom.toParts(),
      evidenceTo: this.evidenceTo.toParts(),
      largeOffsets: this.largeOffsets,
      quotes: this.quotes.toParts(),
      details: this.details,
      properties: this.properties,
    };
  }
}

/** Reads rows of the columns by position, for the builder and the table alike. */
abstract class RelationshipRows {
  constructor(protected readonly columns: RelationshipColumns) {}

  get length(): number {
    return this.columns.types.length;
  }

  /** A row's type as its position in RELATIONSHIP_TYPES. */
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
 * objects, and the collector has next to nothing to trace. Rows become RelationshipModel objects
 * (StoredRelationship) only when a query asks for them.
 */
export class RelationshipTable extends RelationshipRows implements Iterable<RelationshipModel> {
  constructor(
    columns: RelationshipColumns,
    /** Entity ids by entity index: the ends and evidence sources refer to these very strings. */
    private readonly ids: readonly string[],
  ) {
    super(columns);
  }

  edge(index: number): RelationshipModel {
    return new StoredRelationship(this, index);
  }

  typeOf(index: number): RelationshipType {
    return RELATIONSHIP_TYPES[this.typeCodeOf(index)]!;
  }

  fromIdOf(index: number): string {
    return this.ids[this.fromOf(index)]!;
  }

  toIdOf(index: number): string {
    return this.ids[this.toOf(index)]!;
  }

  propertiesOf(index: number): RelationshipProperties | undefined {
    return this.columns.properties.get(index);
  }

  /**
   * Whether at least one evidence item of a row was obtained by one of the methods in `methods`, a
   * set of bits by position in METHODS. Reads only the rare details: an item without is EXTRACTED.
   */
  hasEvidenceBy(index: number, methods: number): boolean {
    const { evidenceStart, details } = this.columns;
    for (let row = evidenceStart.get(index); row < evidenceStart.get(index + 1); row++) {
      if (((methods >>> METHOD_BITS[details.get(row)?.method ?? 'EXTRACTED']) & 1) === 1) return true;
    }
    return false;
  }

  evidenceOf(index: number): EvidenceModel[] {
    const { evidenceStart } = this.columns;
    const list: EvidenceModel[] = [];
    for (let row = evidenceStart.get(index); row < evidenceStart.get(index + 1); row++) list.push(this.evidenceAt(row));
    return list;
  }

  /**
   * The number of evidence rows. Every relationship's evidence items are numbered together, in row
   * order: relationship i's are rows evidenceStart[i] up to evidenceStart[i + 1].
   */
  get evidenceLength(): number {
    return this.columns.evidenceStart.get(this.length);
  }

  /** The relationship (row of the table) whose evidence an evidence row is. */
  relationshipOfEvidence(row: number): number {
    const { evidenceStart } = this.columns;
    let [low, high] = [0, this.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (evidenceStart.get(middle) <= row) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The id of the source an evidence row quotes. */
  evidenceSourceIdOf(row: number): string {
    return this.ids[this.columns.evidenceSource.get(row)]!;
  }

  evidenceStartOf(row: number): number {
    const { largeOffsets, evidenceFrom } = this.columns;
    return (largeOffsets.size === 0 ? undefined : largeOffsets.get(row))?.[0] ?? evidenceFrom.get(row);
  }

  evidenceEndOf(row: number): number {
    const { largeOffsets, evidenceTo } = this.columns;
    return (largeOffsets.size === 0 ? undefined : largeOffsets.get(row))?.[1] ?? evidenceTo.get(row);
  }

  evidenceMethodOf(row: number): EvidenceMethod {
    return this.columns.details.get(row)?.method ?? 'EXTRACTED';
  }

  /** One evidence row as a new evidence object. */
  evidenceAt(row: number): EvidenceModel {
    const start = this.evidenceStartOf(row);
    const end = this.evidenceEndOf(row);
    return new Evidence(this.evidenceSourceIdOf(row), start, end, this.columns.quotes.get(row, end - start), this.columns.details.get(row) ?? null);
  }

  *[Symbol.iterator](): Iterator<RelationshipModel> {
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
 * Collects relationships row by row while a seed streams in, then seals them into an RelationshipTable.
 * Finds a row by type and ends through an open-addressing hash table, so checking for a duplicate
 * costs the same at a hub with thousands of relationships as anywhere else.
 */
export class RelationshipTableBuilder extends RelationshipRows {
  /**
   * Pairs of (hash of type and ends, row + 1), 0 for an empty slot, probed linearly and never more
   * than half full. Keeping the hash beside the row means a probe rarely has to read the columns.
   */
  private slots: Int32Array = new Int32Array(2 << 12);

  constructor(columns = new RelationshipColumns()) {
    super(columns);
  }

  /** A builder holding what `parts` hold, in those very arrays: for finding rows of a builder filled on another thread. */
  static fromParts(parts: RelationshipBuilderParts): RelationshipTableBuilder {
    const builder = new RelationshipTableBuilder(new RelationshipColumns(parts.columns));
    builder.slots = parts.slots;
    return builder;
  }

  /** The table of columns a builder filled elsewhere (see toParts), such as on a worker thread. */
  static build(columns: RelationshipColumnParts, ids: readonly string[]): RelationshipTable {
    return new RelationshipTableBuilder(new RelationshipColumns(columns)).build(ids);
  }

  /**
   * The rows of several builders' columns, one after the other, as one set of columns: the first's
   * arrays are reused, the others' rows copied. Offsets past 32 bits are not expected here.
   */
  static concat(parts: readonly RelationshipColumnParts[]): RelationshipColumnParts {
    const into = new RelationshipColumns(parts[0]);
    for (const part of parts.slice(1)) {
      const from = new RelationshipColumns(part);
      const rowBase = into.types.length;
      const evidenceBase = into.quotes.length;
      for (let row = 0; row < from.types.length; row++) {
        into.types.push(from.types.get(row));
        into.from.push(from.from.get(row));
        into.to.push(from.to.get(row));
        into.evidenceStart.push(from.evidenceStart.get(row) + evidenceBase);
      }
      for (let row = 0; row < from.quotes.length; row++) {
        const start = from.evidenceFrom.get(row);
        const end = from.evidenceTo.get(row);
        into.evidenceSource.push(from.evidenceSource.get(row));
        into.evidenceFrom.push(start);
        into.evidenceTo.push(end);
        into.quotes.add(from.quotes.get(row, end - start));
      }
      for (const [row, detail] of from.details) into.details.set(row + evidenceBase, detail);
      for (const [row, properties] of from.properties) into.properties.set(row + rowBase, properties);
    }
    return into.toParts();
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
  add(typeCode: number, from: number, to: number, properties: RelationshipProperties | null, evidence: readonly EvidenceRow[]): number {
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

  /** The builder as plain data, for another thread (see fromParts and build); it must not be used after. */
  toParts(): RelationshipBuilderParts {
    return { columns: this.columns.toParts(), slots: this.slots };
  }

  /** The finished table; the builder must not be used after. */
  build(ids: readonly string[]): RelationshipTable {
    this.slots = new Int32Array(0);
    this.columns.evidenceStart.push(this.columns.quotes.length);
    this.columns.quotes.seal();
    return new RelationshipTable(this.columns, ids);
  }
}
