import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { Utf8Checker, withoutBom } from '../lib/utf8.js';

export interface ReadLinesOptions {
  /** Sees every chunk of raw bytes as read, so a caller can hash the file without encoding the decoded text again. */
  onBytes?: ((bytes: Buffer) => void) | undefined;
  /** Reads only bytes start to end (exclusive), which must be line starts (see lineStartFrom); numbers lines from there. */
  start?: number;
  end?: number;
}

/**
 * Calls `onLine` with each line of a text file and its number (from 1), blank lines included, until
 * it returns false. Reads large chunks and splits them itself: much faster than node:readline on
 * files of millions of lines. The bytes must be UTF-8 (InvalidUtf8Error names the offset of the
 * first that are not); a byte-order mark at the start of the file is dropped.
 */
export async function readLines(absolutePath: string, onLine: (line: string, number: number) => boolean, options: ReadLinesOptions = {}): Promise<void> {
  const { onBytes, start: from = 0, end: to = Infinity } = options;
  if (to <= from) return;
  let number = 0;
  let rest = '';
  const decoder = new StringDecoder('utf8');
  const checker = new Utf8Checker(from);
  // Whether the decoder may hold the start of a character split across chunks.
  let pending = false;
  let first = from === 0;
  for await (const chunk of createReadStream(absolutePath, { highWaterMark: 1 << 20, start: from, end: to - 1 })) {
    const bytes = chunk as Buffer;
    onBytes?.(bytes);
    // Most seeds are ASCII, which reads as Latin-1 several times faster than UTF-8 decodes.
    const ascii: boolean = !pending && isAscii(bytes);
    checker.check(bytes);
    let text = rest + (ascii ? bytes.toString('latin1') : decoder.write(bytes));
    if (first) {
      text = withoutBom(text);
      first = false;
    }
    pending = !ascii && bytes.length > 0 && bytes[bytes.length - 1]! >= 0x80;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (!onLine(text.slice(start, end), ++number)) return;
      start = end + 1;
    }
    rest = text.slice(start);
  }
  checker.end();
  rest += decoder.end();
  if (rest !== '') onLine(rest, ++number);
}

/** The first line start at or after a byte offset of a file: the offset itself, or just past the next newline, or the file's size. */
export async function lineStartFrom(absolutePath: string, offset: number): Promise<number> {
  if (offset <= 0) return 0;
  const file = await open(absolutePath);
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    // The byte before the offset may itself be the newline that ends the previous line.
    for (let at = offset - 1; ; ) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) return at;
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline !== -1) return at + newline + 1;
      at += bytesRead;
    }
  } finally {
    await file.close();
  }
}

/** The number of lines of a file (the last need not end in a newline): at least its number of records. */
export async function countLines(absolutePath: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(absolutePath, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
    if (bytes.length > 0) last = bytes[bytes.length - 1]!;
  }
  return last === 0x0a ? lines : lines + 1;
}
