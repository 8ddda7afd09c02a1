import { sha256Hex as sha256 } from '../lib/sha256.js';
import { readFileSync } from 'node:fs';
import type { TrustedDocumentsMode } from '../config.js';
import { ErrorCode } from '../errors.js';
import { HttpRefusal } from '../http/refusal.js';

/** Documents a client build ships, by the sha256 (hex) of their text. */
export type DocumentManifest = ReadonlyMap<string, string>;

export interface TrustedDocuments {
  mode: TrustedDocumentsMode;
  manifest: DocumentManifest;
  /** Called once per unknown document hash in `allow` mode. */
  onUnknown?: (hash: string) => void;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * Reads a persisted-documents manifest (codegen's client preset writes one): a JSON object mapping
 * the sha256 of each document to its text. A missing file is an empty manifest unless `required`.
 */
export function loadManifest(path: string, required: boolean): DocumentManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ManifestError(`TRUSTED_DOCUMENTS=enforce needs the persisted-documents manifest, but ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); build it with codegen or set TRUSTED_DOCUMENTS_MANIFEST.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ManifestError(`The persisted-documents manifest ${path} is not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ManifestError(`The persisted-documents manifest ${path} must be a JSON object mapping sha256 hashes to documents.`);
  }
  const manifest = new Map<string, string>();
  for (const [key, document] of Object.entries(parsed)) {
    // Keys are the hash, bare or as `sha256:<hash>` (the client preset's and the GraphQL over HTTP
    // persisted documents appendix's form).
    const hash = key.startsWith('sha256:') ? key.slice('sha256:'.length) : key;
    if (!/^[0-9a-f]{64}$/.test(hash) || typeof document !== 'string') {
      throw new ManifestError(`The persisted-documents manifest ${path} has an entry ${JSON.stringify(key.slice(0, 80))} that is not a sha256 hash mapped to a document.`);
    }
    if (sha256(document) !== hash) {
      throw new ManifestError(`The persisted-documents manifest ${path} maps ${hash} to a document with another hash.`);
    }
    manifest.set(hash, document);
  }
  return manifest;
}

export { sha256 };

/** The GraphQL request parameters that name a document. */
export interface DocumentParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

function persistedQueryHash(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

function withoutPersistedQuery(extensions: unknown): unknown {
  if (typeof extensions !== 'object' || extensions === null) return extensions;
  const { persistedQuery: _persistedQuery, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

const LOGGED_UNKNOWN_LIMIT = 1000;

/**
 * Resolves the document a request names. A `documentId` (`<sha256>` or `sha256:<sha256>`) or an APQ
 * hash found in the manifest becomes the query text. In `enforce` mode anything else is refused;
 * in `allow` mode it passes on unchanged (APQ still works) and unknown documents are reported once.
 * Other members of `params` (variables, operationName) are carried over; `params` itself is
 * returned when nothing changes.
 */
export function resolveTrustedDocument<P extends DocumentParams>(params: P, trusted: TrustedDocuments, loggedUnknown: Set<string>): P {
  if (params.documentId !== undefined) {
    const { documentId, ...rest } = params;
    const hash = typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : '';
    const document = trusted.manifest.get(hash);
    if (document === undefined) {
      throw new HttpRefusal(400, ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND, 'The documentId does not name a document this server trusts; update the client or send a known documentId.');
    }
    return { ...rest, query: document, extensions: withoutPersistedQuery(params.extensions) } as P;
  }
  const apqHash = persistedQueryHash(params.extensions);
  if (apqHash !== undefined && trusted.manifest.has(apqHash)) {
    return { ...params, query: trusted.manifest.get(apqHash), extensions: withoutPersistedQuery(params.extensions) };
  }
  // In allow mode the hash only serves the report of unknown documents: once that is full, a
  // document's text is not hashed here at all.
  const needsHash = trusted.mode === 'enforce' || (trusted.onUnknown !== undefined && loggedUnknown.size < LOGGED_UNKNOWN_LIMIT);
  const queryHash = needsHash && typeof params.query === 'string' ? sha256(params.query) : undefined;
  const known = queryHash !== undefined && trusted.manifest.has(queryHash);
  if (trusted.mode === 'enforce') {
    if (known) return { ...params, extensions: withoutPersistedQuery(params.extensions) };
    if (apqHash !== undefined && params.query === undefined) {
      throw new HttpRefusal(400, ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND, 'The persisted query hash does not name a document this server trusts; update the client or send a known documentId.');
    }
    throw new HttpRefusal(400, ErrorCode.PERSISTED_DOCUMENT_REQUIRED, 'This server runs only trusted documents; send the documentId of a document from the client manifest instead of query text.');
  }
  // Each unknown document is reported once, up to a bound, so a flood of new documents cannot flood the log.
  if (queryHash !== undefined && !known && !loggedUnknown.has(queryHash)) {
    loggedUnknown.add(queryHash);
    trusted.onUnknown?.(queryHash);
  }
  return params;
}
