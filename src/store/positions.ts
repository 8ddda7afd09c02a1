import { foreignCursor } from '../lib/connection.js';
import { compareNames } from '../lib/text.js';
import type { Ordering, Position, RelationshipPageRequest } from './query.js';

export type SortKey = string | number | null;

/**
 * Compares two sort keys of one ordering: numbers by value, texts in English alphabetical order,
 * and a missing key (null) after every present one whichever the direction.
 */
export function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : compareNames(String(a), String(b));
  return descending ? -order : order;
}

/** Ids break the last ties by code unit, so no order is ever left to chance. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How each slot of a position compares: `asc`/`desc` as a sort key, `id` by code unit. A position is
 * compared slot by slot, the first difference deciding.
 */
export type SlotOrder = 'asc' | 'desc' | 'id';

export function comparePositions(a: Position, b: Position, slots: readonly SlotOrder[]): number {
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const order = slot === 'id' ? compareIds(String(a[i]), String(b[i])) : compareKeys(a[i] ?? null, b[i] ?? null, slot === 'desc');
    if (order !== 0) return order;
  }
  return 0;
}

/** The index of the first item of a sorted list placed after `after` (0 when there is none). */
export function firstAfter<T>(sorted: readonly T[], after: Position | null, positionOf: (item: T) => Position, slots: readonly SlotOrder[]): number {
  if (after === null) return 0;
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePositions(positionOf(sorted[middle]!), after, slots) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** What a slot of a position holds: a text, a number, or a date's first day (a text, or null when missing). */
export type KeyKind = 'text' | 'number' | 'date';

/**
 * Refuses a position whose keys are not of the kinds this list's positions hold, as
 * BAD_USER_INPUT: only a cursor made by hand has them, and no store can place it.
 */
export function checkPosition(after: Position | null, kinds: readonly KeyKind[]): void {
  if (after === null) return;
  const fits = after.length === kinds.length && kinds.every((kind, i) => {
    const key = after[i];
    return kind === 'number' ? typeof key === 'number' : typeof key === 'string' || (kind === 'date' && key === null);
  });
  if (!fits) throw foreignCursor();
}

/** The kinds of an entity list's positions: the orderings' keys, then name and id. */
export function entityPositionKinds(orderBy: readonly Ordering[]): KeyKind[] {
  return [...orderBy.map(({ key }): KeyKind => (key.by === 'name' ? 'text' : key.by === 'date' ? 'date' : 'number')), 'text', 'text'];
}

/** The kinds of a relationship list's positions (see RelationshipPageRequest). */
export function relationshipPositionKinds(orderBy: RelationshipPageRequest['orderBy']): KeyKind[] {
  if (orderBy.length === 0) return ['number', 'number'];
  return [...orderBy.map(({ key }): KeyKind => (key.by === 'name' ? 'text' : 'number')), 'text', 'text', 'number', 'number'];
}

/** The kinds of a timeline position: first day, precision, name, kind, id. */
export const TIMELINE_POSITION_KINDS: readonly KeyKind[] = ['text', 'number', 'text', 'number', 'text'];

/** The kinds of a group position: size, name or value, key. */
export const GROUP_POSITION_KINDS: readonly KeyKind[] = ['number', 'text', 'text'];

/** The kinds of a fact position: where its evidence starts and ends, subject id, kind, attribute. */
export const FACT_POSITION_KINDS: readonly KeyKind[] = ['number', 'number', 'text', 'text', 'text'];
