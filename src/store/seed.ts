import { CountryCodeResolver } from 'graphql-scalars';
import { createHash } from 'node:crypto';
import { parseGlobalId, relationshipId } from '../lib/global-id.js';
import { parsePartialDate } from '../lib/partial-date.js';
import type {
  EdgeModel,
  EdgeType,
  EntityModel,
  EntityTypeName,
  EvidenceModel,
  LabelModel,
  LanguageCode,
  PartialDateModel,
} from './models.js';
import { EDGE_TYPES } from './models.js';
import { readSeedFiles, type SeedFile } from './seed-files.js';
import { VOCABULARY, type EdgeProperty } from './vocabulary.js';

/** The graph as read from the seed: every record checked, every reference resolved. */
export interface SeedGraph {
  entities: EntityModel[];
  edges: EdgeModel[];
  /** Where each entity and relationship was defined, by id, for messages about it. */
  origins: Map<string, { file: string; record: string }>;
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
   * Source texts by source id. When a source's text is given, its SHA-256 and every quote and offset
   * taken from it are checked against it; without it, quotes are checked against their offsets' length.
   */
  sourceTexts?: ReadonlyMap<string, string>;
}

type Json = Record<string, unknown>;

interface Located {
  file: string;
  record: string;
  data: Json;
}

const FILE_KEYS = ['sources', 'entities', 'relationships'] as const;
const LANGUAGES: Record<string, LanguageCode> = { en: 'EN', de: 'DE', fr: 'FR' };
const METHODS = ['EXTRACTED', 'INFERRED', 'EXTERNAL'];
const MODALITIES = ['STATED', 'PLANNED', 'REPORTED_SPEECH'];
const COMMON_KEYS = ['id', 'name', 'aliases', 'labels', 'description', 'mentions'];
const EVIDENCE_KEYS = ['source', 'quote', 'start', 'end', 'method', 'reason', 'reference', 'modality', 'speaker'];
const DATE_KEYS = ['value', 'qualifier', 'evidence'];

/** The attributes each entity type has beyond the common ones, and the values its enums allow. */
const ENTITY_ATTRIBUTES: Record<EntityTypeName, Record<string, 'date' | 'string' | readonly string[]>> = {
  Country: { code: 'string' },
  Person: {},
  Agreement: { kind: ['JOINT_DECLARATION_OF_INTENT', 'ALLIANCE'], concludedOn: 'date' },
  Event: { kind: ['CONFERENCE', 'TRADE_FAIR', 'FOUNDING'], status: ['HELD', 'PLANNED'], startsOn: 'date', endsOn: 'date' },
  Topic: {},
  Organization: { kind: ['POLITICAL_PARTY', 'PUBLISHER', 'GOVERNMENT_BODY'] },
  Place: { kind: ['CITY', 'REGION'] },
  Product: { kind: ['AI_PLATFORM'] },
  Office: {},
  Policy: {},
  Source: { title: 'string', publishedOn: 'date', language: 'string', translatedFrom: 'string', sha256: 'string', length: 'string', url: 'string' },
};
const REQUIRED_ATTRIBUTES: Partial<Record<EntityTypeName, string[]>> = {
  Country: ['code'],
  Agreement: ['kind'],
  Event: ['kind', 'status'],
  Organization: ['kind'],
  Place: ['kind'],
  Product: ['kind'],
  Source: ['title', 'publishedOn', 'language', 'sha256', 'length'],
};
const PROPERTY_KEYS: readonly EdgeProperty[] = ['onBehalfOf', 'capacity', 'role', 'note', 'ordinal'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

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

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Checks the whole seed and builds the graph from it. Every problem is collected, so one run names
 * them all; any problem at all means no graph.
 */
export function buildSeedGraph(files: readonly SeedFile[], options: LoadSeedOptions = {}): SeedGraph {
  const problems: SeedProblem[] = [];
  const report = (at: { file: string; record: string }, message: string) =>
    problems.push({ file: at.file, record: at.record, message });

  const rawEntities: Located[] = [];
  const rawRelationships: Located[] = [];
  for (const { file, data } of files) {
    if (!isObject(data)) {
      report({ file, record: '' }, 'must hold a JSON object with "sources", "entities" and/or "relationships" arrays');
      continue;
    }
    for (const key of Object.keys(data)) {
      if (!(FILE_KEYS as readonly string[]).includes(key)) {
        report({ file, record: '' }, `has an unknown key "${key}"; a seed file holds only ${FILE_KEYS.join(', ')}`);
      }
    }
    for (const key of FILE_KEYS) {
      const list = data[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        report({ file, record: key }, 'must be an array');
        continue;
      }
      list.forEach((item, index) => {
        const label = `${key}[${index}]`;
        if (!isObject(item)) {
          report({ file, record: label }, 'must be a JSON object');
          return;
        }
        if (key === 'relationships') {
          const summary = [item.type, item.from, item.to].every((v) => typeof v === 'string')
            ? ` (${String(item.type)} ${String(item.from)} → ${String(item.to)})`
            : '';
          rawRelationships.push({ file, record: label + summary, data: item });
        } else {
          const id = typeof item.id === 'string' ? ` (${item.id})` : '';
          if (key === 'sources' && typeof item.id === 'string' && !item.id.startsWith('Source:')) {
            report({ file, record: label + id }, 'a record under "sources" must have a Source: id');
          }
          rawEntities.push({ file, record: label + id, data: item });
        }
      });
    }
  }

  // Pass 1: ids, so that references can be resolved whatever the file order.
  const typeOfId = new Map<string, EntityTypeName>();
  const firstSeen = new Map<string, string>();
  for (const raw of rawEntities) {
    const id = raw.data.id;
    if (typeof id !== 'string') {
      report(raw, 'has no "id"');
      continue;
    }
    const parsed = parseGlobalId(id);
    if (!parsed || parsed.kind !== 'entity') {
      report(raw, `"${id}" is not a valid entity id: use Type:slug, such as Person:karsten-wildberger, with a lowercase slug`);
      continue;
    }
    const previous = firstSeen.get(id);
    if (previous !== undefined) {
      report(raw, `duplicate id "${id}", first defined at ${previous}`);
      continue;
    }
    firstSeen.set(id, `${raw.file} › ${raw.record}`);
    typeOfId.set(id, parsed.type);
  }

  const sourceLengths = new Map<string, number>();
  for (const raw of rawEntities) {
    if (typeof raw.data.id === 'string' && typeOfId.get(raw.data.id) === 'Source' && typeof raw.data.length === 'number') {
      sourceLengths.set(raw.data.id, raw.data.length);
    }
  }

  const checkKeys = (at: Located, data: Json, allowed: readonly string[], what: string) => {
    for (const key of Object.keys(data)) {
      if (!allowed.includes(key)) report(at, `${what}has an unknown key "${key}"; allowed: ${allowed.join(', ')}`);
    }
  };

  const readEvidenceList = (at: Located, value: unknown, path: string, required: boolean): EvidenceModel[] => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      if (required) report(at, `${path} is missing: nothing enters the graph without evidence`);
      return [];
    }
    if (!Array.isArray(value)) {
      report(at, `${path} must be an array of evidence`);
      return [];
    }
    const list: EvidenceModel[] = [];
    value.forEach((item, index) => {
      const evidence = readEvidence(at, item, `${path}[${index}]`);
      if (evidence) list.push(evidence);
    });
    return list;
  };

  const readEvidence = (at: Located, value: unknown, path: string): EvidenceModel | null => {
    if (!isObject(value)) {
      report(at, `${path} must be an object`);
      return null;
    }
    const before = problems.length;
    checkKeys(at, value, EVIDENCE_KEYS, `${path} `);
    const { source, quote, start, end, reason, reference, speaker } = value;
    const method = value.method ?? 'EXTRACTED';
    const modality = value.modality ?? 'STATED';
    if (typeof source !== 'string' || typeOfId.get(source) !== 'Source') {
      report(at, `${path}.source ${JSON.stringify(source)} is not the id of a source in the seed`);
    }
    if (!isNonEmptyString(quote)) report(at, `${path}.quote must be a non-empty string`);
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
      report(at, `${path} needs integer offsets with 0 <= start < end; got start ${JSON.stringify(start)}, end ${JSON.stringify(end)}`);
    } else if (typeof quote === 'string' && quote.length !== (end as number) - (start as number)) {
      report(at, `${path}.quote is ${quote.length} characters long but its offsets [${String(start)}, ${String(end)}) span ${(end as number) - (start as number)}`);
    } else if (typeof source === 'string' && sourceLengths.has(source) && (end as number) > sourceLengths.get(source)!) {
      report(at, `${path}.end ${String(end)} lies past the end of ${source}, which is ${sourceLengths.get(source)} characters long`);
    }
    if (typeof method !== 'string' || !METHODS.includes(method)) {
      report(at, `${path}.method ${JSON.stringify(method)} is not one of ${METHODS.join(', ')}`);
    }
    if (method === 'INFERRED' && !isNonEmptyString(reason)) report(at, `${path} is INFERRED and must state its "reason"`);
    if (method !== 'INFERRED' && reason !== undefined) report(at, `${path} has a "reason" but is not INFERRED`);
    if (method === 'EXTERNAL' && !isHttpUrl(reference)) report(at, `${path} is EXTERNAL and must give a "reference" http(s) URL`);
    if (method !== 'EXTERNAL' && reference !== undefined) report(at, `${path} has a "reference" but is not EXTERNAL`);
    if (typeof modality !== 'string' || !MODALITIES.includes(modality)) {
      report(at, `${path}.modality ${JSON.stringify(modality)} is not one of ${MODALITIES.join(', ')}`);
    }
    if (modality === 'REPORTED_SPEECH') {
      if (typeof speaker !== 'string' || typeOfId.get(speaker) !== 'Person') {
        report(at, `${path} is REPORTED_SPEECH and its "speaker" must be the id of a person in the seed; got ${JSON.stringify(speaker)}`);
      }
    } else if (speaker !== undefined) {
      report(at, `${path} has a "speaker" but its modality is not REPORTED_SPEECH`);
    }
    if (problems.length > before) return null;
    return {
      sourceId: source as string,
      quote: quote as string,
      start: start as number,
      end: end as number,
      method: method as EvidenceModel['method'],
      reason: (reason as string | undefined) ?? null,
      reference: (reference as string | undefined) ?? null,
      modality: modality as EvidenceModel['modality'],
      speakerId: (speaker as string | undefined) ?? null,
    };
  };

  const readDate = (at: Located, value: unknown, path: string): PartialDateModel | null => {
    if (!isObject(value)) {
      report(at, `${path} must be an object with "value" and "evidence"`);
      return null;
    }
    checkKeys(at, value, DATE_KEYS, `${path} `);
    const parsed = typeof value.value === 'string' ? parsePartialDate(value.value) : null;
    if (!parsed) {
      report(at, `${path}.value ${JSON.stringify(value.value)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists`);
    }
    if (value.qualifier !== undefined && !isNonEmptyString(value.qualifier)) report(at, `${path}.qualifier must be a non-empty string`);
    const evidence = readEvidenceList(at, value.evidence, `${path}.evidence`, true);
    if (!parsed) return null;
    return {
      ...parsed,
      qualifier: (value.qualifier as string | undefined) ?? null,
      isInferred: evidence.length > 0 && evidence.every((e) => e.method === 'INFERRED'),
      evidence,
    };
  };

  // Pass 2: entities.
  const entities: EntityModel[] = [];
  const origins = new Map<string, { file: string; record: string }>();
  for (const raw of rawEntities) {
    const id = raw.data.id;
    if (typeof id !== 'string' || !typeOfId.has(id) || firstSeen.get(id) !== `${raw.file} › ${raw.record}`) continue;
    const type = typeOfId.get(id)!;
    const data = raw.data;
    const attributes = ENTITY_ATTRIBUTES[type];
    checkKeys(raw, data, [...COMMON_KEYS, ...Object.keys(attributes)], '');
    const before = problems.length;
    if (!isNonEmptyString(data.name)) report(raw, '"name" must be a non-empty string');
    if (data.aliases !== undefined && !(Array.isArray(data.aliases) && data.aliases.every(isNonEmptyString))) {
      report(raw, '"aliases" must be an array of non-empty strings');
    }
    if (data.description !== undefined && !isNonEmptyString(data.description)) report(raw, '"description" must be a non-empty string');
    const labels: LabelModel[] = [];
    if (data.labels !== undefined) {
      if (!isObject(data.labels)) report(raw, '"labels" must be an object such as {"de": "…", "fr": "…"}');
      else {
        for (const [language, text] of Object.entries(data.labels)) {
          const code = LANGUAGES[language];
          if (!code) report(raw, `labels has an unknown language "${language}"; use en, de or fr`);
          else if (!isNonEmptyString(text)) report(raw, `labels.${language} must be a non-empty string`);
          else labels.push({ language: code, text });
        }
      }
    }
    if (isNonEmptyString(data.name) && !labels.some((l) => l.language === 'EN')) {
      labels.unshift({ language: 'EN', text: data.name });
    }
    const mentions = readEvidenceList(raw, data.mentions, 'mentions', true);

    const values: Record<string, unknown> = {};
    for (const key of REQUIRED_ATTRIBUTES[type] ?? []) {
      if (data[key] === undefined) report(raw, `"${key}" is required for a ${type}`);
    }
    for (const [key, rule] of Object.entries(attributes)) {
      const value = data[key];
      if (value === undefined) {
        values[key] = null;
      } else if (rule === 'date') {
        values[key] = readDate(raw, value, key);
      } else if (Array.isArray(rule)) {
        if (typeof value !== 'string' || !rule.includes(value)) report(raw, `"${key}" ${JSON.stringify(value)} is not one of ${rule.join(', ')}`);
        values[key] = value;
      } else {
        values[key] = value;
      }
    }
    if (type === 'Country' && !isCountryCode(data.code)) {
      report(raw, `"code" ${JSON.stringify(data.code)} is not an ISO 3166-1 alpha-2 code such as DE`);
    }
    if (type === 'Source') {
      if (!(typeof data.sha256 === 'string' && /^[0-9a-f]{64}$/.test(data.sha256))) report(raw, '"sha256" must be 64 lowercase hexadecimal digits');
      if (!(Number.isInteger(data.length) && (data.length as number) > 0)) report(raw, '"length" must be a positive integer: the text\'s length in UTF-16 code units');
      if (!isNonEmptyString(data.title)) report(raw, '"title" must be a non-empty string');
      for (const key of ['language', 'translatedFrom']) {
        if (data[key] !== undefined && !(typeof data[key] === 'string' && LANGUAGES[data[key] as string])) {
          report(raw, `"${key}" ${JSON.stringify(data[key])} is not one of en, de, fr`);
        }
      }
      if (data.url !== undefined && !isHttpUrl(data.url)) report(raw, '"url" must be an http(s) URL');
      values.language = LANGUAGES[data.language as string] ?? null;
      values.translatedFrom = data.translatedFrom === undefined ? null : (LANGUAGES[data.translatedFrom as string] ?? null);
    }
    if (problems.length > before) continue;
    origins.set(id, { file: raw.file, record: raw.record });
    entities.push({
      id,
      type,
      entityType: type.toUpperCase(),
      name: data.name as string,
      aliases: (data.aliases as string[] | undefined) ?? [],
      labels,
      description: (data.description as string | undefined) ?? null,
      mentions,
      ...values,
    } as EntityModel);
  }

  // Pass 3: relationships.
  const edges: EdgeModel[] = [];
  const edgeSeen = new Map<string, string>();
  for (const raw of rawRelationships) {
    const data = raw.data;
    checkKeys(raw, data, ['type', 'from', 'to', 'evidence', ...PROPERTY_KEYS], '');
    const before = problems.length;
    const type = data.type;
    if (typeof type !== 'string' || !(EDGE_TYPES as readonly string[]).includes(type)) {
      report(raw, `unknown relationship type ${JSON.stringify(type)}; the vocabulary is ${EDGE_TYPES.join(', ')}`);
    }
    const rule = typeof type === 'string' ? VOCABULARY[type as EdgeType] : undefined;
    const ends: Array<[string, unknown]> = [['from', data.from], ['to', data.to]];
    for (const [end, ref] of ends) {
      const refType = typeof ref === 'string' ? typeOfId.get(ref) : undefined;
      if (refType === undefined) {
        report(raw, `"${end}" ${JSON.stringify(ref)} does not refer to an entity in the seed`);
      } else if (rule && !(end === 'from' ? rule.from : rule.to).includes(refType)) {
        report(raw, `a ${String(type)} relationship cannot ${end === 'from' ? 'start at' : 'end at'} a ${refType}; it links ${rule.from.join('/')} to ${rule.to.join('/')}`);
      }
    }
    if (data.from === data.to && typeof data.from === 'string') report(raw, 'a relationship cannot link an entity to itself');
    for (const key of PROPERTY_KEYS) {
      if (data[key] === undefined) continue;
      if (rule && !(rule.properties ?? []).includes(key)) {
        report(raw, `a ${String(type)} relationship has no property "${key}"${rule.properties ? `; it allows ${rule.properties.join(', ')}` : ''}`);
      } else if (key === 'onBehalfOf' && !(typeof data[key] === 'string' && typeOfId.get(data[key] as string) === 'Country')) {
        report(raw, `"onBehalfOf" ${JSON.stringify(data[key])} is not the id of a country in the seed`);
      } else if (key === 'ordinal' && !(Number.isInteger(data[key]) && (data[key] as number) > 0)) {
        report(raw, '"ordinal" must be a positive integer');
      } else if (key !== 'onBehalfOf' && key !== 'ordinal' && !isNonEmptyString(data[key])) {
        report(raw, `"${key}" must be a non-empty string`);
      }
    }
    const evidence = readEvidenceList(raw, data.evidence, 'evidence', true);
    if (problems.length > before) continue;
    const from = data.from as string;
    const to = data.to as string;
    const edgeType = type as EdgeType;
    const id = relationshipId(from, edgeType, to);
    const keys = rule!.symmetric ? [id, relationshipId(to, edgeType, from)] : [id];
    const duplicateOf = keys.map((k) => edgeSeen.get(k)).find((v) => v !== undefined);
    if (duplicateOf !== undefined) {
      report(raw, `duplicate relationship: ${edgeType} between these entities is first defined at ${duplicateOf}; give one relationship several evidence items instead`);
      continue;
    }
    edgeSeen.set(id, `${raw.file} › ${raw.record}`);
    origins.set(id, { file: raw.file, record: raw.record });
    edges.push({
      id,
      type: edgeType,
      fromId: from,
      toId: to,
      onBehalfOfId: (data.onBehalfOf as string | undefined) ?? null,
      capacity: (data.capacity as string | undefined) ?? null,
      role: (data.role as string | undefined) ?? null,
      note: (data.note as string | undefined) ?? null,
      ordinal: (data.ordinal as number | undefined) ?? null,
      evidence,
    });
  }

  const graph: SeedGraph = { entities, edges, origins };
  if (options.sourceTexts) problems.push(...checkAgainstSourceTexts(graph, options.sourceTexts));
  if (problems.length > 0) throw new SeedError(problems);
  return graph;
}

/** Every evidence item in the graph, with the record it belongs to, for checks and tools. */
export function* allEvidence(graph: Pick<SeedGraph, 'entities' | 'edges'>): Generator<{ owner: string; evidence: EvidenceModel }> {
  for (const entity of graph.entities) {
    for (const evidence of entity.mentions) yield { owner: entity.id, evidence };
    for (const value of Object.values(entity)) {
      if (isObject(value) && Array.isArray(value.evidence) && 'precision' in value) {
        for (const evidence of value.evidence as EvidenceModel[]) yield { owner: entity.id, evidence };
      }
    }
  }
  for (const edge of graph.edges) for (const evidence of edge.evidence) yield { owner: edge.id, evidence };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Compares the seed with the texts of its sources: each source's SHA-256 and length, and each quote
 * with the text at its offsets.
 */
export function checkAgainstSourceTexts(graph: SeedGraph, texts: ReadonlyMap<string, string>): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const at = (id: string) => graph.origins.get(id) ?? { file: 'seed', record: id };
  for (const entity of graph.entities) {
    if (entity.type !== 'Source') continue;
    const text = texts.get(entity.id);
    if (text === undefined) continue;
    const digest = sha256Hex(text);
    if (digest !== entity.sha256) {
      problems.push({ ...at(entity.id), message: `sha256 ${entity.sha256} does not match the given text, whose SHA-256 is ${digest}` });
    }
    if (text.length !== entity.length) {
      problems.push({ ...at(entity.id), message: `length ${entity.length} does not match the given text, which is ${text.length} characters long` });
    }
  }
  for (const { owner, evidence } of allEvidence(graph)) {
    const text = texts.get(evidence.sourceId);
    if (text === undefined) continue;
    const actual = text.slice(evidence.start, evidence.end);
    if (actual !== evidence.quote) {
      problems.push({
        ...at(owner),
        message: `quote ${JSON.stringify(evidence.quote)} does not match the text at [${evidence.start}, ${evidence.end}), which reads ${JSON.stringify(actual)}`,
      });
    }
  }
  return problems;
}

/** Reads, checks and builds the seed graph from a folder of JSON files; throws a SeedError naming every problem. */
export async function loadSeed(seedDir: string, options: LoadSeedOptions = {}): Promise<SeedGraph> {
  const { files, problems } = await readSeedFiles(seedDir);
  if (problems.length > 0) {
    // Still check the files that parsed, so one run reports everything it can.
    let later: SeedProblem[] = [];
    try {
      buildSeedGraph(files, options);
    } catch (error) {
      if (error instanceof SeedError) later = error.problems;
      else throw error;
    }
    throw new SeedError([...problems.map((p) => ({ file: p.file, record: '', message: p.message })), ...later]);
  }
  return buildSeedGraph(files, options);
}
