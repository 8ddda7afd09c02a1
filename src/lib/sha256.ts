import { createHash } from 'node:crypto';

/** The last text hashed and its hash: a request's document is hashed for trusted documents, then for the document store. */
let lastText: string | undefined;
let lastHash = '';

/** The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hexadecimal digits. */
export function sha256Hex(text: string): string {
  if (text === lastText) return lastHash;
  lastHash = createHash('sha256').update(text, 'utf8').digest('hex');
  lastText = text;
  return lastHash;
}
