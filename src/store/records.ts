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

/**
 * Records by kind, in the order they were first recorded: the order the seed builder takes them in,
 * and so the order relationships are answered in. A changed record keeps its place.
 */
export class RecordSet {
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
    private readonly records: RecordSet,
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
 * Loads a seed folder by the seed rules as loadSeed does, keeping its records: for a store that
 * takes changes. Every record goes through the builder on this thread (no worker), so that each is kept.
 */
export async function loadSeedWithRecords(seedDir: string, options: LoadSeedOptions = {}): Promise<{ graph: SeedGraph; records: RecordSet }> {
  const records = new RecordSet();
  const builder = new RecordingSeedBuilder(records, options);
  await readSeed(seedDir, builder, { ...options, parallelFromBytes: Infinity });
  return { graph: builder.finish(), records };
}
