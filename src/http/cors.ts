import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.js';
import { HttpRefusal } from './refusal.js';

const ALLOWED_HEADERS = 'content-type, accept, apollo-require-preflight, x-apollo-operation-name, x-request-id';

/**
 * CORS by allow-list: a response names the request's Origin only when it is on the list, so a page
 * from any other origin cannot read it. Returns true when the request was a preflight and has
 * been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-request-id');
  }
  if (req.method !== 'OPTIONS') return false;
  if (origin !== undefined && !allowed) {
    throw new HttpRefusal(403, ErrorCode.ORIGIN_NOT_ALLOWED, `The origin ${origin.slice(0, 200)} is not allowed to call this API from a browser.`);
  }
  res.writeHead(204, {
    allow: 'GET, POST, OPTIONS',
    ...(allowed
      ? { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600' }
      : {}),
  });
  res.end();
  return true;
}

/** Whether a browser says the request comes from a page of another site not on the allow-list. */
export function isCrossSiteBrowserRequest(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return false;
  const origin = req.headers.origin;
  return origin === undefined || !allowedOrigins.includes(origin);
}
