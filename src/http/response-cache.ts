import { createHash } from 'node:crypto';
import { ClockCache } from '../lib/clock-cache.js';

/** A finished answer, as it is written to the client. */
export class CachedResponse {
  private validator: string | undefined;

  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: Buffer,
  ) {}

  /** A strong validator of the body, for ETag and If-None-Match; computed on first use, since POST never needs one. */
  get etag(): string {
    this.validator ??= `"${createHash('sha1').update(this.body).digest('base64url')}"`;
    return this.validator;
  }
}

/** The per-entry cost beyond key and body: the entry object, its headers and the map slot. */
const ENTRY_OVERHEAD = 256;
/** What an entry typically takes, to size the doorkeeper that keeps one-off answers out. */
const TYPICAL_ENTRY_BYTES = 2048;

/**
 * Finished GraphQL responses by request, for a graph that never changes while it is served. A key
 * is the exact request that decides the answer (method, the media type asked for, the body or the
 * query string) prefixed with the graph's version, so an answer can only be served for the same
 * request against the same graph. Only complete, successful answers without errors are kept, and
 * only from the second time their request is seen: one-off requests are answered but not kept.
 * The cache is bounded by bytes (keys, bodies and a fixed overhead per entry) and evicts by CLOCK.
 */
export class ResponseCache {
  private readonly entries: ClockCache<CachedResponse>;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxBytes: number,
    private readonly version: string,
  ) {
    this.entries = new ClockCache(maxBytes, TYPICAL_ENTRY_BYTES);
  }

  /** The key of a request: everything that can change the answer, and nothing else. */
  key(method: string, accept: string, request: string): string {
    return `${this.version}\n${method}\n${accept}\n${request}`;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) this.misses += 1;
    else this.hits += 1;
    return entry;
  }

  /**
   * Keeps an answer if it is worth keeping (a success without errors, to a request seen before)
   * and fits. Returns the entry kept, or undefined: an answer sent once is written as it is,
   * without being copied into an entry.
   */
  keep(key: string, status: number, headers: Record<string, string>, body: string): CachedResponse | undefined {
    if (status !== 200 || hasErrors(body) || !this.entries.admits(key)) return undefined;
    const entry = new CachedResponse(status, headers, Buffer.from(body));
    return this.entries.set(key, entry, key.length * 2 + entry.body.length + ENTRY_OVERHEAD) ? entry : undefined;
  }

  /** What the cache holds now. */
  get size(): { entries: number; bytes: number } {
    return this.entries.size;
  }
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
