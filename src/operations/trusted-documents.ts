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

/**
 * Resolves the document a request names. A `documentId` (`<sha256>` or `sha256:<sha256>`) or an APQ
 * hash found in the manifest becomes the query text. In `enforce` mode anything else is refused;
 * in `allow` mode it passes on unchanged (APQ still works; unknown documents are reported by
 * src/operations/unknown-documents.ts, from the hash Apollo makes anyway).
 * Other members of `params` (variables, operationName) are carried over; `params` itself is
 * returned when nothing changes.
 */
export function resolveTrustedDocument<P extends DocumentParams>(params: P, trusted: TrustedDocuments): P {
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
  if (trusted.mode !== 'enforce') return params;
  const queryHash = typeof params.query === 'string' ? sha256(params.query) : undefined;
  if (queryHash !== undefined && trusted.manifest.has(queryHash)) return { ...params, extensions: withoutPersistedQuery(params.extensions) };
  if (apqHash !== undefined && params.query === undefined) {
    throw new HttpRefusal(400, ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND, 'The persisted query hash does not name a document this server trusts; update the client or send a known documentId.');
  }
  throw new HttpRefusal(400, ErrorCode.PERSISTED_DOCUMENT_REQUIRED, 'This server runs only trusted documents; send the documentId of a document from the client manifest instead of query text.');
}
