import { siftDown, siftUp, sortBest } from '../lib/top-k.js';
import type { RequestWork } from '../lib/work.js';

/** What selecting a page found: its items in order, and how many items come after the page's start. */
export interface Selected<T> {
  items: T[];
  /** Items placed after the position the page starts after (all items when it starts at the top). */
  remaining: number;
}

/**
 * The first `first` items of `items` in the order `compare` gives, among those `isAfter` accepts
 * (all when it is null), without sorting the list: one pass keeps the best `first` in a bounded
 * heap, O(n · log first), and pauses when its slice of work is over. A list of a million entities
 * ordered by relationship count gives its first page without sorting the million.
 */
export async function selectPage<T>(items: Iterable<T>, compare: (a: T, b: T) => number, isAfter: ((item: T) => boolean) | null, first: number, work: RequestWork): Promise<Selected<T>> {
  // A bounded heap (src/lib/top-k.ts): the root is the worst item kept, the one a better newcomer replaces.
  const heap: T[] = [];
  let remaining = 0;
  const isBetter = (a: T, b: T) => compare(a, b) < 0;
  for (const item of items) {
    if (work.step()) await work.pause();
    if (isAfter !== null && !isAfter(item)) continue;
    remaining++;
    if (first <= 0) continue;
    if (heap.length < first) {
      heap.push(item);
      siftUp(heap, heap.length - 1, isBetter);
    } else if (isBetter(item, heap[0]!)) {
      heap[0] = item;
      siftDown(heap, 0, heap.length, isBetter);
    }
  }
  return { items: sortBest(heap, isBetter), remaining };
}
