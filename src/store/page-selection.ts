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
  // A max-heap: the root is the worst item kept, the one a better newcomer replaces.
  const heap: T[] = [];
  let remaining = 0;
  const worse = (a: T, b: T) => compare(a, b) > 0;
  for (const item of items) {
    if (work.step()) await work.pause();
    if (isAfter !== null && !isAfter(item)) continue;
    remaining++;
    if (first <= 0) continue;
    if (heap.length < first) {
      heap.push(item);
      siftUp(heap, heap.length - 1, worse);
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      siftDown(heap, 0, heap.length, worse);
    }
  }
  // Pop the worst to the end each time: the array ends up best first.
  for (let end = heap.length - 1; end > 0; end--) {
    const top = heap[0]!;
    heap[0] = heap[end]!;
    heap[end] = top;
    siftDown(heap, 0, end, worse);
  }
  return { items: heap, remaining };
}

function siftUp<T>(heap: T[], at: number, worse: (a: T, b: T) => boolean): void {
  while (at > 0) {
    const parent = (at - 1) >>> 1;
    if (!worse(heap[at]!, heap[parent]!)) break;
    [heap[parent], heap[at]] = [heap[at]!, heap[parent]!];
    at = parent;
  }
}

function siftDown<T>(heap: T[], at: number, end: number, worse: (a: T, b: T) => boolean): void {
  for (;;) {
    const left = 2 * at + 1;
    if (left >= end) return;
    const right = left + 1;
    const child = right < end && worse(heap[right]!, heap[left]!) ? right : left;
    if (!worse(heap[child]!, heap[at]!)) return;
    [heap[child], heap[at]] = [heap[at]!, heap[child]!];
    at = child;
  }
}
