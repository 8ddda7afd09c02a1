import type { RequestWork } from './work.js';

/** Items held in one sort at most, so that no single sort holds the event loop for long. */
const RUN = 1 << 14;

/**
 * Sorts `items` in place, as `items.sort(compare)` would (stably), a slice at a time: runs of
 * 16,384 are sorted on their own, then merged pairwise, pausing between runs and within merges
 * (see RequestWork). A million names sort in one go in about a second, which would hold every
 * other request that long.
 */
export async function sortInSlices<T>(items: T[], compare: (a: T, b: T) => number, work: RequestWork): Promise<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += RUN) {
    runs.push(items.slice(start, start + RUN).sort(compare));
    if (work.step(RUN)) await work.pause();
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const a = runs[i]!;
      const b = runs[i + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      const out: T[] = new Array(a.length + b.length);
      let [x, y, k] = [0, 0, 0];
      while (x < a.length && y < b.length) {
        // Ties go to the earlier run, which keeps the sort stable.
        out[k++] = compare(a[x]!, b[y]!) <= 0 ? a[x++]! : b[y++]!;
        if (work.step()) await work.pause();
      }
      while (x < a.length) out[k++] = a[x++]!;
      while (y < b.length) out[k++] = b[y++]!;
      merged.push(out);
    }
    runs = merged;
  }
  const sorted = runs[0] ?? [];
  for (let i = 0; i < sorted.length; i++) items[i] = sorted[i]!;
  return items;
}
