/** Int32 words per slot: hash, index + 1, length (with FULL_COMPARE), then the id's last characters. */
const SLOT_WORDS = 12;
const HEAD_WORDS = 3;
/** Characters held in a slot, four Latin-1 characters to a word. */
const INLINE_CHARS = (SLOT_WORDS - HEAD_WORDS) * 4;
/** Set on a slot's length when its id must be compared as a string: too long, or beyond Latin-1. */
const FULL_COMPARE = 1 << 30;

/** FNV-1a over UTF-16 code units, with a final mix so the low bits (the slot) depend on every character. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 13);
}

/** Four characters from `start` packed in one word, one byte each: exact for Latin-1 text. */
function packWord(id: string, start: number): number {
  return (id.charCodeAt(start) | 0) | ((id.charCodeAt(start + 1) | 0) << 8) | ((id.charCodeAt(start + 2) | 0) << 16) | ((id.charCodeAt(start + 3) | 0) << 24);
}

function isLatin1(id: string): boolean {
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Numbers ids 0, 1, 2, … in the order they are added, and finds an id's number again. A seed of a
 * million entities and three million relationships looks ids up seven million times, and a Map
 * of a million strings costs several cache misses per look-up (bucket, entry, the key string).
 * Here a slot holds the id's hash, number, length and (up to 36) characters side by side in one
 * typed array, so a look-up usually reads one slot and never the key string; longer ids and ids
 * beyond Latin-1 are compared as strings.
 */
export class IdIndex {
  private readonly list: string[] = [];
  /** Open addressing with linear probing, never more than half full; a slot with index 0 is empty. */
  private slots = new Int32Array(1024 * SLOT_WORDS);

  /** `hash` is replaceable so tests can make every id collide and exercise the comparisons. */
  constructor(private readonly hash: (id: string) => number = hashId) {}

  /** Every id, by number. */
  get ids(): readonly string[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** The number of an id, or undefined for an id never added. */
  get(id: string): number | undefined {
    const slots = this.slots;
    const mask = slots.length / SLOT_WORDS - 1;
    const hash = this.hash(id);
    const inline = id.length <= INLINE_CHARS && isLatin1(id);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_WORDS;
      const stored = slots[at + 1]!;
      if (stored === 0) return undefined;
      if (slots[at] !== hash) continue;
      const length = slots[at + 2]!;
      if (inline ? length === id.length && this.matchesInline(at, id) : (length & ~FULL_COMPARE) === id.length && this.list[stored - 1] === id) return stored - 1;
    }
  }

  /**
   * Makes room for `count` ids in all at once, for a caller that knows how many are coming: growing
   * a table of millions step by step copies it over and over, and on a busy machine the fresh pages
   * cost more still.
   */
  reserve(count: number): void {
    let slots = this.slots.length / SLOT_WORDS;
    while (2 * count > slots) slots *= 2;
    if (slots === this.slots.length / SLOT_WORDS) return;
    if (this.list.length > 0) throw new Error('IdIndex.reserve: only an empty index can be sized');
    this.slots = new Int32Array(slots * SLOT_WORDS);
  }

  /** Adds an id not added before and returns its number. */
  add(id: string): number {
    const index = this.list.length;
    this.list.push(id);
    if (2 * this.list.length > this.slots.length / SLOT_WORDS) this.grow();
    this.place(this.slots, this.hash(id), index);
    return index;
  }

  private matchesInline(at: number, id: string): boolean {
    for (let start = 0, word = at + HEAD_WORDS; start < id.length; start += 4, word++) {
      if (this.slots[word] !== packWord(id, start)) return false;
    }
    return true;
  }

  private place(slots: Int32Array, hash: number, index: number): void {
    const mask = slots.length / SLOT_WORDS - 1;
    let slot = hash & mask;
    while (slots[slot * SLOT_WORDS + 1] !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT_WORDS;
    const id = this.list[index]!;
    slots[at] = hash;
    slots[at + 1] = index + 1;
    if (id.length <= INLINE_CHARS && isLatin1(id)) {
      slots[at + 2] = id.length;
      for (let start = 0, word = at + HEAD_WORDS; start < id.length; start += 4, word++) slots[word] = packWord(id, start);
    } else {
      slots[at + 2] = id.length | FULL_COMPARE;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / SLOT_WORDS - 1;
    for (let at = 0; at < old.length; at += SLOT_WORDS) {
      if (old[at + 1] === 0) continue;
      let slot = old[at]! & mask;
      while (slots[slot * SLOT_WORDS + 1] !== 0) slot = (slot + 1) & mask;
      for (let word = 0; word < SLOT_WORDS; word++) slots[slot * SLOT_WORDS + word] = old[at + word]!;
    }
    this.slots = slots;
  }
}
