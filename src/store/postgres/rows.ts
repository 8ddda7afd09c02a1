import { relationshipId } from '../../lib/global-id.js';
import { SEED_ATTRIBUTES } from '../../generated/catalogue.js';
import type { AttributeEvidenceModel, EntityModel, EntityTypeName, EvidenceModel, LabelModel, PartialDateModel, RelationshipModel, RelationshipType, SameAsModel } from '../models.js';
import { ENTITY_LISTS, isPartialDate } from '../models.js';
import { entitySummary } from '../partial-entity.js';

/**
 * How entities, relationships and evidence are written to rows and read back as store models. The
 * loader writes with the `...Json` functions and the store reads with the `...From` functions, so
 * the two cannot disagree about a field.
 */

/** Evidence as stored: the usual values (EXTRACTED, STATED, no reason, reference or speaker) are left out. */
export interface EvidenceJson {
  sourceId: string;
  start: number;
  end: number;
  quote: string;
  method?: EvidenceModel['method'];
  reason?: string;
  reference?: string;
  modality?: EvidenceModel['modality'];
  speakerId?: string;
}

export function evidenceJson(evidence: EvidenceModel): EvidenceJson {
  const json: EvidenceJson = { sourceId: evidence.sourceId, start: evidence.start, end: evidence.end, quote: evidence.quote };
  if (evidence.method !== 'EXTRACTED') json.method = evidence.method;
  if (evidence.reason !== null) json.reason = evidence.reason;
  if (evidence.reference !== null) json.reference = evidence.reference;
  if (evidence.modality !== 'STATED') json.modality = evidence.modality;
  if (evidence.speakerId !== null) json.speakerId = evidence.speakerId;
  return json;
}

export function evidenceFrom(json: EvidenceJson): EvidenceModel {
  return {
    sourceId: json.sourceId,
    start: json.start,
    end: json.end,
    quote: json.quote,
    method: json.method ?? 'EXTRACTED',
    reason: json.reason ?? null,
    reference: json.reference ?? null,
    modality: json.modality ?? 'STATED',
    speakerId: json.speakerId ?? null,
  };
}

type DateJson = Omit<PartialDateModel, 'evidence'> & { evidence: EvidenceJson[] };

function dateJson(date: PartialDateModel): DateJson {
  return {
    iso: date.iso,
    precision: date.precision,
    earliest: date.earliest,
    latest: date.latest,
    qualifier: date.qualifier,
    isInferred: date.isInferred,
    evidence: date.evidence.map(evidenceJson),
  };
}

function dateFrom(json: DateJson): PartialDateModel {
  return { ...json, evidence: json.evidence.map(evidenceFrom) };
}

const COMMON_FIELDS = new Set(['id', 'type', 'entityType', 'name', 'aliases', 'labels', 'description', 'mentions']);

/**
 * The type's own attributes of an entity (everything but the fields every entity has), dates with
 * their evidence; attribute evidence, sameAs links and a source's sentence spans are kept with them.
 */
export function attributesJson(entity: EntityModel): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (COMMON_FIELDS.has(key)) continue;
    if (key === 'attributeEvidence' || key === 'sameAs') {
      // Lists of things with evidence: the evidence stored as every other is.
      attributes[key] = (value as Array<{ evidence: EvidenceModel[] }>).map((item) => ({ ...item, evidence: item.evidence.map(evidenceJson) }));
      continue;
    }
    attributes[key] = isPartialDate(value) ? dateJson(value) : value;
  }
  return attributes;
}

/** A column a statement reads: its SQL expression and the name the row gives it. */
export interface Column {
  sql: string;
  name: string;
}

/** Columns as a SELECT list. */
export function selectList(columns: readonly Column[]): string {
  return columns.map((column) => `${column.sql} AS ${column.name}`).join(', ');
}

/**
 * The columns an entity is read from, for a table alias: the JSON ones as text, which the model
 * parses when a resolver first reads them (most queries read an entity's name and id only). Its
 * summary (see RelationshipReads) is the first four: id, type, name and description.
 */
export function entityColumnList(e: string, prefix = '', summary = false): Column[] {
  return [
    ...['id', 'type', 'name', 'description'].map((column) => ({ sql: `${e}.${column}`, name: `${prefix}${column}` })),
    ...(summary ? [] : ['aliases', 'labels', 'attributes', 'mentions'].map((column) => ({ sql: `${e}.${column}::text`, name: `${prefix}${column}` }))),
  ];
}

export function entityColumns(e: string, prefix = ''): string {
  return selectList(entityColumnList(e, prefix));
}

/** The summary of an entity, from a row read with entityColumnList(alias, prefix, true). */
export function entitySummaryFrom(row: Record<string, unknown>, prefix = ''): EntityModel {
  return entitySummary(row[`${prefix}id`] as string, row[`${prefix}type`] as EntityTypeName, row[`${prefix}name`] as string, row[`${prefix}description`] as string | null);
}

export interface EntityRow {
  id: string;
  type: EntityTypeName;
  name: string;
  description: string | null;
  aliases: string;
  labels: string;
  attributes: string;
  mentions: string;
}

/**
 * An entity read from a row, shaped as the memory store's entities: id, type, name and description
 * at once; aliases, labels, mentions and the type's attributes (getters named as in the catalogue,
 * dates as PartialDateModel) parsed from their JSON on first read.
 */
class RowEntity {
  readonly id: string;
  readonly type: EntityTypeName;
  readonly entityType: string;
  readonly name: string;
  readonly description: string | null;
  #row: EntityRow;
  #aliases: string[] | null = null;
  #labels: LabelModel[] | null = null;
  #mentions: EvidenceModel[] | null = null;
  #attributes: Record<string, unknown> | null = null;

  constructor(row: EntityRow) {
    this.id = row.id;
    this.type = row.type;
    this.entityType = row.type.toUpperCase();
    this.name = row.name;
    this.description = row.description;
    this.#row = row;
  }

  /** The entity of a row read with entityColumns(alias, prefix), without copying the row. */
  static columnsOf(row: Record<string, unknown>, prefix: string): EntityRow {
    if (prefix === '') return row as unknown as EntityRow;
    return {
      id: row[`${prefix}id`] as string,
      type: row[`${prefix}type`] as EntityTypeName,
      name: row[`${prefix}name`] as string,
      description: row[`${prefix}description`] as string | null,
      aliases: row[`${prefix}aliases`] as string,
      labels: row[`${prefix}labels`] as string,
      attributes: row[`${prefix}attributes`] as string,
      mentions: row[`${prefix}mentions`] as string,
    };
  }

  get aliases(): string[] {
    return (this.#aliases ??= JSON.parse(this.#row.aliases) as string[]);
  }

  get labels(): LabelModel[] {
    return (this.#labels ??= JSON.parse(this.#row.labels) as LabelModel[]);
  }

  get mentions(): EvidenceModel[] {
    return (this.#mentions ??= (JSON.parse(this.#row.mentions) as EvidenceJson[]).map(evidenceFrom));
  }

  get attributeEvidence(): readonly AttributeEvidenceModel[] {
    return (this.attribute('attributeEvidence') as AttributeEvidenceModel[] | null) ?? NONE;
  }

  get sameAs(): readonly SameAsModel[] {
    return (this.attribute('sameAs') as SameAsModel[] | null) ?? NONE;
  }

  /** One of the type's attributes, null when the entity has none. */
  attribute(name: string): unknown {
    if (!this.#attributes) {
      const rules = SEED_ATTRIBUTES[this.type] ?? {};
      const parsed = JSON.parse(this.#row.attributes) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) {
        if (rules[key] === 'date' && value !== null) parsed[key] = dateFrom(value as DateJson);
        else if (key === 'attributeEvidence' || key === 'sameAs') parsed[key] = (value as Array<{ evidence: EvidenceJson[] }>).map((item) => ({ ...item, evidence: item.evidence.map(evidenceFrom) }));
      }
      this.#attributes = parsed;
    }
    return this.#attributes[name] ?? null;
  }
}

const NONE: readonly never[] = Object.freeze([]);

/** A class per entity type, with a getter for each of the type's attributes. */
const ENTITY_CLASSES = Object.fromEntries(
  Object.entries(SEED_ATTRIBUTES).map(([type, attributes]) => {
    const Typed = class extends RowEntity {};
    for (const name of ENTITY_LISTS[type as EntityTypeName] ?? []) {
      Object.defineProperty(Typed.prototype, name, {
        get(this: RowEntity) {
          return this.attribute(name) ?? NONE;
        },
        enumerable: true,
      });
    }
    for (const name of Object.keys(attributes)) {
      Object.defineProperty(Typed.prototype, name, {
        get(this: RowEntity) {
          return this.attribute(name);
        },
        enumerable: true,
      });
    }
    return [type, Typed];
  }),
) as Record<EntityTypeName, typeof RowEntity>;

/** The entity of a row read with entityColumns(alias, prefix). */
export function entityFrom(row: EntityRow | Record<string, unknown>, prefix = ''): EntityModel {
  const columns = RowEntity.columnsOf(row as Record<string, unknown>, prefix);
  return new ENTITY_CLASSES[columns.type](columns) as unknown as EntityModel;
}

/**
 * The columns a relationship is read from, for a table alias; its evidence as text, parsed when
 * read, unless left out (a relationship page whose reader reads no evidence).
 */
export function relationshipColumnList(r: string, prefix = '', withEvidence = true): Column[] {
  const columns = ['seq', 'type', 'from_id', 'to_id', 'on_behalf_of_id', 'capacity', 'role', 'note', 'ordinal'].map((column) => ({ sql: `${r}.${column}`, name: `${prefix}${column}` }));
  if (withEvidence) columns.push({ sql: `${r}.evidence::text`, name: `${prefix}evidence` });
  return columns;
}

export function relationshipColumns(r: string, prefix = ''): string {
  return selectList(relationshipColumnList(r, prefix));
}

export interface RelationshipRow {
  seq: number;
  type: RelationshipType;
  from_id: string;
  to_id: string;
  on_behalf_of_id: string | null;
  capacity: string | null;
  role: string | null;
  note: string | null;
  ordinal: number | null;
  /** Absent when the evidence was not read. */
  evidence?: string;
}

/** A relationship read from a row, its evidence parsed on first read. */
class RowRelationship implements RelationshipModel {
  readonly id: string;
  readonly type: RelationshipType;
  readonly fromId: string;
  readonly toId: string;
  readonly onBehalfOfId: string | null;
  readonly capacity: string | null;
  readonly role: string | null;
  readonly note: string | null;
  readonly ordinal: number | null;
  #evidence: string | EvidenceModel[] | undefined;

  constructor(row: RelationshipRow) {
    this.id = relationshipId(row.from_id, row.type, row.to_id);
    this.type = row.type;
    this.fromId = row.from_id;
    this.toId = row.to_id;
    this.onBehalfOfId = row.on_behalf_of_id;
    this.capacity = row.capacity;
    this.role = row.role;
    this.note = row.note;
    this.ordinal = row.ordinal;
    this.#evidence = row.evidence;
  }

  get evidence(): EvidenceModel[] {
    if (this.#evidence === undefined) throw new Error(`${this.id}: its evidence was not read with its relationship page; the page's reads (src/modules/graph/reads.ts) missed a field that needs it`);
    if (typeof this.#evidence === 'string') this.#evidence = (JSON.parse(this.#evidence) as EvidenceJson[]).map(evidenceFrom);
    return this.#evidence;
  }
}

/** The relationship of a row read with relationshipColumns(alias, prefix). */
export function relationshipFrom(row: RelationshipRow | Record<string, unknown>, prefix = ''): RelationshipModel {
  if (prefix === '') return new RowRelationship(row as RelationshipRow);
  const column = (name: string) => (row as Record<string, unknown>)[`${prefix}${name}`];
  return new RowRelationship({
    seq: column('seq') as number,
    type: column('type') as RelationshipType,
    from_id: column('from_id') as string,
    to_id: column('to_id') as string,
    on_behalf_of_id: column('on_behalf_of_id') as string | null,
    capacity: column('capacity') as string | null,
    role: column('role') as string | null,
    note: column('note') as string | null,
    ordinal: column('ordinal') as number | null,
    evidence: column('evidence') as string | undefined,
  });
}
