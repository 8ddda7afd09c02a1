import { relationshipId } from '../lib/global-id.js';
import { SeedBuilder, type LoadSeedOptions, type RecordPlace, type SeedGraph } from './seed.js';
import { readSeed, type SeedFile, type SeedRecordKind } from './seed-files.js';
import { isObject, type Json } from './seed-rules.js';

/**
 * The graph as records: exactly what a seed file holds (sources, entities, relationships, sameAs
 * links; see seed/ and src/store/seed.ts), plus the ids merged into another entity. Curation
 * changes records, and every store builds or stores them by the seed's rules, so a record the
 * service accepts at run time is one it would accept at start-up.
 */
export type RecordKind = 'source' | 'entity' | 'relationship' | 'sameAs' | 'mergedId';

/** The graph version after a journal entry: the seed's digest, and the entry's sequence once there is one. */
export function versionOf(seedVersion: string, sequence: number): string {
  return sequence === 0 ? seedVersion : `${seedVersion}-${sequence}`;
}

/** The kinds in the order the seed builder takes them. */
export const RECORD_KINDS: readonly RecordKind[] = ['source', 'entity', 'relationship', 'sameAs', 'mergedId'];

/** A record's kind and key: an entity or source id, a relationship id, a sameAs key (sameAsKey) or a merged id. */
export interface RecordRef {
  kind: RecordKind;
  key: string;
}

/** A merged id's record: the entity it now resolves to. */
export interface MergedIdRecord {
  survivor: string;
}

/** The key of a relationship record: its global id, made from its ends and type. */
export function relationshipKey(record: Json): string {
  return relationshipId(String(record.from), String(record.type), String(record.to));
}

/** The key of a sameAs record: the entity and the URI it is linked to. */
export function sameAsKey(entityId: string, uri: string): string {
  return `SameAs:${entityId} ${uri}`;
}

/** The key a record of a kind has. */
export function recordKey(kind: Exclude<RecordKind, 'mergedId'>, record: Json): string {
  if (kind === 'relationship') return relationshipKey(record);
  if (kind === 'sameAs') return sameAsKey(String(record.entity), String(record.uri));
  return String(record.id);
}

const SEED_KEYS = { source: 'sources', entity: 'entities', relationship: 'relationships', sameAs: 'sameAs' } as const;

/** What keeps the records a seed builder is given (see RecordingSeedBuilder). */
export interface SeedRecordSink {
  addSeedRecord(kind: Exclude<RecordKind, 'mergedId'>, record: Json): void;
}

/** Records as the database's record table holds them: each key and its record as JSON text. */
export interface RecordTexts {
  /** The merged ids and the entity each resolves to. */
  mergedIds(): Map<string, string>;
  /** Every record of a kind, in order, as its key and JSON text. */
  texts(kind: RecordKind): Iterable<[string, string]>;
}

/**
 * Records by kind, in the order they were first recorded: the order the seed builder takes them in,
 * and so the order relationships are answered in. A changed record keeps its place.
 */
export class RecordSet implements SeedRecordSink, RecordTexts {
  private readonly maps: Record<RecordKind, Map<string, Json>> = {
    source: new Map(),
    entity: new Map(),
    relationship: new Map(),
    sameAs: new Map(),
    mergedId: new Map(),
  };

  /** Adds a seed record as it was read: sources, entities, relationships and sameAs links. */
  addSeedRecord(kind: Exclude<RecordKind, 'mergedId'>, record: Json): void {
    this.maps[kind].set(recordKey(kind, record), record);
  }

  get(ref: RecordRef): Json | null {
    return this.maps[ref.kind].get(ref.key) ?? null;
  }

  /** Puts a record in place of what the key held (null removes it). */
  set(ref: RecordRef, record: Json | null): void {
    if (record === null) this.maps[ref.kind].delete(ref.key);
    else this.maps[ref.kind].set(ref.key, record);
  }

  /** Every record of a kind, in order. */
  all(kind: RecordKind): IterableIterator<[string, Json]> {
    return this.maps[kind].entries();
  }

  *texts(kind: RecordKind): Generator<[string, string]> {
    for (const [key, record] of this.maps[kind]) yield [key, JSON.stringify(record)];
  }

  /** The merged ids and the entity each resolves to. */
  mergedIds(): Map<string, string> {
    const aliases = new Map<string, string>();
    for (const [key, record] of this.maps.mergedId) aliases.set(key, String((record as unknown as MergedIdRecord).survivor));
    return aliases;
  }

  /** A copy: the maps are new, the records shared (records are never changed in place). */
  copy(): RecordSet {
    const copy = new RecordSet();
    for (const kind of Object.keys(this.maps) as RecordKind[]) for (const [key, record] of this.maps[kind]) copy.maps[kind].set(key, record);
    return copy;
  }

  /** The records as one seed file, for the seed builder. */
  toSeedFile(file: string): SeedFile {
    const data: Record<string, Json[]> = {};
    for (const kind of Object.keys(SEED_KEYS) as Array<keyof typeof SEED_KEYS>) {
      if (this.maps[kind].size > 0) data[SEED_KEYS[kind]] = [...this.maps[kind].values()];
    }
    return { file, absolutePath: file, data };
  }
}

/** Bytes of record text in one buffer: a record longer than this has a buffer of its own. */
const TEXT_CHUNK_BYTES = 32 << 20;

/**
 * A seed's records kept only to be written to the record table: each key and JSON text in UTF-8,
 * one after the other in large buffers, outside the JavaScript heap. Parsed records, held for a
 * table they are written to once, took four fifths of db:load's heap (1.9 of 2.3 GB at a million
 * entities; strings on the heap take more still), and at ten million relationships more than its
 * 8 GB. A seed that passes the rules has one record per key (a repeated id, relationship or link is
 * a problem), so records are kept in the order they come, kind by kind; a seed holds no merged ids.
 */
export class SeedRecordTexts implements SeedRecordSink, RecordTexts {
  /** By kind: buffers of records, each its key's and its text's byte lengths (32 bits each) and then their bytes. */
  private readonly kinds = new Map<RecordKind, Array<{ bytes: Buffer; used: number }>>(RECORD_KINDS.map((kind) => [kind, []]));

  addSeedRecord(kind: Exclude<RecordKind, 'mergedId'>, record: Json): void {
    const key = recordKey(kind, record);
    const text = JSON.stringify(record);
    const keyBytes = Buffer.byteLength(key);
    const size = 8 + keyBytes + Buffer.byteLength(text);
    const chunks = this.kinds.get(kind)!;
    let chunk = chunks.at(-1);
    if (!chunk || chunk.used + size > chunk.bytes.length) {
      chunk = { bytes: Buffer.allocUnsafe(Math.max(TEXT_CHUNK_BYTES, size)), used: 0 };
      chunks.push(chunk);
    }
    const at = chunk.used;
    chunk.bytes.writeUInt32LE(keyBytes, at);
    chunk.bytes.writeUInt32LE(size - 8 - keyBytes, at + 4);
    chunk.bytes.write(key, at + 8);
    chunk.bytes.write(text, at + 8 + keyBytes);
    chunk.used += size;
  }

  *texts(kind: RecordKind): Generator<[string, string]> {
    for (const { bytes, used } of this.kinds.get(kind)!) {
      for (let at = 0; at < used; ) {
        const keyEnd = at + 8 + bytes.readUInt32LE(at);
        const end = keyEnd + bytes.readUInt32LE(at + 4);
        yield [bytes.toString('utf8', at + 8, keyEnd), bytes.toString('utf8', keyEnd, end)];
        at = end;
      }
    }
  }

  mergedIds(): Map<string, string> {
    return new Map();
  }
}

/** Whether a record's evidence, anywhere in it, gives the entity as its speaker. */
function citesSpeaker(value: unknown, entityId: string): boolean {
  if (Array.isArray(value)) return value.some((item) => citesSpeaker(item, entityId));
  if (typeof value !== 'object' || value === null) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'speaker' ? inner === entityId : citesSpeaker(inner, entityId)) return true;
  }
  return false;
}

/**
 * Every record that names an entity other than its own record (see WritableGraphStore.findReferences),
 * by a scan of all records: relationships from, to or on behalf of it, its sameAs links, records
 * whose evidence gives it as speaker, and ids merged into it.
 */
export function recordsReferencing(records: RecordSet, entityId: string): Array<RecordRef & { record: Json }> {
  const found: Array<RecordRef & { record: Json }> = [];
  for (const kind of ['source', 'entity', 'relationship', 'sameAs'] as const) {
    for (const [key, record] of records.all(kind)) {
      if (kind !== 'source' && kind !== 'entity' && key === entityId) continue;
      const names =
        (kind === 'relationship' && (record.from === entityId || record.to === entityId || record.onBehalfOf === entityId)) ||
        (kind === 'sameAs' && record.entity === entityId) ||
        (key !== entityId && citesSpeaker(record, entityId));
      if (names) found.push({ kind, key, record });
    }
  }
  for (const [key, record] of records.all('mergedId')) if (record.survivor === entityId) found.push({ kind: 'mergedId', key, record });
  return found;
}

/** A seed builder that also keeps every record it is given, for a store that changes records later. */
export class RecordingSeedBuilder extends SeedBuilder {
  constructor(
    private readonly records: SeedRecordSink,
    options: ConstructorParameters<typeof SeedBuilder>[0],
  ) {
    super(options);
  }

  override add(kind: SeedRecordKind, data: unknown, place: RecordPlace): void {
    if (isObject(data)) this.records.addSeedRecord(kind, data);
    super.add(kind, data, place);
  }
}

/**
 * Loads a seed folder by the seed rules as loadSeed does, keeping its records in `records`: for a
 * store that takes changes. Every record goes through the builder on this thread (no worker), so
 * that each is kept.
 */
export async function loadSeedWithRecords<T extends SeedRecordSink>(seedDir: string, records: T, options: LoadSeedOptions = {}): Promise<{ graph: SeedGraph; records: T }> {
  const builder = new RecordingSeedBuilder(records, options);
  await readSeed(seedDir, builder, { ...options, parallelFromBytes: Infinity });
  return { graph: builder.finish(), records };
}
