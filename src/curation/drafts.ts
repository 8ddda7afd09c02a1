import { SEED_ATTRIBUTES } from '../generated/catalogue.js';
import type { AddEntitiesInput, AddFactsInput, AddSourceInput, AttributeInput, CorroborateInput, EvidenceInput, MergeEntitiesInput, PartialDateInput, RetractFactInput } from '../generated/resolvers-types.js';
import { parseGlobalId } from '../lib/global-id.js';
import { sha256Hex } from '../lib/sha256.js';
import type { RecordChange, WritableGraphStore } from '../store/graph-store.js';
import { ENTITY_TYPES, type EntityTypeName } from '../store/models.js';
import { relationshipKey, sameAsKey, type RecordRef } from '../store/records.js';
import type { Json } from '../store/seed-rules.js';
import { emptyDraft, type Draft } from './check.js';
import type { UserError } from './user-errors.js';

/**
 * Turns each mutation's input into a draft: the records it adds or changes, in the seed's own form,
 * each with the input path it came from. Nothing here decides whether a record is valid (the seed's
 * rules do, in checkDraft); only what the graph must hold for the mutation to mean anything (the
 * fact to corroborate exists, the attribute is not set yet) is said here.
 */
export type DraftResult = Draft | UserError[];

/** Keys of an entity record that are not attributes of its type. */
const COMMON_KEYS = new Set(['id', 'name', 'aliases', 'labels', 'translatedLabels', 'description', 'mentions', 'attributeEvidence', 'sentences', 'notModelled']);

const TYPE_OF_CODE = new Map<string, EntityTypeName>(ENTITY_TYPES.map((type) => [type.toUpperCase(), type]));

function refOf(id: string): RecordRef {
  return { kind: id.startsWith('Source:') ? 'source' : 'entity', key: id };
}

/** An evidence input in the seed's form: defaults and absent fields left out, as a curator writes it. */
export function evidenceRecord(input: EvidenceInput): Json {
  const record: Json = { source: input.source, quote: input.quote, start: input.start, end: input.end };
  if (input.method && input.method !== 'EXTRACTED') record.method = input.method;
  if (input.reason != null) record.reason = input.reason;
  if (input.reference != null) record.reference = input.reference;
  if (input.modality && input.modality !== 'STATED') record.modality = input.modality;
  if (input.speaker != null) record.speaker = input.speaker;
  return record;
}

/** The evidence inputs as seed records, each noted as new evidence at its path. */
function evidenceList(draft: Draft, list: readonly EvidenceInput[] | null | undefined, path: string[]): Json[] {
  return (list ?? []).map((input, i) => {
    draft.newEvidence.push({ path: [...path, String(i)], source: input.source });
    return evidenceRecord(input);
  });
}

function dateRecord(draft: Draft, input: PartialDateInput, path: string[]): Json {
  return { value: input.value, ...(input.qualifier != null ? { qualifier: input.qualifier } : {}), evidence: evidenceList(draft, input.evidence, [...path, 'evidence']) };
}

function add(draft: Draft, change: RecordChange, path: string[]): void {
  draft.changes.push(change);
  draft.paths.set(`${change.kind} ${change.key}`, path);
}

/** Where an evidence item is in a list of them, or -1: the same source and offsets. */
function indexOfEvidence(list: readonly Json[], item: Json): number {
  return list.findIndex((other) => other.source === item.source && other.start === item.start && other.end === item.end);
}

/** The id an entity id resolves to now: itself, or the survivor it was merged into. */
async function resolveEntityId(store: WritableGraphStore, id: string): Promise<string> {
  const [merged] = await store.readRecords([{ kind: 'mergedId', key: id }]);
  return merged ? String(merged.survivor) : id;
}

/** Sets an attribute of an entity record, in the form the seed gives it: a date with evidence, or a value with attributeEvidence. */
function setAttribute(draft: Draft, record: Json, type: EntityTypeName | undefined, input: Pick<AttributeInput, 'name' | 'value' | 'qualifier' | 'evidence'>, path: string[]): void {
  const rule = type ? SEED_ATTRIBUTES[type][input.name] : undefined;
  if (rule === 'date') {
    record[input.name] = dateRecord(draft, { value: input.value, qualifier: input.qualifier, evidence: input.evidence ?? [] }, path);
    return;
  }
  record[input.name] = rule === 'language' ? input.value.toLowerCase() : input.value;
  if (input.evidence && input.evidence.length > 0) {
    const attributeEvidence = { ...((record.attributeEvidence as Json | undefined) ?? {}) };
    attributeEvidence[input.name] = evidenceList(draft, input.evidence, [...path, 'evidence']);
    record.attributeEvidence = attributeEvidence;
  }
}

export function draftAddSource(input: AddSourceInput): DraftResult {
  const draft = emptyDraft();
  const id = `Source:${input.slug}`;
  const record: Json = { id, name: input.title, title: input.title, publishedOn: dateRecord(draft, input.publishedOn, ['input', 'publishedOn']), language: input.language.toLowerCase() };
  if (input.url != null) record.url = input.url;
  record.sha256 = sha256Hex(input.text);
  record.length = input.text.length;
  if (input.mentions != null) {
    record.mentions = evidenceList(draft, input.mentions, ['input', 'mentions']);
  } else {
    const start = input.text.indexOf(input.title);
    if (start === -1) {
      return [{ path: ['input', 'mentions'], code: 'RULE_VIOLATED', message: 'The text does not contain the title, so nothing in it names the source; give the passages that name it in mentions.' }];
    }
    record.mentions = [{ source: id, quote: input.title, start, end: start + input.title.length }];
  }
  draft.sourceTexts.set(id, input.text);
  add(draft, { kind: 'source', key: id, action: 'ADDED', before: null, after: record }, ['input']);
  if (input.publisher) {
    const relationship: Json = { type: 'PUBLISHED_BY', from: id, to: input.publisher.organization, evidence: evidenceList(draft, input.publisher.evidence, ['input', 'publisher', 'evidence']) };
    add(draft, { kind: 'relationship', key: relationshipKey(relationship), action: 'ADDED', before: null, after: relationship }, ['input', 'publisher']);
  }
  return draft;
}

export function draftAddEntities(input: AddEntitiesInput): DraftResult {
  const draft = emptyDraft();
  input.entities.forEach((entity, i) => {
    const path = ['input', 'entities', String(i)];
    const type = TYPE_OF_CODE.get(entity.type);
    const id = `${type ?? entity.type}:${entity.slug}`;
    const record: Json = { id, name: entity.name };
    if (entity.aliases) record.aliases = [...entity.aliases];
    if (entity.description != null) record.description = entity.description;
    for (const [key, isTranslation] of [['labels', false], ['translatedLabels', true]] as const) {
      const labels = (entity.labels ?? []).filter((label) => Boolean(label.isTranslation) === isTranslation);
      if (labels.length > 0) record[key] = Object.fromEntries(labels.map((label) => [label.language.toLowerCase(), label.text]));
    }
    record.mentions = evidenceList(draft, entity.mentions, [...path, 'mentions']);
    (entity.attributes ?? []).forEach((attribute, a) => setAttribute(draft, record, type, attribute, [...path, 'attributes', String(a)]));
    add(draft, { kind: type === 'Source' ? 'source' : 'entity', key: id, action: 'ADDED', before: null, after: record }, path);
  });
  return draft;
}

export async function draftAddFacts(store: WritableGraphStore, input: AddFactsInput): Promise<DraftResult> {
  const draft = emptyDraft();
  const errors: UserError[] = [];
  for (const [i, relationship] of (input.relationships ?? []).entries()) {
    const path = ['input', 'relationships', String(i)];
    const record: Json = { type: relationship.type, from: await resolveEntityId(store, relationship.from), to: await resolveEntityId(store, relationship.to) };
    for (const key of ['onBehalfOf', 'capacity', 'role', 'note', 'ordinal'] as const) if (relationship[key] != null) record[key] = relationship[key];
    record.evidence = evidenceList(draft, relationship.evidence, [...path, 'evidence']);
    add(draft, { kind: 'relationship', key: relationshipKey(record), action: 'ADDED', before: null, after: record }, path);
  }
  // Several attributes of one entity change one record: each builds on the one before.
  const pending = new Map<string, RecordChange>();
  for (const [i, attribute] of (input.attributes ?? []).entries()) {
    const path = ['input', 'attributes', String(i)];
    const id = await resolveEntityId(store, attribute.entity);
    const parsed = parseGlobalId(id);
    const earlier = pending.get(id);
    const [current] = earlier ? [earlier.after] : parsed?.kind === 'entity' ? await store.readRecords([refOf(id)]) : [null];
    if (!current || !parsed || parsed.kind !== 'entity') {
      errors.push({ path: [...path, 'entity'], code: 'NOT_FOUND', message: `The graph holds no entity ${attribute.entity}.` });
      continue;
    }
    if (current[attribute.name] !== undefined && current[attribute.name] !== null) {
      errors.push({
        path: [...path, 'name'],
        code: 'ALREADY_EXISTS',
        message: `${id} has a ${attribute.name} already; add evidence to it with corroborate, or retract it before giving another.`,
      });
      continue;
    }
    const after = { ...current };
    setAttribute(draft, after, parsed.type, attribute, path);
    if (earlier) earlier.after = after;
    else {
      const change: RecordChange = { ...refOf(id), action: 'CHANGED', before: current, after };
      pending.set(id, change);
      add(draft, change, path);
    }
  }
  return errors.length > 0 ? errors : draft;
}

/** The record of a fact named by id: a relationship (found through merged ends too) or an entity. */
async function factRecord(store: WritableGraphStore, id: string): Promise<{ ref: RecordRef; record: Json } | null> {
  const parsed = parseGlobalId(id);
  if (!parsed) return null;
  if (parsed.kind === 'relationship') {
    const [node] = await store.getNodes([id]);
    const key = node && 'fromId' in node ? node.id : id;
    const [record] = await store.readRecords([{ kind: 'relationship', key }]);
    return record ? { ref: { kind: 'relationship', key }, record } : null;
  }
  const ref = refOf(await resolveEntityId(store, id));
  const [record] = await store.readRecords([ref]);
  return record ? { ref, record } : null;
}

export async function draftCorroborate(store: WritableGraphStore, input: CorroborateInput): Promise<DraftResult> {
  const draft = emptyDraft();
  const found = await factRecord(store, input.fact);
  if (!found) return [{ path: ['input', 'fact'], code: 'NOT_FOUND', message: `The graph holds no fact ${input.fact}.` }];
  const { ref, record } = found;
  const after: Json = { ...record };
  const added = evidenceList(draft, input.evidence, ['input', 'evidence']);
  let target: Json[];
  if (ref.kind === 'relationship') {
    if (input.attribute != null) return [{ path: ['input', 'attribute'], code: 'NOT_FOUND', message: 'A relationship has no attributes to corroborate; leave attribute out.' }];
    target = [...((record.evidence as Json[] | undefined) ?? [])];
    after.evidence = target;
  } else if (input.attribute == null) {
    target = [...((record.mentions as Json[] | undefined) ?? [])];
    after.mentions = target;
  } else if (record[input.attribute] === undefined || record[input.attribute] === null || COMMON_KEYS.has(input.attribute)) {
    return [{ path: ['input', 'attribute'], code: 'NOT_FOUND', message: `${ref.key} has no attribute ${input.attribute} to corroborate.` }];
  } else if (typeof record[input.attribute] === 'object') {
    const date = { ...(record[input.attribute] as Json) };
    target = [...((date.evidence as Json[] | undefined) ?? [])];
    date.evidence = target;
    after[input.attribute] = date;
  } else {
    const attributeEvidence = { ...((record.attributeEvidence as Json | undefined) ?? {}) };
    target = [...((attributeEvidence[input.attribute] as Json[] | undefined) ?? [])];
    attributeEvidence[input.attribute] = target;
    after.attributeEvidence = attributeEvidence;
  }
  const errors: UserError[] = [];
  added.forEach((item, i) => {
    if (indexOfEvidence(target, item) !== -1) {
      errors.push({ path: ['input', 'evidence', String(i)], code: 'ALREADY_EXISTS', message: `${ref.key} has this evidence already: ${String(item.source)} [${String(item.start)}, ${String(item.end)}).` });
    } else target.push(item);
  });
  if (errors.length > 0) return errors;
  add(draft, { ...ref, action: 'CORROBORATED', before: record, after }, ['input']);
  return draft;
}

export async function draftRetractFact(store: WritableGraphStore, input: RetractFactInput): Promise<DraftResult> {
  const draft = emptyDraft();
  const found = await factRecord(store, input.fact);
  if (!found) return [{ path: ['input', 'fact'], code: 'NOT_FOUND', message: `The graph holds no fact ${input.fact}.` }];
  const { ref, record } = found;
  if (ref.kind === 'relationship') {
    add(draft, { ...ref, action: 'RETRACTED', before: record, after: null }, ['input']);
    return draft;
  }
  if (input.attribute == null) {
    return [{ path: ['input', 'attribute'], code: 'RULE_VIOLATED', message: `${ref.key} is an entity, which is not retracted: name the attribute to retract, retract its relationships, or merge it into the entity it duplicates.` }];
  }
  if (record[input.attribute] === undefined || COMMON_KEYS.has(input.attribute)) {
    return [{ path: ['input', 'attribute'], code: 'NOT_FOUND', message: `${ref.key} has no attribute ${input.attribute} to retract.` }];
  }
  const { [input.attribute]: _removed, ...after } = record;
  const attributeEvidence = after.attributeEvidence as Json | undefined;
  if (attributeEvidence && input.attribute in attributeEvidence) {
    const { [input.attribute]: _evidence, ...rest } = attributeEvidence;
    if (Object.keys(rest).length > 0) after.attributeEvidence = rest;
    else delete after.attributeEvidence;
  }
  add(draft, { ...ref, action: 'RETRACTED', before: record, after }, ['input']);
  return draft;
}

/** A copy of a record's JSON with every evidence speaker `from` made `to`. */
function withSpeaker(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withSpeaker(item, from, to));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'speaker' && inner === from ? to : withSpeaker(inner, from, to)]));
}

/** Evidence lists joined, each item once (by source and offsets). */
function joinEvidence(first: readonly Json[] = [], second: readonly Json[] = []): Json[] {
  const joined = [...first];
  for (const item of second) if (indexOfEvidence(joined, item) === -1) joined.push(item);
  return joined;
}

/** The survivor's record after taking over the merged entity's names, mentions and the attributes it lacks; or the attribute they disagree on. */
function mergedRecord(survivor: Json, merged: Json): Json | { disagreeOn: string } {
  const result: Json = { ...survivor };
  const names = new Set<string>([survivor.name as string, ...((survivor.aliases as string[] | undefined) ?? [])]);
  const aliases = [...((survivor.aliases as string[] | undefined) ?? [])];
  for (const name of [merged.name as string, ...((merged.aliases as string[] | undefined) ?? [])]) {
    if (!names.has(name)) {
      names.add(name);
      aliases.push(name);
    }
  }
  if (aliases.length > 0) result.aliases = aliases;
  const languages = new Set([...Object.keys((survivor.labels as Json | undefined) ?? {}), ...Object.keys((survivor.translatedLabels as Json | undefined) ?? {})]);
  for (const key of ['labels', 'translatedLabels']) {
    const taken = Object.entries((merged[key] as Json | undefined) ?? {}).filter(([language]) => !languages.has(language));
    if (taken.length > 0) result[key] = { ...((survivor[key] as Json | undefined) ?? {}), ...Object.fromEntries(taken) };
  }
  if (result.description === undefined && merged.description !== undefined) result.description = merged.description;
  result.mentions = joinEvidence(survivor.mentions as Json[], merged.mentions as Json[]);
  const attributeEvidence: Json = { ...((survivor.attributeEvidence as Json | undefined) ?? {}) };
  for (const [key, value] of Object.entries(merged)) {
    if (COMMON_KEYS.has(key)) continue;
    const own = survivor[key];
    const mergedEvidence = ((merged.attributeEvidence as Json | undefined) ?? {})[key] as Json[] | undefined;
    if (own === undefined) {
      result[key] = value;
      if (mergedEvidence) attributeEvidence[key] = mergedEvidence;
    } else if (typeof own === 'object' && own !== null && typeof value === 'object' && value !== null) {
      const [a, b] = [own as Json, value as Json];
      if (a.value !== b.value || a.qualifier !== b.qualifier) return { disagreeOn: key };
      result[key] = { ...a, evidence: joinEvidence(a.evidence as Json[], b.evidence as Json[]) };
    } else if (own !== value) {
      return { disagreeOn: key };
    } else if (mergedEvidence) {
      attributeEvidence[key] = joinEvidence(attributeEvidence[key] as Json[] | undefined, mergedEvidence);
    }
  }
  if (Object.keys(attributeEvidence).length > 0) result.attributeEvidence = attributeEvidence;
  return result;
}

const PROPERTY_KEYS = ['onBehalfOf', 'capacity', 'role', 'note', 'ordinal'];

export async function draftMergeEntities(store: WritableGraphStore, input: MergeEntitiesInput): Promise<DraftResult> {
  const draft = emptyDraft();
  const survivorId = await resolveEntityId(store, input.survivor);
  const mergedId = input.merged;
  const [survivor = null, merged = null] = await store.readRecords([refOf(survivorId), refOf(mergedId)]);
  const errors: UserError[] = [];
  if (!survivor) errors.push({ path: ['input', 'survivor'], code: 'NOT_FOUND', message: `The graph holds no entity ${input.survivor}.` });
  if (!merged) errors.push({ path: ['input', 'merged'], code: 'NOT_FOUND', message: `The graph holds no entity ${mergedId}${(await resolveEntityId(store, mergedId)) !== mergedId ? ': it was merged already' : ''}.` });
  if (errors.length > 0) return errors;
  const [survivorType, mergedType] = [parseGlobalId(survivorId), parseGlobalId(mergedId)];
  if (survivorId === mergedId) return [{ path: ['input', 'merged'], code: 'MERGE_CONFLICT', message: 'An entity cannot be merged into itself.' }];
  if (survivorType?.kind !== 'entity' || mergedType?.kind !== 'entity' || survivorType.type !== mergedType.type) {
    return [{ path: ['input', 'merged'], code: 'MERGE_CONFLICT', message: `${mergedId} and ${survivorId} are of different types; only entities of one type can be the same.` }];
  }
  if (survivorType.type === 'Source') return [{ path: ['input', 'merged'], code: 'MERGE_CONFLICT', message: 'Sources are not merged: evidence counts offsets in one text.' }];
  const taken = mergedRecord(withSpeaker(survivor, mergedId, survivorId) as Json, merged!);
  if ('disagreeOn' in taken) {
    return [{ path: ['input', 'merged'], code: 'MERGE_CONFLICT', message: `${mergedId} and ${survivorId} disagree on ${taken.disagreeOn}; retract one of the two values first.` }];
  }
  const path = ['input'];
  const changes = new Map<string, RecordChange>();
  const change = (ref: RecordRef, action: RecordChange['action'], before: Json | null, after: Json | null) => {
    const id = `${ref.kind} ${ref.key}`;
    const earlier = changes.get(id);
    if (earlier) earlier.after = after;
    else changes.set(id, { ...ref, action, before, after });
  };
  change(refOf(survivorId), 'CHANGED', survivor, taken);
  change(refOf(mergedId), 'MERGED', merged, null);
  change({ kind: 'mergedId', key: mergedId }, 'MERGED', null, { survivor: survivorId });
  const current = async (ref: RecordRef): Promise<Json | null> => {
    const pending = changes.get(`${ref.kind} ${ref.key}`);
    return pending ? pending.after : ((await store.readRecords([ref]))[0] ?? null);
  };
  for (const { kind, key, record } of await store.findReferences(mergedId)) {
    if (kind === 'mergedId') {
      change({ kind, key }, 'CHANGED', record, { survivor: survivorId });
      continue;
    }
    if (key === survivorId) continue;
    const moved = withSpeaker(record, mergedId, survivorId) as Json;
    if (kind === 'relationship') {
      for (const end of ['from', 'to', 'onBehalfOf']) if (moved[end] === mergedId) moved[end] = survivorId;
      if (moved.from === moved.to) {
        return [{ path: ['input', 'merged'], code: 'MERGE_CONFLICT', message: `${key} would link ${survivorId} to itself; retract it first.` }];
      }
      const newKey = relationshipKey(moved);
      change({ kind, key }, newKey === key ? 'CHANGED' : 'MERGED', record, newKey === key ? moved : null);
      if (newKey === key) continue;
      const existing = await current({ kind, key: newKey });
      if (existing) {
        const conflict = PROPERTY_KEYS.find((property) => existing[property] !== undefined && moved[property] !== undefined && existing[property] !== moved[property]);
        if (conflict) return [{ path: ['input', 'merged'], code: 'MERGE_CONFLICT', message: `${key} and ${newKey} become one relationship but disagree on ${conflict}; retract one first.` }];
        const joined: Json = { ...moved, ...existing, evidence: joinEvidence(existing.evidence as Json[], moved.evidence as Json[]) };
        change({ kind, key: newKey }, 'CHANGED', (await store.readRecords([{ kind, key: newKey }]))[0] ?? null, joined);
      } else {
        change({ kind, key: newKey }, 'CHANGED', null, moved);
      }
    } else if (kind === 'sameAs' && moved.entity === mergedId) {
      moved.entity = survivorId;
      const newKey = sameAsKey(survivorId, String(moved.uri));
      change({ kind, key }, 'MERGED', record, null);
      const existing = await current({ kind, key: newKey });
      change({ kind, key: newKey }, 'CHANGED', (await store.readRecords([{ kind, key: newKey }]))[0] ?? null, existing ? { ...existing, evidence: joinEvidence(existing.evidence as Json[], moved.evidence as Json[]) } : moved);
    } else {
      change({ kind, key }, 'CHANGED', record, moved);
    }
  }
  for (const recorded of changes.values()) {
    // A relationship removed and added back under its own key in one merge is a change, not two.
    if (JSON.stringify(recorded.before) !== JSON.stringify(recorded.after)) add(draft, recorded, path);
  }
  return draft;
}
