import type { JournalEntry, JournalQuery } from './graph-store.js';

/**
 * Whether a journal entry touches one of the ids: a record with that key (an entity, a source, a
 * relationship, a merged id), a relationship from or to it, a sameAs link of it, or an id merged
 * into it. What `history` and the `about` filter of `changes` and `factsChanged` mean, for every store.
 */
export function entryIsAbout(entry: JournalEntry, ids: readonly string[]): boolean {
  return touches(entry, ids, ['from', 'to', 'entity', 'survivor']);
}

/**
 * Whether a journal entry changes one of the facts or entities itself: its record, a sameAs link of
 * an entity, or an id merged into it. What a fact's `history` lists.
 */
export function entryChanges(entry: JournalEntry, ids: readonly string[]): boolean {
  return touches(entry, ids, ['entity', 'survivor']);
}

/** Whether a query's filters keep an entry (see JournalQuery). */
export function meetsJournalQuery(entry: JournalEntry, query: JournalQuery): boolean {
  if (query.operations && !query.operations.includes(entry.operation)) return false;
  if (query.about && !entryIsAbout(entry, query.about)) return false;
  if (query.subjects && !entryChanges(entry, query.subjects)) return false;
  return true;
}

function touches(entry: JournalEntry, ids: readonly string[], fields: readonly string[]): boolean {
  for (const change of entry.changes) {
    if (ids.includes(change.key)) return true;
    for (const record of [change.before, change.after]) {
      if (record === null) continue;
      for (const field of fields) {
        const value = record[field];
        if (typeof value === 'string' && ids.includes(value)) return true;
      }
    }
  }
  return false;
}
