import { compareNames } from '../lib/text.js';
import type { Position } from './query.js';

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
