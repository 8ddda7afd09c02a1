import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Access } from '../../src/auth/access.js';
import { Curator, type CurationLimits } from '../../src/curation/curator.js';
import type { WritableGraphStore } from '../../src/store/graph-store.js';
import { LiveMemoryStore } from '../../src/store/live-memory-store.js';
import { openTestStore } from '../postgres/databases.js';
import { accessWith, httpOn, TINY_SEED, TINY_TEXT, type HttpOnOptions, type TestHttp } from '../helpers.js';

/** The keys every living test graph knows: one per role. */
export const KEYS = { reader: 'reader-key-1', curator: 'curator-key-2', admin: 'admin-key-3' } as const;

export const ACCESS_KEYS = [
  { name: 'rita', role: 'reader' as const, key: KEYS.reader },
  { name: 'cora', role: 'curator' as const, key: KEYS.curator },
  { name: 'ada', role: 'admin' as const, key: KEYS.admin },
];

/** A folder holding the tiny fixture's text as `tiny.txt`, as SOURCE_TEXTS_DIR wants it. */
export function tinyTexts(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'entente-texts-'));
  copyFileSync(TINY_TEXT, path.join(dir, 'tiny.txt'));
  return dir;
}

/** The stores a living graph can be kept in: the writable memory store, or PostgreSQL (the suite's server). */
export const STORES = ['memory', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

export interface LivingGraph {
  http: TestHttp;
  store: WritableGraphStore;
  /** The memory store's journal folder (a PostgreSQL store keeps its journal in the database). */
  journalDir: string;
  /** POSTs an operation, with the key of a role or none, and returns status, headers and body. */
  post: (query: string, variables?: Record<string, unknown>, key?: string) => Promise<{ status: number; headers: Headers; body: any }>;
  close: () => Promise<void>;
}

/**
 * The tiny fixture graph, writable, over real HTTP: in memory with a journal in a fresh folder (or
 * the one given), or in a fresh PostgreSQL database loaded with the fixture, its records and its text.
 */
export async function livingGraph(
  options: { store?: StoreKind; journalDir?: string; access?: Partial<Access>; limits?: CurationLimits; http?: HttpOnOptions['http'] } = {},
): Promise<LivingGraph> {
  const journalDir = options.journalDir ?? mkdtempSync(path.join(tmpdir(), 'entente-journal-'));
  // The PostgreSQL store is closed with the test file (openTestStore); the memory store's journal by close().
  const store =
    options.store === 'postgres' ? await openTestStore('living') : await LiveMemoryStore.open({ seedDir: TINY_SEED, sourceTextsDir: tinyTexts(), journalDir, warn: () => {} });
  const curator = new Curator(store, options.limits);
  const http = await httpOn(store, { http: { access: accessWith(ACCESS_KEYS, options.access), curator, ...options.http } });
  const post: LivingGraph['post'] = async (query, variables, key) => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  return {
    http,
    store,
    journalDir,
    post,
    close: async () => {
      await http.close();
      if (store instanceof LiveMemoryStore) await store.close();
    },
  };
}

/** Evidence quoting the tiny fixture's text, with offsets found in it. */
export function tinyEvidence(text: string, quote: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const start = text.indexOf(quote);
  if (start === -1) throw new Error(`the fixture text has no "${quote}"`);
  return { source: 'Source:tiny', quote, start, end: start + quote.length, ...extra };
}
