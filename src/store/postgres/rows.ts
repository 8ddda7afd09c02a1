import { relationshipId } from '../../lib/global-id.js';
import { SEED_ATTRIBUTES } from '../../generated/catalogue.js';
import type { EntityModel, EntityTypeName, EvidenceModel, LabelModel, PartialDateModel, RelationshipModel, RelationshipType } from '../models.js';
import { isPartialDate } from '../models.js';

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

/** The type's own attributes of an entity (everything but the fields every entity has), dates with their evidence. */
export function attributesJson(entity: EntityModel): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (COMMON_FIELDS.has(key)) continue;
    attributes[key] = isPartialDate(value) ? dateJson(value) : value;
  }
  return attributes;
}

/** The columns an entity is read from, for a table alias. */
export function entityColumns(e: string, prefix = ''): string {
  return ['id', 'type', 'name', 'aliases', 'labels', 'description', 'attributes', 'mentions'].map((column) => `${e}.${column} AS ${prefix}${column}`).join(', ');
}

export interface EntityRow {
  id: string;
  type: EntityTypeName;
  name: string;
  aliases: string[];
  labels: LabelModel[];
  description: string | null;
  attributes: Record<string, unknown>;
  mentions: EvidenceJson[];
}

/** An entity as the memory store gives it: common fields, then the type's attributes, dates as PartialDateModel. */
export function entityFrom(row: EntityRow): EntityModel {
  const model: Record<string, unknown> = {
    id: row.id,
    type: row.type,
    entityType: row.type.toUpperCase(),
    name: row.name,
    aliases: row.aliases,
    labels: row.labels,
    description: row.description,
    mentions: row.mentions.map(evidenceFrom),
  };
  const rules = SEED_ATTRIBUTES[row.type] ?? {};
  for (const [key, value] of Object.entries(row.attributes)) model[key] = rules[key] === 'date' && value !== null ? dateFrom(value as DateJson) : value;
  return model as unknown as EntityModel;
}

/** The columns a relationship is read from, for a table alias. */
export function relationshipColumns(r: string, prefix = ''): string {
  return ['seq', 'type', 'from_id', 'to_id', 'on_behalf_of_id', 'capacity', 'role', 'note', 'ordinal', 'evidence'].map((column) => `${r}.${column} AS ${prefix}${column}`).join(', ');
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
  evidence: EvidenceJson[];
}

export function relationshipFrom(row: RelationshipRow): RelationshipModel {
  return {
    id: relationshipId(row.from_id, row.type, row.to_id),
    type: row.type,
    fromId: row.from_id,
    toId: row.to_id,
    onBehalfOfId: row.on_behalf_of_id,
    capacity: row.capacity,
    role: row.role,
    note: row.note,
    ordinal: row.ordinal,
    evidence: row.evidence.map(evidenceFrom),
  };
}

/** The columns of a row that were read with a prefix (see entityColumns), without it. */
export function unprefixed<T>(row: Record<string, unknown>, prefix: string): T {
  const result: Record<string, unknown> = {};
  for (const key in row) if (key.startsWith(prefix)) result[key.slice(prefix.length)] = row[key];
  return result as T;
}
