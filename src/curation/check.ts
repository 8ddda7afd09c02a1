import { parseGlobalId } from '../lib/global-id.js';
import type { RecordChange, WritableGraphStore } from '../store/graph-store.js';
import { relationshipKey, type RecordRef } from '../store/records.js';
import { buildSeedGraph, SeedError } from '../store/seed.js';
import type { Json } from '../store/seed-rules.js';
import { VOCABULARY } from '../store/vocabulary.js';
import type { RelationshipType } from '../store/models.js';
import type { UserError } from './user-errors.js';

/** A change a mutation made of its input, before it is checked: the record changes and where each came from. */
export interface Draft {
  changes: RecordChange[];
  /** The input path of each changed record, by `kind key`; records a mutation derived from others (a merge's) take the mutation's. */
  paths: Map<string, string[]>;
  /** Every evidence item the input gave, with its path: its source's text must be stored. */
  newEvidence: Array<{ path: string[]; source: unknown }>;
  /** Texts of sources the change adds, by source id. */
  sourceTexts: Map<string, string>;
}

export function emptyDraft(): Draft {
  return { changes: [], paths: new Map(), newEvidence: [], sourceTexts: new Map() };
}

const SEED_KIND_KEYS = { source: 'sources', entity: 'entities', relationship: 'relationships', sameAs: 'sameAs' } as const;
type SeedKind = keyof typeof SEED_KIND_KEYS;

function refOfEntity(id: string): RecordRef {
  return { kind: id.startsWith('Source:') ? 'source' : 'entity', key: id };
}

/** The ids of entities and sources a record names: its ends, its country, and its evidence's sources and speakers. */
function namedIds(record: Json, into: Set<string>): void {
  for (const key of ['from', 'to', 'onBehalfOf', 'entity']) if (typeof record[key] === 'string') into.add(record[key]);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'source' || key === 'speaker') && typeof inner === 'string') into.add(inner);
        else walk(inner);
      }
    }
  };
  for (const [key, value] of Object.entries(record)) if (key !== 'from' && key !== 'to' && key !== 'onBehalfOf' && key !== 'entity') walk(value);
}

/**
 * Checks a draft by exactly the seed's rules: the seed builder (src/store/seed.ts) is given the
 * records the draft adds or changes, after the records of the graph they name (their ends, their
 * country, their sources and speakers, and what those name in turn, and any relationship or id
 * they would duplicate), as two seed files. What the builder refuses in the draft's records becomes
 * a user error at the input path the record came from. The graph's own records passed the same
 * rules when they entered, so the check costs what the change touches, not what the graph holds.
 *
 * New evidence must cite a source whose text the server holds (or that the draft adds), so every
 * quote and offset is checked against the text, as start-up does with SOURCE_TEXTS_DIR.
 */
export async function checkDraft(store: WritableGraphStore, draft: Draft): Promise<UserError[]> {
  const errors: UserError[] = [];
  const changed = new Set(draft.changes.map((change) => `${change.kind} ${change.key}`));
  const input: Record<SeedKind, Json[]> = { source: [], entity: [], relationship: [], sameAs: [] };
  const inputPaths: Record<SeedKind, string[][]> = { source: [], entity: [], relationship: [], sameAs: [] };
  const wanted = new Map<string, RecordRef>();
  const want = (ref: RecordRef) => {
    if (!changed.has(`${ref.kind} ${ref.key}`)) wanted.set(`${ref.kind} ${ref.key}`, ref);
  };
  for (const change of draft.changes) {
    if (change.after === null || change.kind === 'mergedId') continue;
    input[change.kind].push(change.after);
    inputPaths[change.kind].push(draft.paths.get(`${change.kind} ${change.key}`) ?? ['input']);
    const ids = new Set<string>();
    namedIds(change.after, ids);
    for (const id of ids) if (parseGlobalId(id)?.kind === 'entity') want(refOfEntity(id));
    if (change.kind === 'relationship') {
      // The builder names a duplicate only if it sees the first: the graph's relationship with this key, or its reverse for a symmetric type.
      // The key is the change's own, which `want` leaves out, so an added relationship asks for it directly.
      if (change.before === null) wanted.set(`relationship ${change.key}`, { kind: 'relationship', key: change.key });
      const rule = VOCABULARY[change.after.type as RelationshipType];
      if (rule?.symmetric) want({ kind: 'relationship', key: relationshipKey({ ...change.after, from: change.after.to, to: change.after.from }) });
    } else if (change.before === null && (change.kind === 'source' || change.kind === 'entity')) {
      const ref = refOfEntity(change.key);
      wanted.set(`${ref.kind} ${ref.key}`, ref);
    }
  }
  // The graph's records the draft names, and what those name in turn, until nothing new is named.
  const known: Record<SeedKind, Json[]> = { source: [], entity: [], relationship: [], sameAs: [] };
  const fetched = new Set<string>();
  while (wanted.size > 0) {
    const refs = [...wanted.values()].filter((ref) => !fetched.has(`${ref.kind} ${ref.key}`));
    wanted.clear();
    if (refs.length === 0) break;
    const records = await store.readRecords(refs);
    refs.forEach((ref, i) => {
      fetched.add(`${ref.kind} ${ref.key}`);
      const record = records[i];
      if (!record || ref.kind === 'mergedId') return;
      known[ref.kind].push(record);
      const ids = new Set<string>();
      namedIds(record, ids);
      for (const id of ids) if (parseGlobalId(id)?.kind === 'entity') want(refOfEntity(id));
    });
  }
  // Texts: every source named by either file, so quotes old and new are checked as start-up would.
  const sourceIds = [...new Set([...known.source, ...input.source].map((record) => String(record.id)))];
  const cited = new Set<string>();
  for (const list of [known, input]) for (const kind of Object.keys(list) as SeedKind[]) for (const record of list[kind]) namedIds(record, cited);
  const textIds = [...new Set([...sourceIds, ...[...cited].filter((id) => id.startsWith('Source:'))])];
  const stored = store.getSourceTexts ? await store.getSourceTexts(textIds) : textIds.map(() => null);
  const texts = new Map<string, string>();
  textIds.forEach((id, i) => {
    const text = draft.sourceTexts.get(id) ?? stored[i];
    if (text != null) texts.set(id, text);
  });
  const isSource = (id: string) => known.source.some((record) => record.id === id) || input.source.some((record) => record.id === id);
  for (const { path, source } of draft.newEvidence) {
    if (typeof source === 'string' && !texts.has(source) && isSource(source)) {
      errors.push({
        path,
        code: 'TEXT_NOT_STORED',
        message: `The server holds no text of ${source}, so the quote cannot be checked against it; add the source with its text (addSource), or start the server with the text in SOURCE_TEXTS_DIR.`,
      });
    }
  }
  const asFile = (file: string, records: Record<SeedKind, Json[]>) => ({
    file,
    absolutePath: file,
    data: Object.fromEntries((Object.keys(records) as SeedKind[]).filter((kind) => records[kind].length > 0).map((kind) => [SEED_KIND_KEYS[kind], records[kind]])),
  });
  try {
    buildSeedGraph([asFile('graph', known), asFile('input', input)], { sourceTexts: texts });
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    for (const problem of error.problems) {
      const place = /^(sources|entities|relationships|sameAs)\[(\d+)\]/.exec(problem.record);
      const kind = place ? ((Object.keys(SEED_KIND_KEYS) as SeedKind[]).find((k) => SEED_KIND_KEYS[k] === place[1]) ?? null) : null;
      const path = problem.file === 'input' && kind ? (inputPaths[kind][Number(place![2])] ?? ['input']) : ['input'];
      const subject = problem.record.replace(/^\S+\s*/, '').replace(/^\((.*)\)$/, '$1');
      if (problem.message.startsWith('duplicate relationship')) {
        errors.push({ path, code: 'ALREADY_EXISTS', message: `${subject}: the graph holds this relationship already; add evidence to it with corroborate.` });
      } else if (problem.message.startsWith('duplicate id')) {
        errors.push({ path, code: 'ALREADY_EXISTS', message: `${subject}: the graph holds an entity with this id already.` });
      } else {
        errors.push({ path, code: 'RULE_VIOLATED', message: `${subject ? `${subject}: ` : ''}${problem.message}` });
      }
    }
  }
  return errors;
}
