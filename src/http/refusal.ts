import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.js';

/** A refusal of an HTTP request before or instead of GraphQL execution. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** A refusal in the shape of a GraphQL response, so every client can read it the same way. */
export function refusalBody(refusal: HttpRefusal): { errors: [{ message: string; extensions: Record<string, unknown> }] } {
  return { errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.extensions } }] };
}

export function sendRefusal(res: ServerResponse, refusal: HttpRefusal): void {
  sendJson(res, refusal.status, refusalBody(refusal), refusal.headers);
}

export const internalFailure = (): HttpRefusal =>
  new HttpRefusal(500, ErrorCode.INTERNAL_SERVER_ERROR, 'The server could not answer this request; the failure has been logged.');
