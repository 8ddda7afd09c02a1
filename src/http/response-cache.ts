import { createHash } from 'node:crypto';

export interface CachedResponse {
  status: number;
  /** Set on every hit, cleared when eviction passes the entry over (second chance). */
  used?: boolean;
  headers: Record<string, string>;
  body: Buffer;
  /** A strong validator of the body, for ETag and If-None-Match. */
  etag: string;
}

/** The per-entry cost beyond key and body: the entry object, its headers and the map slot. */
const ENTRY_OVERHEAD = 256;

/**
 * Finished GraphQL responses by request, for a graph that never changes while it is served. A key
 * is the exact request that decides the answer (method, the media type asked for, the body or the
 * query string) prefixed with the graph's version, so an answer can only be served for the same
 * request against the same graph. Only complete, successful answers without errors are kept. The
 * cache is bounded by bytes (keys, bodies and a fixed overhead per entry). Eviction is CLOCK
 * (second chance), which approximates least-recently-used without touching the map on a hit: moving
 * the same hot key on every hit would pile deleted slots into one hash bucket of a large map.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxBytes: number,
    private readonly version: string,
  ) {}

  /** The key of a request: everything that can change the answer, and nothing else. */
  key(method: string, accept: string, request: string): string {
    return `${this.version}\n${method}\n${accept}\n${request}`;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    entry.used = true;
    return entry;
  }

  /** Keeps an answer if it is worth keeping and fits; returns the entry as it would be served. */
  set(key: string, status: number, headers: Record<string, string>, body: string): CachedResponse {
    const buffer = Buffer.from(body);
    const entry: CachedResponse = { status, headers, body: buffer, etag: `"${createHash('sha1').update(buffer).digest('base64url')}"` };
    if (status !== 200 || hasErrors(body)) return entry;
    const size = this.sizeOf(key, entry);
    if (size > this.maxBytes) return entry;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= this.sizeOf(key, previous);
    }
    while (this.bytes + size > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, CachedResponse];
      this.entries.delete(oldestKey);
      if (oldest.used) {
        // Used since it was last passed over: a second chance at the back of the line.
        oldest.used = false;
        this.entries.set(oldestKey, oldest);
      } else {
        this.bytes -= this.sizeOf(oldestKey, oldest);
      }
    }
    this.entries.set(key, entry);
    this.bytes += size;
    return entry;
  }

  /** What the cache holds now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private sizeOf(key: string, entry: CachedResponse): number {
    return key.length * 2 + entry.body.length + ENTRY_OVERHEAD;
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
