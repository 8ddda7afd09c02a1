import { compareNames } from '../lib/text.js';

/**
 * Names of lowercase ASCII letters, digits and spaces, which generated and slug-like names mostly
 * are. For two such names the English collator's order is their code-unit order (space before
 * digits before letters, nothing ignorable, no case or accent levels), and comparing code units is
 * many times cheaper than asking the collator.
 */
const PLAIN_NAME = /^[a-z0-9 ]*$/;

/**
 * Sorts entities in place by name in English alphabetical order, then by id: the order of
 * compareByNameThenId, computed faster for a list of a million entities.
 */
export function sortByNameThenId<T extends { name: string; id: string }>(list: T[]): void {
  const names = list.map((item) => item.name);
  const isPlain = Uint8Array.from(names, (name) => (PLAIN_NAME.test(name) ? 1 : 0));
  const order = Int32Array.from(list.keys());
  order.sort((i, j) => {
    const a = names[i]!;
    const b = names[j]!;
    const byName = isPlain[i]! & isPlain[j]! ? (a < b ? -1 : a > b ? 1 : 0) : compareNames(a, b);
    if (byName !== 0) return byName;
    const x = list[i]!.id;
    const y = list[j]!.id;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const sorted = Array.from(order, (i) => list[i]!);
  for (let i = 0; i < sorted.length; i++) list[i] = sorted[i]!;
}
