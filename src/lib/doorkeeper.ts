/** Bits per remembered key and probes per key: about 1 % of new keys look seen. */
const BITS_PER_KEY = 10;
const PROBES = 3;

/** FNV-1a over a string's UTF-16 code units: fast, and spread well enough for a Bloom filter. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Which keys were offered recently, remembered approximately in a fixed number of bits: the
 * doorkeeper of TinyLFU (Einziger, Friedman and Manes), a Bloom filter cleared whenever it has
 * taken in `capacity` new keys. A cache asks it before keeping a value, and keeps only what it
 * has been offered before, so one-off requests (a new document every time) pass through without
 * being copied into the old generation, only to be evicted later. A key it forgets, or a new key
 * that looks seen (about 1 %), costs one extra miss or one entry kept early; never a wrong answer.
 */
export class Doorkeeper {
  private readonly bits: Uint32Array;
  private readonly size: number;
  private added = 0;

  constructor(private readonly capacity: number) {
    this.size = Math.max(64, Math.ceil(capacity * BITS_PER_KEY));
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  /** Whether `key` was offered since the filter was last cleared; it is remembered either way. */
  seenBefore(key: string): boolean {
    const first = fnv1a(key);
    // Double hashing (Kirsch and Mitzenmacher): probe i is first + i * step.
    const step = (Math.imul(first ^ (first >>> 16), 0x45d9f3b) >>> 0) | 1;
    let seen = true;
    for (let i = 0; i < PROBES; i++) {
      const bit = ((first + i * step) >>> 0) % this.size;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((this.bits[word]! & mask) === 0) {
        seen = false;
        this.bits[word]! |= mask;
      }
    }
    if (!seen && ++this.added >= this.capacity) {
      this.bits.fill(0);
      this.added = 0;
    }
    return seen;
  }
}
