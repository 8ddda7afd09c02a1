import { CountryCodeResolver } from 'graphql-scalars';
import { createHash } from 'node:crypto';
import { parseGlobalId } from '../lib/global-id.js';
import { sha256Hex } from '../lib/sha256.js';
import { parsePartialDate } from '../lib/partial-date.js';
import { GrowableColumn } from './columns.js';
import { Evidence } from './relationship.js';
import { RELATIONSHIP_TYPE_CODES, RelationshipTableBuilder, type RelationshipColumnParts, type RelationshipTable, type EvidenceRow } from './relationship-table.js';
import { StoredEntity } from './entity.js';
import { IdIndex } from './id-index.js';
import { MentionColumns } from './mention-columns.js';
import type { AttributeEvidenceModel, RelationshipType, EntityModel, EntityTypeName, EvidenceModel, LabelModel, LanguageCode, NotModelledModel, PartialDateModel, SourceSpansModel, TextSpanModel } from './models.js';
import { RELATIONSHIP_TYPES, ENTITY_TYPES, isPartialDate } from './models.js';
import { renumber, sharesRelationship, type RelationshipBatch } from './relationship-batch.js';
import { readSeed, type SeedFile, type SeedRecordKind } from './seed-files.js';
import { EVIDENCE_KEYS, METHODS, MODALITIES, PROPERTY_KEYS, RELATIONSHIP_KEYS, hasTypePrefix, isHttpUrl, isNonEmptyString, isObject, methodProblem, type Json } from './seed-rules.js';
import { REQUIRED_ATTRIBUTES, SEED_ATTRIBUTES } from '../generated/catalogue.js';
import type { SeedAttributeRule } from './catalogue-types.js';
import { VOCABULARY, type RelationshipRule } from './vocabulary.js';

/** The graph as read from the seed: every record checked, every reference resolved. */
export interface SeedGraph {
  entities: EntityModel[];
  /** Each entity's index in `entities`, by id. */
  entityIndex: IdIndex;
  /** Every relationship, as rows that refer to entities by index. */
  edges: RelationshipTable;
  /** A digest of the seed's content: changes whenever any record does. */
  version: string;
}

export interface SeedProblem {
  file: string;
  /** Where in the file: `entities[3] (Person:karsten-wildberger)`, or empty for the file itself. */
  record: string;
  message: string;
}

/** Raised when the seed has problems; its message lists all of them, one per line. */
export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `The seed has ${problems.length} problem${problems.length === 1 ? '' : 's'}; the service will not start until they are fixed:\n` +
        problems.map((p) => `  ${p.file}${p.record ? ` › ${p.record}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'SeedError';
  }
}

export interface LoadSeedOptions {
  /**
   * Source texts by source id. When a source's text is given, its SHA-256 and length and every quote
   * and offset taken from it are checked against it; without it, quotes are checked against their
   * offsets' length and the source's length.
   */
  sourceTexts?: ReadonlyMap<string, string>;
  /** Called every `progressEvery` records while loading, for progress on large seeds. */
  onProgress?: (records: number) => void;
  progressEvery?: number;
  /**
   * Relationship NDJSON files of at least this many bytes in all are read on a worker thread while
   * the entities are read (see parallel-relationships.ts); below it, starting a worker costs more
   * than it saves. Tests set it to 0 or Infinity to take either path.
   */
  parallelFromBytes?: number;
}

/** Where a record is: its file, and its index in an array (`entities[3]`) or its line (`line 4`). */
export interface RecordPlace {
  file: string;
  kind: SeedRecordKind;
  /** Index in the file's array for JSON files; line number for NDJSON files. */
  index: number;
  isLine: boolean;
}

const KIND_KEYS: Record<SeedRecordKind, string> = { source: 'sources', entity: 'entities', relationship: 'relationships', sameAs: 'sameAs' };
const SAME_AS_KEYS = ['entity', 'uri', 'evidence'];
const LANGUAGES: Record<string, LanguageCode> = { en: 'EN', de: 'DE', fr: 'FR' };
const COMMON_KEYS = ['id', 'name', 'aliases', 'labels', 'translatedLabels', 'description', 'mentions', 'attributeEvidence'];
/** What a source record holds beyond its attributes: its sentence spans and those declared not modelled (see SourceSpansModel). */
const SOURCE_KEYS = ['sentences', 'notModelled'];
const NOT_MODELLED_KEYS = ['start', 'end', 'quote', 'reason'];
const DATE_KEYS = ['value', 'qualifier', 'evidence'];
/** Marks an entity's state once its model is built (see SeedBuilder.states). */
const BUILT = 0x80;
/** Shared by every entity without aliases or extra labels, so a large graph does not hold a million empty arrays. */
const NONE: readonly never[] = Object.freeze([]);

// How each attribute is read, and which are required, come from the declaration in schema/.
const ENTITY_ATTRIBUTES = SEED_ATTRIBUTES;
const ALLOWED_KEYS = Object.fromEntries(
  Object.entries(ENTITY_ATTRIBUTES).map(([type, attributes]) => [type, [...COMMON_KEYS, ...Object.keys(attributes), ...(type === 'Source' ? SOURCE_KEYS : [])]]),
) as Record<EntityTypeName, string[]>;
const ATTRIBUTE_ENTRIES = Object.fromEntries(Object.entries(ENTITY_ATTRIBUTES).map(([type, attributes]) => [type, Object.entries(attributes)])) as Record<
  EntityTypeName,
  Array<[string, SeedAttributeRule]>
>;
const ENTITY_TYPE_CODES = Object.fromEntries(Object.keys(ENTITY_ATTRIBUTES).map((type) => [type, type.toUpperCase()])) as Record<EntityTypeName, string>;

/** The same check the API's CountryCode scalar applies, so the seed never holds a code the API cannot return. */
function isCountryCode(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)) return false;
  try {
    CountryCodeResolver.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

function baseLabel(place: RecordPlace): string {
  return place.isLine ? `line ${place.index}` : `${KIND_KEYS[place.kind]}[${place.index}]`;
}

function describe(place: RecordPlace, data: unknown): string {
  const base = baseLabel(place);
  if (!isObject(data)) return base;
  if (place.kind === 'relationship') {
    return [data.type, data.from, data.to].every((v) => typeof v === 'string') ? `${base} (${String(data.type)} ${String(data.from)} → ${String(data.to)})` : base;
  }
  if (place.kind === 'sameAs') return typeof data.entity === 'string' ? `${base} (${data.entity})` : base;
  return typeof data.id === 'string' ? `${base} (${data.id})` : base;
}

/** The record being read: where it is and its raw data, so messages can name it when needed. */
interface Current {
  place: RecordPlace;
  data: Json;
}

/**
 * Checks seed records one at a time and builds the graph from them, so a seed of millions of records
 * streams through without being held twice. Records must arrive in phases: every source, then every
 * entity, then every relationship; references to a speaker are checked when the entities are done.
 * Every problem is collected, so one run names them all; any problem at all means no graph. Labels
 * such as `entities[3] (Person:x)` are only built for a record that has a problem.
 */
export class SeedBuilder {
  private readonly problems: SeedProblem[] = [];
  /** Every id seen, numbered in order: one index for the whole load, handed on to the store. */
  private readonly index = new IdIndex();
  private readonly mentions = new MentionColumns(this.index);
  /** By index: the model once built (null while the record has problems), where it was defined. */
  private readonly models: Array<EntityModel | null> = [];
  /** By index: the type's position in ENTITY_TYPES, plus BUILT once the model is; a byte per entity. */
  private readonly states = new GrowableColumn(Uint8Array);
  /** Places encoded as numbers (see encode), kept small: file index, position and form. */
  private readonly origins: number[] = [];
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  /** Each source's declared text length, by entity index. */
  private readonly sourceLengths = new Map<number, number>();
  /**
   * The index of each source, by id: every evidence item names one of a few sources, and this small
   * map stays in the processor's cache where the map of every id, at millions of entries, does not.
   */
  private readonly sourceIndex = new Map<string, number>();
  private readonly edges = new RelationshipTableBuilder();
  /** Relationships read on a worker and adopted whole, in place of the builder's (see adoptRelationships). */
  private adoptedEdges: RelationshipColumnParts | null = null;
  private readonly edgeOrigins = new GrowableColumn(Float64Array);
  private readonly speakerChecks: Array<{ file: string; record: string; path: string; speaker: unknown }> = [];
  private readonly digest = createHash('sha256');

  constructor(private readonly options: LoadSeedOptions = {}) {}

  private problem(current: Current, message: string): void {
    this.problems.push({ file: current.place.file, record: describe(current.place, current.data), message });
  }

  /** Encodes a place as one number: the file, the position, and whether the position is a line. */
  private encode(place: RecordPlace): number {
    let index = this.fileIndex.get(place.file);
    if (index === undefined) {
      index = this.files.length;
      this.files.push(place.file);
      this.fileIndex.set(place.file, index);
    }
    return (index * 2 ** 28 + place.index) * 2 + (place.isLine ? 1 : 0);
  }

  private decode(code: number, kind: SeedRecordKind): RecordPlace {
    const isLine = code % 2 === 1;
    const rest = Math.floor(code / 2);
    return { file: this.files[Math.floor(rest / 2 ** 28)]!, index: rest % 2 ** 28, isLine, kind };
  }

  /** Sizes the id index for at most this many sources and entities to come, before any has. */
  expectEntities(count: number): void {
    this.index.reserve(count);
  }

  /** Feeds the raw bytes of a file into the seed's version digest. */
  addToDigest(chunk: string | Buffer): void {
    this.digest.update(chunk);
  }

  reportFile(file: string, message: string): void {
    this.problems.push({ file, record: '', message });
  }

  add(kind: SeedRecordKind, data: unknown, place: RecordPlace): void {
    if (!isObject(data)) {
      this.problems.push({ file: place.file, record: baseLabel(place), message: 'must be a JSON object' });
      return;
    }
    const current: Current = { place, data };
    if (kind === 'relationship') this.addRelationship(current);
    else if (kind === 'sameAs') this.addSameAs(current);
    else this.addEntity(kind, current);
  }

  private checkKeys(current: Current, data: Json, allowed: readonly string[], what: string): void {
    for (const key in data) {
      if (!allowed.includes(key)) this.problem(current, `${what}has an unknown key "${key}"; allowed: ${allowed.join(', ')}`);
    }
  }

  private typeOf(id: unknown): EntityTypeName | undefined {
    return this.typeAt(typeof id === 'string' ? this.index.get(id) : undefined);
  }

  private typeAt(index: number | undefined): EntityTypeName | undefined {
    return index === undefined ? undefined : ENTITY_TYPES[this.states.get(index) & ~BUILT];
  }

  private isBuilt(index: number | undefined): index is number {
    return index !== undefined && (this.states.get(index) & BUILT) !== 0;
  }

  /** The index of a well-formed entity (one that became a model), or -1. */
  private modelIndex(id: unknown): number {
    const index = typeof id === 'string' ? this.index.get(id) : undefined;
    return this.isBuilt(index) ? index : -1;
  }

  private toEvidence(row: EvidenceRow): EvidenceModel {
    return new Evidence(this.index.ids[row.source]!, row.start, row.end, row.quote, row.detail);
  }

  private readEvidenceList(current: Current, value: unknown, path: string, name?: string): EvidenceRow[] {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      this.problem(current, `${path} is missing: nothing enters the graph without evidence`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.problem(current, `${path} must be an array of evidence`);
      return [];
    }
    const list: EvidenceRow[] = [];
    for (let index = 0; index < value.length; index++) {
      const evidence = this.readEvidence(current, value[index], `${path}[${index}]`, name);
      if (evidence) list.push(evidence);
    }
    return list;
  }

  private readEvidence(current: Current, value: unknown, path: string, name: string | undefined): EvidenceRow | null {
    if (!isObject(value)) {
      this.problem(current, `${path} must be an object`);
      return null;
    }
    const before = this.problems.length;
    this.checkKeys(current, value, EVIDENCE_KEYS, `${path} `);
    const { source, quote, start, end, reason, reference, speaker } = value;
    const method = METHODS.find((m) => m === (value.method ?? 'EXTRACTED'));
    const modality = MODALITIES.find((m) => m === (value.modality ?? 'STATED'));
    // With millions of evidence items, look-ups in the id map are much of the load: ask the small map first.
    const sourceIndex = typeof source === 'string' ? (this.sourceIndex.get(source) ?? this.index.get(source)) : undefined;
    if (this.typeAt(sourceIndex) !== 'Source') this.problem(current, `${path}.source ${JSON.stringify(source)} is not the id of a source in the seed`);
    if (!isNonEmptyString(quote)) this.problem(current, `${path}.quote must be a non-empty string`);
    const length = sourceIndex === undefined ? undefined : this.sourceLengths.get(sourceIndex);
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
      this.problem(current, `${path} needs integer offsets with 0 <= start < end; got start ${JSON.stringify(start)}, end ${JSON.stringify(end)}`);
    } else if (typeof quote === 'string' && quote.length !== (end as number) - (start as number)) {
      this.problem(current, `${path}.quote is ${quote.length} characters long but its offsets [${String(start)}, ${String(end)}) span ${(end as number) - (start as number)}`);
    } else if (length !== undefined && (end as number) > length) {
      this.problem(current, `${path}.end ${String(end)} lies past the end of ${String(source)}, which is ${length} characters long`);
    } else if (this.options.sourceTexts) {
      const text = typeof source === 'string' ? this.options.sourceTexts.get(source) : undefined;
      const actual = text?.slice(start as number, end as number);
      if (text !== undefined && actual !== quote) {
        this.problem(current, `quote ${JSON.stringify(quote)} does not match the text at [${String(start)}, ${String(end)}), which reads ${JSON.stringify(actual)}`);
      }
    }
    if (!method) this.problem(current, `${path}.method ${JSON.stringify(value.method)} is not one of ${METHODS.join(', ')}`);
    const wrongMethod = method ? methodProblem(method, reason, reference) : null;
    if (wrongMethod) this.problem(current, `${path} ${wrongMethod}`);
    if (!modality) this.problem(current, `${path}.modality ${JSON.stringify(value.modality)} is not one of ${MODALITIES.join(', ')}`);
    if (modality === 'REPORTED_SPEECH') {
      // The speaker may be defined later in the seed; checked once every entity is in.
      this.speakerChecks.push({ file: current.place.file, record: describe(current.place, current.data), path, speaker });
    } else if (speaker !== undefined) {
      this.problem(current, `${path} has a "speaker" but its modality is not REPORTED_SPEECH`);
    }
    if (this.problems.length > before) return null;
    return {
      source: sourceIndex!,
      start: start as number,
      end: end as number,
      // A mention usually quotes the name: hold one string, not two equal ones.
      quote: name !== undefined && quote === name ? name : (quote as string),
      // Checked evidence that is extracted and stated has no reason, reference or speaker: nothing to keep.
      detail:
        method === 'EXTRACTED' && modality === 'STATED'
          ? null
          : {
              method: method!,
              reason: (reason as string | undefined) ?? null,
              reference: (reference as string | undefined) ?? null,
              modality: modality!,
              speakerId: typeof speaker === 'string' ? speaker : null,
            },
    };
  }

  private readDate(current: Current, value: unknown, path: string): PartialDateModel | null {
    if (!isObject(value)) {
      this.problem(current, `${path} must be an object with "value" and "evidence"`);
      return null;
    }
    this.checkKeys(current, value, DATE_KEYS, `${path} `);
    const parsed = typeof value.value === 'string' ? parsePartialDate(value.value) : null;
    if (!parsed) {
      this.problem(current, `${path}.value ${JSON.stringify(value.value)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists`);
    }
    if (value.qualifier !== undefined && !isNonEmptyString(value.qualifier)) this.problem(current, `${path}.qualifier must be a non-empty string`);
    const evidence = this.readEvidenceList(current, value.evidence, `${path}.evidence`);
    if (!parsed) return null;
    // Spelled out rather than spread: a spread gives every date object a hidden class of its own.
    return {
      iso: parsed.iso,
      precision: parsed.precision,
      earliest: parsed.earliest,
      latest: parsed.latest,
      qualifier: (value.qualifier as string | undefined) ?? null,
      isInferred: evidence.length > 0 && evidence.every((e) => e.detail?.method === 'INFERRED'),
      evidence: evidence.map((row) => this.toEvidence(row)),
    };
  }

  private addEntity(kind: 'source' | 'entity', current: Current): void {
    const data = current.data;
    const id = data.id;
    if (typeof id !== 'string') {
      this.problem(current, 'has no "id"');
      return;
    }
    const parsed = parseGlobalId(id);
    if (!parsed || parsed.kind !== 'entity') {
      this.problem(current, `"${id}" is not a valid entity id: use Type:slug, such as Person:karsten-wildberger, with a lowercase slug`);
      return;
    }
    const type = parsed.type;
    if (kind === 'source' && type !== 'Source') this.problem(current, 'a record under "sources" must have a Source: id');
    if (kind === 'entity' && type === 'Source') this.problem(current, 'a source belongs under "sources", before the entities that cite it');
    const previous = this.index.get(id);
    if (previous !== undefined) {
      const first = this.decode(this.origins[previous]!, type === 'Source' ? 'source' : 'entity');
      this.problem(current, `duplicate id "${id}", first defined at ${first.file} › ${baseLabel(first)} (${id})`);
      return;
    }
    const slot = this.index.add(id);
    this.models.push(null);
    this.states.push(ENTITY_TYPES.indexOf(type));
    this.origins.push(this.encode(current.place));
    if (type === 'Source') this.sourceIndex.set(id, slot);
    if (type === 'Source' && typeof data.length === 'number') this.sourceLengths.set(slot, data.length);

    const before = this.problems.length;
    this.checkKeys(current, data, ALLOWED_KEYS[type], '');
    if (!isNonEmptyString(data.name)) this.problem(current, '"name" must be a non-empty string');
    if (data.aliases !== undefined && !(Array.isArray(data.aliases) && data.aliases.every(isNonEmptyString))) {
      this.problem(current, '"aliases" must be an array of non-empty strings');
    }
    if (data.description !== undefined && !isNonEmptyString(data.description)) this.problem(current, '"description" must be a non-empty string');
    const labels = [...this.readLabels(current, 'labels', false), ...this.readLabels(current, 'translatedLabels', true)];
    const mentionRows = this.readEvidenceList(current, data.mentions, 'mentions', typeof data.name === 'string' ? data.name : undefined);

    const values: Record<string, unknown> = {};
    for (const key of REQUIRED_ATTRIBUTES[type] ?? NONE) {
      if (data[key] === undefined) this.problem(current, `"${key}" is required for a ${type}`);
    }
    for (const [key, rule] of ATTRIBUTE_ENTRIES[type]) {
      const value = data[key];
      if (value === undefined) {
        values[key] = null;
      } else if (rule === 'date') {
        values[key] = this.readDate(current, value, key);
      } else if (Array.isArray(rule)) {
        const known = rule.find((allowed) => allowed === value);
        if (!known) this.problem(current, `"${key}" ${JSON.stringify(value)} is not one of ${rule.join(', ')}`);
        values[key] = known;
      } else {
        values[key] = value;
      }
    }
    if (type === 'Country' && !isCountryCode(data.code)) {
      this.problem(current, `"code" ${JSON.stringify(data.code)} is not an ISO 3166-1 alpha-2 code such as DE`);
    }
    const attributeEvidence = this.readAttributeEvidence(current, type, values);
    if (type === 'Source') this.checkSource(current, values);
    if (this.problems.length > before) return;
    this.states.set(slot, this.states.get(slot) | BUILT);
    this.mentions.add(slot, mentionRows, data.name as string);
    this.models[slot] = new StoredEntity(this.mentions, {
      id,
      type,
      entityType: ENTITY_TYPE_CODES[type],
      name: data.name as string,
      aliases: (data.aliases as string[] | undefined) ?? NONE,
      labels: labels.length > 0 ? labels : NONE,
      description: (data.description as string | undefined) ?? null,
      attributeEvidence,
      sameAs: NONE,
      ...values,
    }) as unknown as EntityModel;
  }

  /**
   * `labels` (names in established use) or `translatedLabels` (the curator's translations of the
   * name): one text per language, and a language in one of the two only.
   */
  private readLabels(current: Current, key: 'labels' | 'translatedLabels', isTranslation: boolean): LabelModel[] {
    const value = current.data[key];
    if (value === undefined) return [];
    if (!isObject(value)) {
      this.problem(current, `"${key}" must be an object such as {"de": "…", "fr": "…"}`);
      return [];
    }
    const labels: LabelModel[] = [];
    for (const [language, text] of Object.entries(value)) {
      const code = LANGUAGES[language];
      if (!code) this.problem(current, `${key} has an unknown language "${language}"; use en, de or fr`);
      else if (!isNonEmptyString(text)) this.problem(current, `${key}.${language} must be a non-empty string`);
      else if (isTranslation && isObject(current.data.labels) && current.data.labels[language] !== undefined) {
        this.problem(current, `the ${language} name is given both in "labels" and in "translatedLabels"; it is one or the other`);
      } else labels.push({ language: code, text, isTranslation });
    }
    return labels;
  }

  /** The evidence for attributes other than dates, by attribute: each must be one the record gives. */
  private readAttributeEvidence(current: Current, type: EntityTypeName, values: Record<string, unknown>): AttributeEvidenceModel[] {
    const value = current.data.attributeEvidence;
    if (value === undefined) return NONE as never[];
    if (!isObject(value)) {
      this.problem(current, '"attributeEvidence" must be an object from attribute names to evidence, such as {"kind": [...]}');
      return [];
    }
    const rules = ENTITY_ATTRIBUTES[type];
    const list: AttributeEvidenceModel[] = [];
    for (const [attribute, evidence] of Object.entries(value)) {
      const rule = rules[attribute];
      if (rule === undefined) {
        const allowed = Object.entries(rules).filter(([, r]) => r !== 'date').map(([name]) => name);
        this.problem(current, `attributeEvidence names "${attribute}", which is not an attribute of the type ${type}${allowed.length > 0 ? `; it has ${allowed.join(', ')}` : ''}`);
      } else if (rule === 'date') {
        this.problem(current, `attributeEvidence names "${attribute}", a date: a date carries its evidence itself`);
      } else if (values[attribute] === null || values[attribute] === undefined) {
        this.problem(current, `attributeEvidence names "${attribute}", which the record does not give`);
      } else {
        list.push({ attribute, evidence: this.readEvidenceList(current, evidence, `attributeEvidence.${attribute}`).map((row) => this.toEvidence(row)) });
      }
    }
    return list;
  }

  /**
   * A source's sentence spans, in order and apart, within its length; and the sentences declared not
   * modelled, each one of those spans with its quote and reason.
   */
  private readSpans(current: Current, length: number | null): SourceSpansModel {
    const { sentences, notModelled } = current.data;
    const spans: TextSpanModel[] = [];
    if (sentences !== undefined) {
      if (!Array.isArray(sentences)) this.problem(current, '"sentences" must be an array of {"start", "end"} spans');
      else {
        let previousEnd = 0;
        sentences.forEach((span, index) => {
          const path = `sentences[${index}]`;
          if (!isObject(span) || !isSpan(span.start, span.end) || Object.keys(span).some((key) => key !== 'start' && key !== 'end')) {
            this.problem(current, `${path} must be {"start", "end"} with integer offsets 0 <= start < end`);
          } else if ((span.start as number) < previousEnd) {
            this.problem(current, `${path} starts at ${String(span.start)}, before the sentence before it ends at ${previousEnd}: sentences are in order and apart`);
          } else if (length !== null && (span.end as number) > length) {
            this.problem(current, `${path} ends at ${String(span.end)}, past the end of the source, which is ${length} characters long`);
          } else {
            spans.push({ start: span.start as number, end: span.end as number });
            previousEnd = span.end as number;
          }
        });
      }
    }
    const declared: NotModelledModel[] = [];
    if (notModelled !== undefined) {
      if (!Array.isArray(notModelled)) this.problem(current, '"notModelled" must be an array of {"start", "end", "quote", "reason"}');
      else {
        notModelled.forEach((entry, index) => {
          const path = `notModelled[${index}]`;
          if (!isObject(entry)) {
            this.problem(current, `${path} must be an object with "start", "end", "quote" and "reason"`);
            return;
          }
          this.checkKeys(current, entry, NOT_MODELLED_KEYS, `${path} `);
          const { start, end, quote, reason } = entry;
          if (!isNonEmptyString(reason)) this.problem(current, `${path} must state its "reason": why the sentence is deliberately not modelled`);
          if (!isNonEmptyString(quote)) this.problem(current, `${path}.quote must be the sentence's words`);
          if (!isSpan(start, end)) this.problem(current, `${path} needs integer offsets with 0 <= start < end`);
          else if (typeof quote === 'string' && quote.length !== (end as number) - (start as number)) {
            this.problem(current, `${path}.quote is ${quote.length} characters long but its offsets [${String(start)}, ${String(end)}) span ${(end as number) - (start as number)}`);
          } else if (!spans.some((span) => span.start === start && span.end === end)) {
            this.problem(current, `${path} [${String(start)}, ${String(end)}) is not one of the source's sentences`);
          } else if (declared.some((other) => other.start === start)) {
            this.problem(current, `${path} declares a sentence that is declared before`);
          } else if (isNonEmptyString(reason) && isNonEmptyString(quote)) {
            const text = this.options.sourceTexts?.get(current.data.id as string);
            if (text !== undefined && text.slice(start as number, end as number) !== quote) {
              this.problem(current, `${path}.quote ${JSON.stringify(quote)} does not match the text at [${String(start)}, ${String(end)}), which reads ${JSON.stringify(text.slice(start as number, end as number))}`);
            } else declared.push({ start: start as number, end: end as number, quote, reason });
          }
        });
      }
    }
    return { sentences: spans.length > 0 ? spans : NONE, notModelled: declared.length > 0 ? declared : NONE };
  }

  private checkSource(current: Current, values: Record<string, unknown>): void {
    const data = current.data;
    if (!(typeof data.sha256 === 'string' && /^[0-9a-f]{64}$/.test(data.sha256))) this.problem(current, '"sha256" must be 64 lowercase hexadecimal digits');
    if (!(Number.isInteger(data.length) && (data.length as number) > 0)) this.problem(current, '"length" must be a positive integer: the text\'s length in UTF-16 code units');
    if (!isNonEmptyString(data.title)) this.problem(current, '"title" must be a non-empty string');
    for (const key of ['language', 'translatedFrom']) {
      if (data[key] !== undefined && !(typeof data[key] === 'string' && LANGUAGES[data[key] as string])) {
        this.problem(current, `"${key}" ${JSON.stringify(data[key])} is not one of en, de, fr`);
      }
    }
    if (data.url !== undefined && !isHttpUrl(data.url)) this.problem(current, '"url" must be an http(s) URL');
    const { sentences, notModelled } = this.readSpans(current, Number.isInteger(data.length) ? (data.length as number) : null);
    values.sentences = sentences;
    values.notModelled = notModelled;
    values.language = LANGUAGES[data.language as string] ?? null;
    values.translatedFrom = data.translatedFrom === undefined ? null : (LANGUAGES[data.translatedFrom as string] ?? null);
    const text = this.options.sourceTexts?.get(data.id as string);
    if (text !== undefined) {
      const digest = sha256Hex(text);
      if (digest !== data.sha256) this.problem(current, `sha256 ${String(data.sha256)} does not match the given text, whose SHA-256 is ${digest}`);
      if (text.length !== data.length) this.problem(current, `length ${String(data.length)} does not match the given text, which is ${text.length} characters long`);
    }
  }

  /**
   * A link from an entity to the same thing in another knowledge base, such as its Wikidata item.
   * Only an outside reference can say two things are the same, so all its evidence is EXTERNAL.
   */
  private addSameAs(current: Current): void {
    const data = current.data;
    const before = this.problems.length;
    this.checkKeys(current, data, SAME_AS_KEYS, '');
    const index = this.modelIndex(data.entity);
    if (index === -1) this.problem(current, `"entity" ${JSON.stringify(data.entity)} does not refer to an entity in the seed`);
    if (!isHttpUrl(data.uri)) this.problem(current, '"uri" must be an http(s) URI, such as http://www.wikidata.org/entity/Q183');
    const evidence = this.readEvidenceList(current, data.evidence, 'evidence');
    evidence.forEach((row, i) => {
      if (row.detail?.method !== 'EXTERNAL') this.problem(current, `evidence[${i}] must be EXTERNAL: only an outside reference, named in "reference", can say two things are the same`);
    });
    if (this.problems.length > before || index === -1) return;
    const entity = this.models[index]!;
    if (entity.sameAs.some((link) => link.uri === data.uri)) {
      this.problem(current, `${entity.id} is linked to ${String(data.uri)} already; give one link several evidence items instead`);
      return;
    }
    (entity as { sameAs: EntityModel['sameAs'] }).sameAs = [...entity.sameAs, { uri: data.uri as string, evidence: evidence.map((row) => this.toEvidence(row)) }];
  }

  /** Looks an end of a relationship up once: the index of its entity, or -1 when it is not a well-formed entity. */
  private resolveEnd(current: Current, end: 'from' | 'to', ref: unknown, rule: RelationshipRule | undefined, type: RelationshipType | undefined): number {
    const index = typeof ref === 'string' ? this.index.get(ref) : undefined;
    if (index === undefined) {
      this.problem(current, `"${end}" ${JSON.stringify(ref)} does not refer to an entity in the seed`);
      return -1;
    }
    // An id starts with its type (see addEntity): reading it there spares a look at the entity.
    if (rule && !(end === 'from' ? rule.from : rule.to).some((allowed) => hasTypePrefix(ref as string, allowed))) {
      this.problem(
        current,
        `a ${String(type)} relationship cannot ${end === 'from' ? 'start at' : 'end at'} a ${this.typeAt(index)}; it links ${rule.from.join('/')} to ${rule.to.join('/')}`,
      );
    }
    // Only a record with problems leaves an entity unbuilt: with none so far, every entity is built.
    return this.problems.length === 0 || this.isBuilt(index) ? index : -1;
  }

  private addRelationship(current: Current): void {
    const data = current.data;
    this.checkKeys(current, data, RELATIONSHIP_KEYS, '');
    const before = this.problems.length;
    const code = typeof data.type === 'string' ? RELATIONSHIP_TYPE_CODES.get(data.type) : undefined;
    const type = code === undefined ? undefined : RELATIONSHIP_TYPES[code];
    if (!type) this.problem(current, `unknown relationship type ${JSON.stringify(data.type)}; the vocabulary is ${RELATIONSHIP_TYPES.join(', ')}`);
    const rule = type ? VOCABULARY[type] : undefined;
    const from = this.resolveEnd(current, 'from', data.from, rule, type);
    const to = this.resolveEnd(current, 'to', data.to, rule, type);
    if (data.from === data.to && typeof data.from === 'string') this.problem(current, 'a relationship cannot link an entity to itself');
    for (const key of PROPERTY_KEYS) {
      if (data[key] === undefined) continue;
      if (rule && !(rule.properties ?? NONE).includes(key)) {
        this.problem(current, `a ${String(type)} relationship has no property "${key}"${rule.properties ? `; it allows ${rule.properties.join(', ')}` : ''}`);
      } else if (key === 'onBehalfOf' && this.typeOf(data[key]) !== 'Country') {
        this.problem(current, `"onBehalfOf" ${JSON.stringify(data[key])} is not the id of a country in the seed`);
      } else if (key === 'ordinal' && !(Number.isInteger(data[key]) && (data[key] as number) > 0)) {
        this.problem(current, '"ordinal" must be a positive integer');
      } else if (key !== 'onBehalfOf' && key !== 'ordinal' && !isNonEmptyString(data[key])) {
        this.problem(current, `"${key}" must be a non-empty string`);
      }
    }
    const evidence = this.readEvidenceList(current, data.evidence, 'evidence');
    if (this.problems.length > before || from === -1 || to === -1) return;
    let duplicateOf = this.edges.find(code!, from, to);
    if (duplicateOf === -1 && rule!.symmetric) duplicateOf = this.edges.find(code!, to, from);
    if (duplicateOf !== -1) {
      const place = this.decode(this.edgeOrigins.get(duplicateOf), 'relationship');
      const first = `${RELATIONSHIP_TYPES[this.edges.typeCodeOf(duplicateOf)]} ${this.index.ids[this.edges.fromOf(duplicateOf)]} → ${this.index.ids[this.edges.toOf(duplicateOf)]}`;
      this.problem(
        current,
        `duplicate relationship: ${type} between these entities is first defined at ${place.file} › ${baseLabel(place)} (${first}); give one relationship several evidence items instead`,
      );
      return;
    }
    const onBehalfOf = data.onBehalfOf === undefined ? -1 : this.modelIndex(data.onBehalfOf);
    const hasProperties = PROPERTY_KEYS.some((key) => data[key] !== undefined);
    this.edges.add(
      code!,
      from,
      to,
      hasProperties
        ? {
            onBehalfOfId: onBehalfOf === -1 ? null : this.index.ids[onBehalfOf]!,
            capacity: (data.capacity as string | undefined) ?? null,
            role: (data.role as string | undefined) ?? null,
            note: (data.note as string | undefined) ?? null,
            ordinal: (data.ordinal as number | undefined) ?? null,
          }
        : null,
      evidence,
    );
    this.edgeOrigins.push(this.encode(current.place));
  }

  /**
   * Takes relationships read and checked apart from the entities (see relationship-batch.ts), once
   * every entity is in: resolves each batch's distinct ends and sources once, checks what needs the
   * entities, and keeps the batches' columns, one after the other, as the edge table. Returns false,
   * having changed nothing, unless the serial path would have added exactly these relationships
   * without a problem; the caller then feeds the records through add(). Only for a builder that has
   * no problems and no relationships.
   */
  adoptRelationships(batches: readonly RelationshipBatch[]): boolean {
    if (this.problems.length > 0 || this.edges.length > 0 || this.adoptedEdges) return false;
    const resolved: Array<{ ends: Int32Array | null; sources: Int32Array }> = [];
    for (const batch of batches) {
      const numbers = this.resolveBatch(batch);
      if (!numbers) return false;
      resolved.push(numbers);
    }
    for (let later = 1; later < batches.length; later++) {
      for (let earlier = 0; earlier < later; earlier++) {
        if (sharesRelationship(batches[earlier]!, resolved[earlier]!.ends, batches[later]!, resolved[later]!.ends, this.index.size)) return false;
      }
    }
    batches.forEach((batch, i) => renumber(batch.builder.columns, resolved[i]!.ends, resolved[i]!.sources));
    // Objects that crossed threads come back with shapes of their own, ids as copies: made again,
    // they are what the serial path makes, onBehalfOf the country's own id string.
    for (const batch of batches) {
      const { properties, details } = batch.builder.columns;
      for (const [row, p] of properties) {
        const onBehalfOfId = p.onBehalfOfId === null ? null : this.index.ids[this.index.get(p.onBehalfOfId)!]!;
        properties.set(row, { onBehalfOfId, capacity: p.capacity, role: p.role, note: p.note, ordinal: p.ordinal });
      }
      for (const [row, d] of details) details.set(row, { method: d.method, reason: d.reason, reference: d.reference, modality: d.modality, speakerId: d.speakerId });
    }
    this.adoptedEdges = RelationshipTableBuilder.concat(batches.map((batch) => batch.builder.columns));
    return true;
  }

  /**
   * The entity index of an id, for a batch read once every entity is in (see
   * ReadRelationshipBatchOptions.entityIndex); adoptRelationships refuses it if any entity has problems.
   */
  entityIndexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /**
   * A batch's end and source numbers as entity indexes (ends null when they are already), or null
   * when the entities do not bear the batch out.
   */
  private resolveBatch(batch: RelationshipBatch): { ends: Int32Array | null; sources: Int32Array } | null {
    let ends: Int32Array | null = null;
    if (batch.ends) {
      const { text, offsets } = batch.ends;
      ends = new Int32Array(offsets.length - 1);
      for (let k = 0; k < ends.length; k++) {
        const index = this.index.get(text.slice(offsets[k]!, offsets[k + 1]!));
        // With no problems so far every entity is built: an id in the index is a well-formed entity.
        if (index === undefined) return null;
        ends[k] = index;
      }
    }
    const sources = new Int32Array(batch.sources.length);
    for (const [number, { id, maxEnd }] of batch.sources.entries()) {
      const index = this.sourceIndex.get(id) ?? this.index.get(id);
      if (this.typeAt(index) !== 'Source') return null;
      const length = this.sourceLengths.get(index!);
      if (length !== undefined && maxEnd > length) return null;
      sources[number] = index!;
    }
    if (!batch.countries.every((id) => this.typeOf(id) === 'Country') || !batch.speakers.every((id) => this.typeOf(id) === 'Person')) return null;
    return { ends, sources };
  }

  /** Checks what could only be checked with every record in, and returns the graph or throws every problem. */
  finish(): SeedGraph {
    for (const check of this.speakerChecks) {
      if (this.typeOf(check.speaker) !== 'Person') {
        this.problems.push({
          file: check.file,
          record: check.record,
          message: `${check.path} is REPORTED_SPEECH and its "speaker" must be the id of a person in the seed; got ${JSON.stringify(check.speaker)}`,
        });
      }
    }
    if (this.problems.length > 0) {
      // Problems found late (speakers) go back beside the rest of their file's problems, in record order.
      const fileOrder = new Map<string, number>();
      for (const p of this.problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
      const sorted = this.problems
        .map((p, i) => ({ p, i }))
        .sort((a, b) => fileOrder.get(a.p.file)! - fileOrder.get(b.p.file)! || recordIndex(a.p.record) - recordIndex(b.p.record) || a.i - b.i);
      throw new SeedError(sorted.map(({ p }) => p));
    }
    // With no problems, every record became a model.
    return {
      entities: this.models as EntityModel[],
      entityIndex: this.index,
      edges: this.adoptedEdges ? RelationshipTableBuilder.build(this.adoptedEdges, this.index.ids) : this.edges.build(this.index.ids),
      version: this.digest.digest('hex').slice(0, 16),
    };
  }
}

function isSpan(start: unknown, end: unknown): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) > (start as number);
}

/** Sorts problems within a file by record: sources, entities, relationships, links, then position. */
function recordIndex(record: string): number {
  const match = /^(sources|entities|relationships|sameAs)\[(\d+)\]|^line (\d+)/.exec(record);
  if (!match) return -1;
  if (match[3] !== undefined) return Number(match[3]);
  return ['sources', 'entities', 'relationships', 'sameAs'].indexOf(match[1]!) * 1e9 + Number(match[2]);
}

/** Builds the graph from seed files already in memory, such as test fixtures: sources, entities, then relationships. */
export function buildSeedGraph(files: readonly SeedFile[], options: LoadSeedOptions = {}): SeedGraph {
  const builder = new SeedBuilder(options);
  for (const { file, data } of files) {
    builder.addToDigest(`${file}\n${JSON.stringify(data)}\n`);
    if (!isObject(data)) {
      builder.reportFile(file, 'must hold a JSON object with "sources", "entities", "relationships" and/or "sameAs" arrays');
      continue;
    }
    for (const key of Object.keys(data)) {
      if (!Object.values(KIND_KEYS).includes(key)) builder.reportFile(file, `has an unknown key "${key}"; a seed file holds only sources, entities, relationships, sameAs`);
    }
  }
  for (const kind of ['source', 'entity', 'relationship', 'sameAs'] as const) {
    for (const { file, data } of files) {
      if (!isObject(data) || data[KIND_KEYS[kind]] === undefined) continue;
      const list = data[KIND_KEYS[kind]];
      if (!Array.isArray(list)) {
        builder.reportFile(file, `"${KIND_KEYS[kind]}" must be an array`);
        continue;
      }
      list.forEach((item, index) => builder.add(kind, item, { file, kind, index, isLine: false }));
    }
  }
  return builder.finish();
}

/** Every evidence item in the graph, with the id of what it supports. */
export function* allEvidence(graph: Pick<SeedGraph, 'entities' | 'edges'>): Generator<{ owner: string; evidence: EvidenceModel }> {
  for (const entity of graph.entities) {
    for (const evidence of entity.mentions) yield { owner: entity.id, evidence };
    for (const value of Object.values(entity)) {
      if (isPartialDate(value)) for (const evidence of value.evidence) yield { owner: entity.id, evidence };
    }
    for (const { evidence: list } of entity.attributeEvidence) for (const evidence of list) yield { owner: entity.id, evidence };
    for (const link of entity.sameAs) for (const evidence of link.evidence) yield { owner: entity.id, evidence };
  }
  for (const edge of graph.edges) for (const evidence of edge.evidence) yield { owner: edge.id, evidence };
}

/**
 * Reads, checks and builds the seed graph from a folder: `.json` files (small, hand-edited) and
 * `.ndjson` files (one record per line, streamed, for large generated graphs). Throws a SeedError
 * naming every problem.
 */
export async function loadSeed(seedDir: string, options: LoadSeedOptions = {}): Promise<SeedGraph> {
  const builder = new SeedBuilder(options);
  await readSeed(seedDir, builder, options);
  return builder.finish();
}
