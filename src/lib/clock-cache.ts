import { Doorkeeper } from './doorkeeper.js';

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
 *
 * `set` always stores. With `expectedEntryBytes`, `offer` stores a key only the second time it is
 * offered (a Doorkeeper sized for the entries that fit remembers the first): a stream of values
 * that never come back, such as answers to documents sent once, then no longer churns the cache
 * and the garbage collector's old generation, at the cost of one more miss for each value that
 * does come back.
 */
export class ClockCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private bytes = 0;
  private readonly doorkeeper: Doorkeeper | undefined;

  constructor(
    readonly maxBytes: number,
    expectedEntryBytes?: number,
  ) {
    if (expectedEntryBytes !== undefined) this.doorkeeper = new Doorkeeper(Math.max(1024, Math.ceil(maxBytes / expectedEntryBytes)));
  }

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Stores a value as `set` does, unless the doorkeeper has not seen its key before. Returns whether it is kept. */
  offer(key: string, value: V, bytes: number): boolean {
    return this.admits(key) && this.set(key, value, bytes);
  }

  /**
   * Whether `offer` would store a value under `key` now: the key is held, or the doorkeeper has
   * seen it before (it remembers the key either way). Lets a caller skip building a value that
   * would not be kept.
   */
  admits(key: string): boolean {
    return !this.doorkeeper || this.slots.has(key) || this.doorkeeper.seenBefore(key);
  }

  /** Stores a value unless it alone is over the bound; evicts what it must to make room. Returns whether it is kept. */
  set(key: string, value: V, bytes: number): boolean {
    if (bytes > this.maxBytes) return false;
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
    return true;
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
