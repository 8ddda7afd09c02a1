import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { AnswerSummary } from './request-log.js';

/** A finished answer, as it is written to the client, and what the log line of its request said of it. */
export class CachedResponse {
  private validator: string | undefined;

  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: Buffer,
    readonly summary: AnswerSummary = {},
  ) {}

  /** A strong validator of the body, for ETag and If-None-Match; computed on first use, since POST never needs one. */
  get etag(): string {
    this.validator ??= `"${createHash('sha1').update(this.body).digest('base64url')}"`;
    return this.validator;
  }
}

/** The per-entry cost beyond key and body: the entry object, its headers and the map slot. */
const ENTRY_OVERHEAD = 256;

/** Request directives that tell a cache not to answer from what it holds (RFC 9111, 5.2.1). */
const BYPASS = /\b(no-cache|no-store|max-age=0)\b/i;

/**
 * An HTTP cache in front of the GraphQL pipeline, as a CDN would be: it answers repeats of
 * credential-free requests with the exact bytes the pipeline gave the first time, for the graph
 * version current now. A request that carries credentials (an Authorization header or a cookie)
 * is never answered from it and its answer is never kept, so anything a key decides (who may read,
 * budgets, per-key logs) always runs in the pipeline.
 *
 * A key is everything that decides an answer: the graph's version, the method, the media type
 * asked for, and the body or query string. Only complete successful answers without errors are
 * kept. The cache is bounded by bytes (keys, bodies and a fixed overhead per entry), least
 * recently used out first (lru-cache).
 */
export class HttpCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(readonly maxBytes: number) {
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => key.length * 2 + entry.body.length + ENTRY_OVERHEAD,
    });
  }

  /** The key of a request, or undefined when it carries credentials and must go through the pipeline. */
  keyOf(headers: IncomingHttpHeaders, version: string, method: string, request: string): string | undefined {
    if (headers.authorization !== undefined || headers.cookie !== undefined) return undefined;
    return `${version}\n${method}\n${headers.accept ?? ''}\n${request}`;
  }

  /**
   * Whether the cache may answer a request from what it holds: not when the request asks caches to
   * go to the origin (`Cache-Control: no-cache`, `no-store` or `max-age=0`, or `Pragma: no-cache`),
   * as a client does that must see a write it made through another replica before this one has
   * heard of it, and as browsers and fetch do when they revalidate. The pipeline's answer then
   * replaces the entry, and a matching If-None-Match is still answered 304.
   */
  mayAnswer(headers: IncomingHttpHeaders): boolean {
    return !asksForOrigin(headers['cache-control'], headers.pragma);
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  /** Keeps an answer worth keeping (a success without errors that fits); returns the entry, or undefined. */
  keep(key: string, status: number, headers: Record<string, string>, body: string, summary: AnswerSummary = {}): CachedResponse | undefined {
    if (status !== 200 || hasErrors(body)) return undefined;
    const entry = new CachedResponse(status, headers, Buffer.from(body), summary);
    this.entries.set(key, entry);
    return this.entries.has(key) ? entry : undefined;
  }

  /** What the cache holds now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }
}

/**
 * Whether a request asks caches to go to the origin rather than answer from what they hold:
 * `Cache-Control: no-cache`, `no-store` or `max-age=0`, or `Pragma: no-cache` (RFC 9111, 5.2.1).
 */
export function asksForOrigin(cacheControl: string | undefined, pragma: string | undefined): boolean {
  return BYPASS.test(cacheControl ?? '') || /\bno-cache\b/i.test(pragma ?? '');
}

/** Whether a GraphQL response body has a top-level `errors` entry. */
function hasErrors(body: string): boolean {
  if (!body.includes('"errors"')) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed !== 'object' || parsed === null || 'errors' in parsed;
  } catch {
    return true;
  }
}
