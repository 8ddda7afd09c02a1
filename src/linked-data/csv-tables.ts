import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import { SEED_ATTRIBUTES } from '../generated/catalogue.js';
import type { GraphStore } from '../store/graph-store.js';
import type { EntityModel, EntityTypeName, EvidenceModel } from '../store/models.js';
import { ENTITY_TYPES, isPartialDate, isRelationship } from '../store/models.js';
import { textStream } from './export-formats.js';
import type { ExportItem } from './export-pages.js';
import type { CsvTable } from './export-selection.js';
import { entityUri, type LinkedDataBase } from './vocabulary.js';

/**
 * The export as CSV, one table a request (`table=entities|relationships|evidence`), so a
 * spreadsheet, pandas or R reads the URL as it is and the same filter narrows every table. Quoted as
 * RFC 4180 asks (csv-stringify), lines end in CRLF. A cell with several values (aliases, or the
 * evidence of a relationship with several items) holds them one a line, in the same order in every
 * evidence column; the evidence table has one row per item for analyses that need them apart.
 */

type Row = Record<string, string | number | null>;

/** Rows written at a time. */
const ROWS_PER_CHUNK = 500;

const EVIDENCE_COLUMNS = ['source', 'quote', 'start', 'end', 'method', 'reason', 'reference', 'modality', 'speaker'] as const;

function evidenceCells(evidence: EvidenceModel): Record<(typeof EVIDENCE_COLUMNS)[number], string | number | null> {
  return {
    source: evidence.sourceId,
    quote: evidence.quote,
    start: evidence.start,
    end: evidence.end,
    method: evidence.method,
    reason: evidence.reason,
    reference: evidence.reference,
    modality: evidence.modality,
    speaker: evidence.speakerId,
  };
}

/** The attribute columns of the entity types a table can hold, in declaration order, each once. */
function attributeColumns(type: EntityTypeName | null): string[] {
  const columns = new Set<string>();
  for (const name of type ? [type] : ENTITY_TYPES) for (const attribute of Object.keys(SEED_ATTRIBUTES[name])) columns.add(attribute);
  return [...columns];
}

export function csvColumns(table: CsvTable, type: EntityTypeName | null): string[] {
  switch (table) {
    case 'entities':
      return ['id', 'uri', 'type', 'name', 'aliases', 'label_en', 'label_de', 'label_fr', 'description', 'same_as', ...attributeColumns(type)];
    case 'relationships':
      return ['id', 'type', 'from', 'from_name', 'to', 'to_name', 'on_behalf_of', 'capacity', 'role', 'note', 'ordinal', 'evidence_count', ...EVIDENCE_COLUMNS];
    case 'evidence':
      return ['fact', 'kind', 'subject', 'attribute', ...EVIDENCE_COLUMNS];
  }
}

function entityRow(ld: LinkedDataBase, entity: EntityModel): Row {
  const label = (language: string) => entity.labels.find((l) => l.language === language)?.text ?? (language === 'EN' ? entity.name : null);
  const row: Row = {
    id: entity.id,
    uri: entityUri(ld, entity.id),
    type: entity.entityType,
    name: entity.name,
    aliases: entity.aliases.join('\n'),
    label_en: label('EN'),
    label_de: label('DE'),
    label_fr: label('FR'),
    description: entity.description,
    same_as: entity.sameAs.map((link) => link.uri).join('\n'),
  };
  for (const attribute of Object.keys(SEED_ATTRIBUTES[entity.type])) {
    const value = (entity as unknown as Record<string, unknown>)[attribute];
    row[attribute] = isPartialDate(value) ? value.iso : ((value as string | number | null | undefined) ?? null);
  }
  return row;
}

/** The names of the entities at the far ends of a page's relationships, in one store call. */
async function namesOf(store: GraphStore, items: readonly ExportItem[]): Promise<Map<string, string>> {
  const names = new Map(items.map(({ entity }) => [entity.id, entity.name]));
  const missing = [...new Set(items.flatMap(({ outgoing }) => outgoing.map((r) => r.toId)))].filter((id) => !names.has(id));
  const nodes = missing.length > 0 ? await store.getNodes(missing) : [];
  for (const node of nodes) if (node && !isRelationship(node)) names.set(node.id, node.name);
  return names;
}

async function relationshipRows(store: GraphStore, items: readonly ExportItem[]): Promise<Row[]> {
  const names = await namesOf(store, items);
  const rows: Row[] = [];
  for (const { outgoing } of items) {
    for (const r of outgoing) {
      const cells = r.evidence.map(evidenceCells);
      const evidence = Object.fromEntries(EVIDENCE_COLUMNS.map((column) => [column, cells.map((c) => c[column] ?? '').join('\n')]));
      rows.push({
        id: r.id,
        type: r.type,
        from: r.fromId,
        from_name: names.get(r.fromId) ?? null,
        to: r.toId,
        to_name: names.get(r.toId) ?? null,
        on_behalf_of: r.onBehalfOfId,
        capacity: r.capacity,
        role: r.role,
        note: r.note,
        ordinal: r.ordinal,
        evidence_count: r.evidence.length,
        ...evidence,
      });
    }
  }
  return rows;
}

/** Every piece of evidence of a page: the entities' mentions, dates, other attributes and links, and their relationships'. */
function evidenceRows(items: readonly ExportItem[]): Row[] {
  const rows: Row[] = [];
  const add = (fact: string, kind: string, subject: string, attribute: string | null, list: readonly EvidenceModel[]) => {
    for (const evidence of list) rows.push({ fact, kind, subject, attribute, ...evidenceCells(evidence) });
  };
  for (const { entity, outgoing } of items) {
    add(entity.id, 'MENTION', entity.id, null, entity.mentions);
    for (const attribute of Object.keys(SEED_ATTRIBUTES[entity.type])) {
      const value = (entity as unknown as Record<string, unknown>)[attribute];
      if (isPartialDate(value)) add(entity.id, 'DATE', entity.id, attribute, value.evidence);
    }
    for (const { attribute, evidence } of entity.attributeEvidence) add(entity.id, 'ATTRIBUTE', entity.id, attribute, evidence);
    for (const link of entity.sameAs) add(entity.id, 'SAME_AS', entity.id, link.uri, link.evidence);
    for (const r of outgoing) add(r.id, 'RELATIONSHIP', r.fromId, null, r.evidence);
  }
  return rows;
}

/** One CSV table of the export as a stream of text, a page of rows at a time. */
export function writeCsvExport(ld: LinkedDataBase, store: GraphStore, pages: AsyncIterable<ExportItem[]>, table: CsvTable, type: EntityTypeName | null): Readable {
  const columns = csvColumns(table, type);
  return textStream(
    (async function* () {
      let header = true;
      for await (const items of pages) {
        const rows =
          table === 'entities' ? items.map(({ entity }) => entityRow(ld, entity)) : table === 'relationships' ? await relationshipRows(store, items) : evidenceRows(items);
        // A page's rows, a slice at a time: a hub can start thousands of relationships.
        for (let from = 0; from < rows.length; from += ROWS_PER_CHUNK) {
          yield stringify(rows.slice(from, from + ROWS_PER_CHUNK), { header, columns, record_delimiter: 'windows', cast: { number: String } });
          header = false;
        }
      }
      if (header) yield stringify([], { header: true, columns, record_delimiter: 'windows' });
    })(),
  );
}
