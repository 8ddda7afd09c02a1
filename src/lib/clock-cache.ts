interface Slot<V> {
  value: V;
  bytes: number;
  /** Set on every hit, cleared when eviction passes the entry over (its second chance). */
  used: boolean;
}

/**
 * A map bounded by bytes that evicts by CLOCK (second chance): an approximation of least recently
 * used that never touches the map on a hit. Moving a hot key to the back on every hit, as an LRU
 * over a JavaScript Map does, piles deleted slots into one hash bucket of a large map; CLOCK only
 * sets a flag. Each entry's size is given when it is stored.
 */
export class ClockCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Stores a value unless it alone is over the bound; evicts what it must to make room. */
  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes) return;
    this.delete(key);
    while (this.bytes + bytes > this.maxBytes) {
      const [oldestKey, oldest] = this.slots.entries().next().value as [string, Slot<V>];
      this.slots.delete(oldestKey);
      if (oldest.used) {
        // Used since it was last passed over: a second chance at the back of the line.
        oldest.used = false;
        this.slots.set(oldestKey, oldest);
      } else {
        this.bytes -= oldest.bytes;
      }
    }
    this.slots.set(key, { value, bytes, used: false });
    this.bytes += bytes;
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.bytes -= slot.bytes;
  }

  /** What the cache holds now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.slots.size, bytes: this.bytes };
  }
}
