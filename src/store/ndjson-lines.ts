import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Calls `onLine` with each line of a text file and its number (from 1), blank lines included, until
 * it returns false. `onBytes` sees every chunk of raw bytes as read, so a caller can hash the file
 * without encoding the decoded text again. Reads large chunks and splits them itself: much faster
 * than node:readline on files of millions of lines.
 */
export async function readLines(absolutePath: string, onLine: (line: string, number: number) => boolean, onBytes?: (bytes: Buffer) => void): Promise<void> {
  let number = 0;
  let rest = '';
  const decoder = new StringDecoder('utf8');
  // Whether the decoder may hold the start of a character split across chunks.
  let pending = false;
  for await (const chunk of createReadStream(absolutePath, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    onBytes?.(bytes);
    // Most seeds are ASCII, which reads as Latin-1 several times faster than UTF-8 decodes.
    const ascii: boolean = !pending && isAscii(bytes);
    const text = rest + (ascii ? bytes.toString('latin1') : decoder.write(bytes));
    pending = !ascii && bytes.length > 0 && bytes[bytes.length - 1]! >= 0x80;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (!onLine(text.slice(start, end), ++number)) return;
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') onLine(rest, ++number);
}
