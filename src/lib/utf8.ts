import { isAscii, isUtf8 } from 'node:buffer';

/** A text file that is not valid UTF-8; `byteOffset` is where its first bad sequence starts. */
export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`is not valid UTF-8: the bytes at offset ${byteOffset} are not a UTF-8 character; save the file as UTF-8`);
  }
}

const BOM = '\uFEFF';

/** A text without the byte-order mark some editors put at the start of a UTF-8 file. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** How many bytes a sequence starting with `lead` has, or 0 when `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The bounds of the second byte, which exclude overlong forms, surrogates and code points past U+10FFFF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * The offset of the first byte that does not begin a valid UTF-8 sequence, or -1 when all are
 * valid. With `partialEnd`, a sequence cut short by the end of `bytes` is not an error: the caller
 * has the rest in its next chunk.
 */
export function invalidUtf8Offset(bytes: Uint8Array, partialEnd = false): number {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes[i]!);
    if (length === 0) return i;
    if (length === 1) {
      i += 1;
      continue;
    }
    const [low, high] = secondByteRange(bytes[i]!);
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return partialEnd ? -1 : i;
      const byte = bytes[i + k]!;
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) return i;
    }
    i += length;
  }
  return -1;
}

/** How many bytes at the end of `bytes` start a sequence that continues past it (0 to 3). */
function partialTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

/**
 * Checks a byte stream chunk by chunk and throws InvalidUtf8Error at the first bad sequence, with
 * its offset in the whole stream. A sequence split between chunks is carried over.
 */
export class Utf8Checker {
  private carry: Uint8Array = new Uint8Array(0);

  constructor(private offset = 0) {}

  check(chunk: Uint8Array): void {
    if (this.carry.length === 0 && isAscii(chunk)) {
      this.offset += chunk.length;
      return;
    }
    const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const start = this.offset - this.carry.length;
    const tail = partialTail(bytes);
    const whole = bytes.subarray(0, bytes.length - tail);
    // The native check is fast; the byte walk only runs to find where a bad file goes wrong.
    if (!isUtf8(whole)) throw new InvalidUtf8Error(start + invalidUtf8Offset(whole));
    this.carry = bytes.slice(bytes.length - tail);
    this.offset += chunk.length;
  }

  /** At the end of the stream: a sequence still open is cut short. */
  end(): void {
    if (this.carry.length > 0) throw new InvalidUtf8Error(this.offset - this.carry.length);
  }
}

/** Decodes a whole file's bytes strictly: invalid UTF-8 throws, a leading byte-order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new InvalidUtf8Error(invalidUtf8Offset(bytes));
  return withoutBom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}
