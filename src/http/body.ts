import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors.js';
import { HttpRefusal } from './refusal.js';

const tooLarge = (maxBytes: number) =>
  new HttpRefusal(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than the limit of ${maxBytes} bytes.`, {}, { limit: maxBytes });

/** One strict decoder for every body: decoding a whole buffer keeps no state between calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the body up to a byte cap, refusing more without buffering it, and decodes it as UTF-8. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Stop reading: the connection is closed after the refusal instead of draining a huge body.
    req.pause();
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        req.removeAllListeners('data');
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(UTF8.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      } catch {
        reject(new HttpRefusal(400, ErrorCode.BAD_REQUEST, 'The request body is not valid UTF-8.'));
      }
    });
    req.on('error', reject);
  });
}

const PLAIN_JSON = { essence: 'application/json', charset: null };

/** The media type of a Content-Type header without parameters, lower case; null when absent. */
function mediaType(contentType: string | undefined): { essence: string; charset: string | null } | null {
  if (contentType === 'application/json') return PLAIN_JSON;
  if (contentType === undefined || contentType.trim() === '') return null;
  const [essence = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  const charset = parameters.map((p) => /^charset\s*=\s*"?([^";]*)"?$/i.exec(p)?.[1]).find((c) => c !== undefined) ?? null;
  return { essence: essence.toLowerCase(), charset: charset?.toLowerCase() ?? null };
}

/**
 * Checks that a POST declares a JSON body in UTF-8: GraphQL over HTTP requires application/json
 * (and a form or text body is what a browser can send cross-site without a preflight).
 */
export function assertJsonContentType(contentType: string | undefined): void {
  const type = mediaType(contentType);
  if (type === null || type.essence !== 'application/json') {
    throw new HttpRefusal(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `A POST to /graphql must have the content type application/json${type ? `, not ${type.essence}` : ''}.`,
      { accept: 'application/json' },
    );
  }
  if (type.charset !== null && type.charset !== 'utf-8' && type.charset !== 'utf8') {
    throw new HttpRefusal(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, `The request body must be UTF-8, not ${type.charset}.`);
  }
}

/** Parses a JSON request body; a batch (an array of operations) is refused. */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (Array.isArray(body)) {
    throw new HttpRefusal(400, ErrorCode.BATCHING_NOT_SUPPORTED, 'Batched operations are not supported; send one operation per request.', {}, { limit: 1 });
  }
  return body;
}
