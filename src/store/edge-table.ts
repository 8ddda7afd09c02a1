import { GrowableColumn } from './columns.js';
import { Evidence, StoredEdge, type EdgeProperties, type EvidenceDetail } from './edge.js';
import { EDGE_TYPES, type EdgeModel, type EdgeType, type EvidenceModel } from './models.js';

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

/**
 * The graph's relationships as columns: type, ends (entity indexes), and evidence rows, each a typed
 * array, with the rare properties and evidence details kept aside by row. A relationship costs
 * about 30 bytes plus its quote, against a few hundred as objects, and the collector has next to
 * nothing to trace. Rows become EdgeModel objects (StoredEdge) only when a query asks for them.
 */
export class EdgeTable implements Iterable<EdgeModel> {
  constructor(
    /** Entity ids by entity index: the ends and evidence sources refer to these very strings. */
    private readonly ids: readonly string[],
    readonly types: Uint8Array,
    readonly from: Int32Array,
    readonly to: Int32Array,
    /** Row i's evidence is evidence rows evidenceStart[i] to evidenceStart[i + 1]. */
    private readonly evidenceStart: Int32Array,
    private readonly evidenceSource: Int32Array,
    private readonly evidenceFrom: Float64Array,
    private readonly evidenceTo: Float64Array,
    private readonly quotes: readonly string[],
    private readonly details: ReadonlyMap<number, EvidenceDetail>,
    private readonly properties: ReadonlyMap<number, EdgeProperties>,
  ) {}

  get length(): number {
    return this.types.length;
  }

  edge(index: number): EdgeModel {
    return new StoredEdge(this, index);
  }

  typeOf(index: number): EdgeType {
    return EDGE_TYPES[this.types[index]!]!;
  }

  fromIdOf(index: number): string {
    return this.ids[this.from[index]!]!;
  }

  toIdOf(index: number): string {
    return this.ids[this.to[index]!]!;
  }

  propertiesOf(index: number): EdgeProperties | undefined {
    return this.properties.get(index);
  }

  evidenceOf(index: number): EvidenceModel[] {
    const list: EvidenceModel[] = [];
    for (let row = this.evidenceStart[index]!; row < this.evidenceStart[index + 1]!; row++) {
      list.push(new Evidence(this.ids[this.evidenceSource[row]!]!, this.evidenceFrom[row]!, this.evidenceTo[row]!, this.quotes[row]!, this.details.get(row) ?? null));
    }
    return list;
  }

  *[Symbol.iterator](): Iterator<EdgeModel> {
    for (let index = 0; index < this.length; index++) yield this.edge(index);
  }
}

/** Collects relationships row by row while a seed streams in, then seals them into an EdgeTable. */
export class EdgeTableBuilder {
  private readonly types = new GrowableColumn(Uint8Array);
  private readonly from = new GrowableColumn(Int32Array);
  private readonly to = new GrowableColumn(Int32Array);
  private readonly evidenceStart = new GrowableColumn(Int32Array);
  private readonly evidenceSource = new GrowableColumn(Int32Array);
  // Offsets are integers but may exceed 2^31 in a long text; a double holds any of them exactly.
  private readonly evidenceFrom = new GrowableColumn(Float64Array);
  private readonly evidenceTo = new GrowableColumn(Float64Array);
  private readonly quotes: string[] = [];
  private readonly details = new Map<number, EvidenceDetail>();
  private readonly properties = new Map<number, EdgeProperties>();

  get length(): number {
    return this.types.length;
  }

  typeCodeOf(index: number): number {
    return this.types.get(index);
  }

  fromOf(index: number): number {
    return this.from.get(index);
  }

  toOf(index: number): number {
    return this.to.get(index);
  }

  /** Appends a checked relationship and returns its row. */
  add(typeCode: number, from: number, to: number, properties: EdgeProperties | null, evidence: readonly EvidenceRow[]): number {
    const index = this.types.length;
    this.types.push(typeCode);
    this.from.push(from);
    this.to.push(to);
    this.evidenceStart.push(this.quotes.length);
    for (const row of evidence) {
      if (row.detail) this.details.set(this.quotes.length, row.detail);
      this.evidenceSource.push(row.source);
      this.evidenceFrom.push(row.start);
      this.evidenceTo.push(row.end);
      this.quotes.push(row.quote);
    }
    if (properties) this.properties.set(index, properties);
    return index;
  }

  /** The finished table; the builder must not be used after. */
  build(ids: readonly string[]): EdgeTable {
    this.evidenceStart.push(this.quotes.length);
    return new EdgeTable(
      ids,
      this.types.seal(),
      this.from.seal(),
      this.to.seal(),
      this.evidenceStart.seal(),
      this.evidenceSource.seal(),
      this.evidenceFrom.seal(),
      this.evidenceTo.seal(),
      this.quotes,
      this.details,
      this.properties,
    );
  }
}
