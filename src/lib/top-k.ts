/**
 * The `k` items of `items[0..count)` with the highest `score[item]`, best first; equal scores in
 * ascending item order. A bounded heap: O(count · log k) time and O(k) memory, so the first page
 * of a million results does not sort the million, and most items, scoring below the worst kept,
 * are turned away by one comparison.
 */
export function topByScore(items: ArrayLike<number>, count: number, k: number, score: Float64Array): number[] {
  const isBetter = (a: number, b: number) => score[a]! > score[b]! || (score[a] === score[b] && a < b);
  const size = Math.min(k, count);
  if (size <= 0) return [];
  // A min-heap by quality: the root is the worst item kept, the one a better newcomer replaces.
  const heap: number[] = [];
  for (let i = 0; i < size; i++) {
    heap.push(items[i]!);
    siftUp(heap, i, isBetter);
  }
  for (let i = size; i < count; i++) {
    const item = items[i]!;
    const worst = heap[0]!;
    if (score[item]! < score[worst]! || (score[item] === score[worst] && item > worst)) continue;
    heap[0] = item;
    siftDown(heap, 0, size, isBetter);
  }
  return sortBest(heap, isBetter);
}

/*
 * A bounded heap whose root is the worst item kept, the one a better newcomer replaces, for any
 * item type: `isBetter(a, b)` says a comes before b. topByScore and the store's page selection
 * (src/store/page-selection.ts) keep their best items in one.
 */

/** Sorts such a heap best first, in place, and returns it. */
export function sortBest<T>(heap: T[], isBetter: (a: T, b: T) => boolean): T[] {
  // Pop the worst to the end each time: the array ends up best first.
  for (let end = heap.length - 1; end > 0; end--) {
    const worst = heap[0]!;
    heap[0] = heap[end]!;
    heap[end] = worst;
    siftDown(heap, 0, end, isBetter);
  }
  return heap;
}

/** Moves the item at `at` towards the root while it is worse than its parent. */
export function siftUp<T>(heap: T[], at: number, isBetter: (a: T, b: T) => boolean): void {
  while (at > 0) {
    const parent = (at - 1) >>> 1;
    if (!isBetter(heap[parent]!, heap[at]!)) break;
    swap(heap, parent, at);
    at = parent;
  }
}

/** Moves the item at `at` away from the root, within `heap[0..end)`, while a child is worse. */
export function siftDown<T>(heap: T[], at: number, end: number, isBetter: (a: T, b: T) => boolean): void {
  for (;;) {
    const left = 2 * at + 1;
    if (left >= end) return;
    const right = left + 1;
    const worse = right < end && isBetter(heap[left]!, heap[right]!) ? right : left;
    if (!isBetter(heap[at]!, heap[worse]!)) return;
    swap(heap, at, worse);
    at = worse;
  }
}

function swap<T>(heap: T[], a: number, b: number): void {
  const item = heap[a]!;
  heap[a] = heap[b]!;
  heap[b] = item;
}
