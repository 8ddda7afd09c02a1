import type { JournalEntry, JournalQuery } from './graph-store.js';

const ABOUT_FIELDS = ['from', 'to', 'entity', 'survivor'];
const CHANGES_FIELDS = ['entity', 'survivor'];

/**
 * Whether a journal entry touches one of the ids: a record with that key (an entity, a source, a
 * relationship, a merged id), a relationship from or to it, a sameAs link of it, or an id merged
 * into it. What `history` and the `about` filter of `changes` and `factsChanged` mean, for every store.
 */
export function entryIsAbout(entry: JournalEntry, ids: readonly string[]): boolean {
  return touches(entry, ids, ABOUT_FIELDS);
}

/**
 * Whether a journal entry changes one of the facts or entities itself: its record, a sameAs link of
 * an entity, or an id merged into it. What a fact's `history` lists.
 */
export function entryChanges(entry: JournalEntry, ids: readonly string[]): boolean {
  return touches(entry, ids, CHANGES_FIELDS);
}

/** Whether a query's filters keep an entry (see JournalQuery). */
export function meetsJournalQuery(entry: JournalEntry, query: JournalQuery): boolean {
  if (query.operations && !query.operations.includes(entry.operation)) return false;
  if (query.about && !entryIsAbout(entry, query.about)) return false;
  if (query.subjects && !entryChanges(entry, query.subjects)) return false;
  return true;
}

function touches(entry: JournalEntry, ids: readonly string[], fields: readonly string[]): boolean {
  const named = idsNamed(entry, fields);
  return ids.some((id) => named.has(id));
}

/** The ids an entry names: the keys of the records it changes, and the given fields' values in them before and after. */
function idsNamed(entry: JournalEntry, fields: readonly string[]): Set<string> {
  const named = new Set<string>();
  for (const change of entry.changes) {
    named.add(change.key);
    for (const record of [change.before, change.after]) {
      if (record === null) continue;
      for (const field of fields) {
        const value = record[field];
        if (typeof value === 'string') named.add(value);
      }
    }
  }
  return named;
}

/** Every id `entryIsAbout` finds the entry about, for a store that indexes entries by them. */
export function idsAbout(entry: JournalEntry): string[] {
  return [...idsNamed(entry, ABOUT_FIELDS)];
}

/** Every id `entryChanges` finds the entry changing. */
export function idsChanged(entry: JournalEntry): string[] {
  return [...idsNamed(entry, CHANGES_FIELDS)];
}
