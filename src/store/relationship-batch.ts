import type { RelationshipProperties } from './relationship.js';
import { isSymmetricCode } from './adjacency.js';
import { RELATIONSHIP_TYPE_CODES, RelationshipTableBuilder, type RelationshipBuilderParts, type RelationshipColumnParts, type EvidenceRow } from './relationship-table.js';
import { IdIndex } from './id-index.js';
import { RELATIONSHIP_TYPES } from './models.js';
import { InvalidUtf8Error } from '../lib/utf8.js';
import { readLines } from './ndjson-lines.js';
import { EVIDENCE_KEYS, METHODS, MODALITIES, PROPERTY_KEYS, RELATIONSHIP_KEYS, hasTypePrefix, isNonEmptyString, isObject, methodProblem } from './seed-rules.js';
import { VOCABULARY } from './vocabulary.js';

/** Bytes start to end (exclusive) of a file, from a line start to a line start. */
export interface ByteRange {
  path: string;
  start: number;
  end: number;
}

/**
 * Relationship NDJSON lines read and checked apart from the entities, on a worker thread while the
 * main thread reads the entities (and a second batch on the main thread once it has): every check
 * a relationship needs that does not need the entities. The evidence sources, and on the worker the
 * ends, are numbered in the order this batch first meets them, not yet as entity indexes; the seed
 * builder resolves each distinct id once, checks what needs the entities, and turns the numbers
 * into entity indexes (see SeedBuilder.adoptRelationships).
 */
export interface RelationshipBatch {
  /** The relationships as edge columns, in file and line order, with the builder's look-up table: no two are duplicates. */
  builder: RelationshipBuilderParts;
  /**
   * End k's id is text.slice(offsets[k], offsets[k + 1]): one string crosses threads far faster
   * than a million. Null when the ends are entity indexes already (see ReadRelationshipBatchOptions.entityIndex).
   */
  ends: { text: string; offsets: Int32Array } | null;
  /** Each evidence source cited, by its number in the batch, with the largest end offset quoted from it. */
  sources: Array<{ id: string; maxEnd: number }>;
  /** Ids that must be countries (onBehalfOf). */
  countries: string[];
  /** Ids that must be people (speakers of reported speech). */
  speakers: string[];
  /** Relationship records read. */
  records: number;
}

export interface ReadRelationshipBatchOptions {
  sourceTexts?: ReadonlyMap<string, string> | undefined;
  /**
   * The entity index of an id, once every entity is in: the batch then numbers ends by it, sparing
   * a table of its own and a second look-up, and an end it does not know makes the batch fail.
   */
  entityIndex?: ((id: string) => number | undefined) | undefined;
  /** Called every `progressEvery` records. */
  onProgress?: (records: number) => void;
  progressEvery?: number;
}

/**
 * Checks relationship records one at a time against the rules of SeedBuilder.addRelationship that
 * need nothing but the record, and collects them as edge columns. It only accepts: a record with any
 * problem, or anything else unusual, makes the batch fail, and the serial path reads the files again
 * to name every problem exactly as it always has.
 */
class BatchReader {
  private readonly edges = new RelationshipTableBuilder();
  private readonly ends = new IdIndex();
  private readonly sourceNumbers = new Map<string, number>();
  private readonly maxEnds: number[] = [];
  private readonly sourceIds: string[] = [];
  private readonly countries = new Set<string>();
  private readonly speakers = new Set<string>();
  records = 0;

  constructor(
    private readonly sourceTexts: ReadonlyMap<string, string> | undefined,
    private readonly entityIndex: ((id: string) => number | undefined) | undefined,
  ) {}

  /** An end's number: its entity index when known (-1 for an unknown id), else its number in this batch. */
  private endNumber(id: string): number {
    if (this.entityIndex) return this.entityIndex(id) ?? -1;
    return this.ends.get(id) ?? this.ends.add(id);
  }

  /** Adds a record and returns true, or returns false for a record the serial path must judge. */
  add(data: unknown): boolean {
    this.records += 1;
    if (!isObject(data)) return false;
    for (const key in data) if (!RELATIONSHIP_KEYS.includes(key)) return false;
    const code = typeof data.type === 'string' ? RELATIONSHIP_TYPE_CODES.get(data.type) : undefined;
    if (code === undefined) return false;
    const rule = VOCABULARY[RELATIONSHIP_TYPES[code]!];
    const { from, to } = data;
    if (typeof from !== 'string' || typeof to !== 'string' || from === to) return false;
    if (!rule.from.some((type) => hasTypePrefix(from, type)) || !rule.to.some((type) => hasTypePrefix(to, type))) return false;
    let hasProperties = false;
    for (const key of PROPERTY_KEYS) {
      const value = data[key];
      if (value === undefined) continue;
      if (!rule.properties?.includes(key)) return false;
      const valid = key === 'onBehalfOf' ? typeof value === 'string' : key === 'ordinal' ? Number.isInteger(value) && (value as number) > 0 : isNonEmptyString(value);
      if (!valid) return false;
      hasProperties = true;
    }
    if (!Array.isArray(data.evidence) || data.evidence.length === 0) return false;
    const evidence: EvidenceRow[] = [];
    for (const item of data.evidence) {
      const row = this.readEvidence(item);
      if (!row) return false;
      evidence.push(row);
    }
    const fromNumber = this.endNumber(from);
    const toNumber = this.endNumber(to);
    if (fromNumber === -1 || toNumber === -1) return false;
    if (this.edges.find(code, fromNumber, toNumber) !== -1 || (rule.symmetric && this.edges.find(code, toNumber, fromNumber) !== -1)) return false;
    let properties: RelationshipProperties | null = null;
    if (hasProperties) {
      if (typeof data.onBehalfOf === 'string') this.countries.add(data.onBehalfOf);
      properties = {
        onBehalfOfId: (data.onBehalfOf as string | undefined) ?? null,
        capacity: (data.capacity as string | undefined) ?? null,
        role: (data.role as string | undefined) ?? null,
        note: (data.note as string | undefined) ?? null,
        ordinal: (data.ordinal as number | undefined) ?? null,
      };
    }
    this.edges.add(code, fromNumber, toNumber, properties, evidence);
    return true;
  }

  private readEvidence(value: unknown): EvidenceRow | null {
    if (!isObject(value)) return null;
    for (const key in value) if (!EVIDENCE_KEYS.includes(key)) return null;
    const { source, quote, start, end, reason, reference, speaker } = value;
    const method = METHODS.find((m) => m === (value.method ?? 'EXTRACTED'));
    const modality = MODALITIES.find((m) => m === (value.modality ?? 'STATED'));
    if (!method || !modality || typeof source !== 'string' || !isNonEmptyString(quote)) return null;
    // Offsets past 32 bits are kept aside by the serial path: rare enough to leave to it.
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number) || (end as number) > 0xffffffff) return null;
    if (quote.length !== (end as number) - (start as number)) return null;
    const text = this.sourceTexts?.get(source);
    if (text !== undefined && text.slice(start as number, end as number) !== quote) return null;
    if (methodProblem(method, reason, reference) !== null) return null;
    if (modality === 'REPORTED_SPEECH' ? typeof speaker !== 'string' : speaker !== undefined) return null;
    if (typeof speaker === 'string') this.speakers.add(speaker);
    let number = this.sourceNumbers.get(source);
    if (number === undefined) {
      number = this.sourceIds.length;
      this.sourceNumbers.set(source, number);
      this.sourceIds.push(source);
      this.maxEnds.push(0);
    }
    if ((end as number) > this.maxEnds[number]!) this.maxEnds[number] = end as number;
    return {
      source: number,
      start: start as number,
      end: end as number,
      quote,
      detail:
        method === 'EXTRACTED' && modality === 'STATED'
          ? null
          : {
              method,
              reason: (reason as string | undefined) ?? null,
              reference: (reference as string | undefined) ?? null,
              modality,
              speakerId: (speaker as string | undefined) ?? null,
            },
    };
  }

  finish(): RelationshipBatch {
    const ids = this.ends.ids;
    const offsets = new Int32Array(ids.length + 1);
    for (let k = 0; k < ids.length; k++) offsets[k + 1] = offsets[k]! + ids[k]!.length;
    return {
      builder: this.edges.toParts(),
      ends: this.entityIndex ? null : { text: ids.join(''), offsets },
      sources: this.sourceIds.map((id, number) => ({ id, maxEnd: this.maxEnds[number]! })),
      countries: [...this.countries],
      speakers: [...this.speakers],
      records: this.records,
    };
  }
}

/**
 * Reads and checks ranges of relationship NDJSON files, in order, into one batch; null as soon as a
 * record needs the serial path (a problem, or a line that is not JSON).
 */
export async function readRelationshipBatch(ranges: readonly ByteRange[], options: ReadRelationshipBatchOptions = {}): Promise<RelationshipBatch | null> {
  const reader = new BatchReader(options.sourceTexts, options.entityIndex);
  const every = options.progressEvery ?? 100_000;
  let accepted = true;
  for (const { path, start, end } of ranges) {
    const take = (line: string): boolean => {
      if (line.trim() === '') return true;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        accepted = false;
        return false;
      }
      accepted = reader.add(data);
      if (accepted && options.onProgress && reader.records % every === 0) options.onProgress(reader.records);
      return accepted;
    };
    try {
      await readLines(path, take, { start, end });
    } catch (error) {
      // The serial path reads the file again and names the problem.
      if (error instanceof InvalidUtf8Error) return null;
      throw error;
    }
    if (!accepted) return null;
  }
  return reader.finish();
}

/** The buffers a batch can hand to another thread without copying them. */
export function transferList(batch: RelationshipBatch): ArrayBuffer[] {
  const { columns, slots } = batch.builder;
  const arrays: ArrayBufferView[] = [
    ...(batch.ends ? [batch.ends.offsets] : []),
    slots,
    ...[columns.types, columns.from, columns.to, columns.evidenceStart, columns.evidenceSource, columns.evidenceFrom, columns.evidenceTo, columns.quotes.positions].flatMap(
      (column) => column.chunks as ArrayBufferView[],
    ),
    ...columns.quotes.chunks,
  ];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/**
 * Turns a batch's numbers for ends and sources into entity indexes, in place: end k is entity
 * ends[k] (ends already entity indexes when null), source k entity sources[k].
 */
export function renumber(columns: RelationshipColumnParts, ends: Int32Array | null, sources: Int32Array): void {
  const renumbered = [[columns.evidenceSource, sources] as const, ...(ends ? ([[columns.from, ends], [columns.to, ends]] as const) : [])];
  for (const [column, indexes] of renumbered) {
    let left = column.length;
    for (const chunk of column.chunks) {
      const length = Math.min(left, chunk.length);
      for (let i = 0; i < length; i++) chunk[i] = indexes[chunk[i]!]!;
      left -= length;
    }
  }
}

/**
 * Whether a later batch holds a relationship an earlier one holds too, the same way round or, for a
 * symmetric type, the other: each batch has no duplicates within itself. `ends` turn each batch's
 * end numbers into entity indexes; the batches are not renumbered yet.
 */
export function sharesRelationship(
  earlier: RelationshipBatch,
  earlierEnds: Int32Array | null,
  later: RelationshipBatch,
  laterEnds: Int32Array | null,
  entityCount: number,
): boolean {
  const inEarlier = earlierEnds ? new Int32Array(entityCount).fill(-1) : Int32Array.from({ length: entityCount }, (_, index) => index);
  for (let k = 0; k < (earlierEnds?.length ?? 0); k++) inEarlier[earlierEnds![k]!] = k;
  const entity = (end: number) => (laterEnds ? laterEnds[end]! : end);
  const earlierRows = RelationshipTableBuilder.fromParts(earlier.builder);
  const laterRows = RelationshipTableBuilder.fromParts(later.builder);
  for (let row = 0; row < laterRows.length; row++) {
    const code = laterRows.typeCodeOf(row);
    const from = inEarlier[entity(laterRows.fromOf(row))]!;
    const to = inEarlier[entity(laterRows.toOf(row))]!;
    if (from === -1 || to === -1) continue;
    if (earlierRows.find(code, from, to) !== -1 || (isSymmetricCode(code) && earlierRows.find(code, to, from) !== -1)) return true;
  }
  return false;
}
