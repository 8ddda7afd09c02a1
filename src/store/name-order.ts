import { compareByNameThenId, compareNames } from '../lib/text.js';

/**
 * Names of lowercase ASCII letters, digits and spaces, which generated and slug-like names mostly
 * are. For two such names the English collator's order is their code-unit order (space before
 * digits before letters, nothing ignorable, no case or accent levels), and comparing code units is
 * many times cheaper than asking the collator.
 */
const PLAIN_NAME = /^[a-z0-9 ]*$/;

function comparePlainNamesThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Sorts entities in place by name in English alphabetical order, then by id: the order of
 * compareByNameThenId, computed faster for a list of a million entities. Plain names are sorted by
 * code unit, the rest with the collator, and the two runs merged with the collator.
 */
export function sortByNameThenId<T extends { name: string; id: string }>(list: T[]): void {
  const plain: T[] = [];
  const other: T[] = [];
  for (const item of list) (PLAIN_NAME.test(item.name) ? plain : other).push(item);
  plain.sort(comparePlainNamesThenId);
  other.sort(compareByNameThenId);
  let [i, j, k] = [0, 0, 0];
  while (i < plain.length && j < other.length) list[k++] = compareByNameThenId(plain[i]!, other[j]!) <= 0 ? plain[i++]! : other[j++]!;
  while (i < plain.length) list[k++] = plain[i++]!;
  while (j < other.length) list[k++] = other[j++]!;
}

/**
 * Names that folding leaves as they are (lowercase ASCII words joined by single spaces): a name
 * lookup for one of them can search a list sorted by sortByNameThenId instead of a map.
 */
const FOLDED_NAME = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

export function isFoldedName(name: string): boolean {
  return FOLDED_NAME.test(name);
}

/** The items named exactly `name` in a list sorted by sortByNameThenId, found by binary search. */
export function findNamed<T extends { name: string; id: string }>(sorted: readonly T[], name: string): T[] {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNames(sorted[middle]!.name, name) < 0) low = middle + 1;
    else high = middle;
  }
  const found: T[] = [];
  // The collator may call other strings equal (ignorable characters): keep exact matches only.
  for (let i = low; i < sorted.length && compareNames(sorted[i]!.name, name) === 0; i++) if (sorted[i]!.name === name) found.push(sorted[i]!);
  return found;
}
