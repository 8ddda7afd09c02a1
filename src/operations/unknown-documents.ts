import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { DocumentManifest } from './trusted-documents.js';

/** A document run in `allow` mode that the trusted-documents manifest does not hold. */
export interface UnknownDocument {
  /** The request that ran it first (since it was last remembered). */
  requestId: string | undefined;
  /** sha256 (hex) of its text: the key it would have in the manifest. */
  documentHash: string;
  operationName: string | null;
  /** Reports left out by the rate limit since the last report. */
  suppressed: number;
}

export interface UnknownDocumentsOptions {
  manifest: DocumentManifest;
  report: (document: UnknownDocument) => void;
  /** Called for every request that runs an unknown document, reported or not (a metric counts them). */
  count?: () => void;
  /** Most reports in a minute; 60 when omitted. */
  perMinute?: number;
  /** Distinct documents remembered as reported; 10,000 when omitted. */
  remembered?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

const MINUTE_MS = 60_000;

/**
 * Reports each distinct document that is not in the manifest once, with the id of the request
 * that ran it, so an operator can see what `TRUSTED_DOCUMENTS=enforce` would refuse before turning
 * it on. Apollo hashes every document's text (sha256, hex) to look it up in its document store;
 * that hash is the manifest's key, so nothing is hashed twice. Reported hashes are remembered in a
 * bounded LRU, and reports are limited per minute: a flood of new documents costs a count, not a
 * line each; the next report says how many were left out.
 */
export function unknownDocumentsPlugin<TContext extends { requestId?: string | undefined }>(options: UnknownDocumentsOptions): ApolloServerPlugin<TContext> {
  const { manifest, report } = options;
  const perMinute = options.perMinute ?? 60;
  const now = options.now ?? Date.now;
  const reported = new LRUCache<string, true>({ max: options.remembered ?? 10_000 });
  let windowStart = -Infinity;
  let inWindow = 0;
  let suppressed = 0;
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ queryHash, operationName, contextValue }) {
          if (queryHash === undefined || manifest.has(queryHash)) return;
          options.count?.();
          if (reported.has(queryHash)) return;
          const time = now();
          if (time - windowStart >= MINUTE_MS) {
            windowStart = time;
            inWindow = 0;
          }
          if (inWindow >= perMinute) {
            suppressed += 1;
            return;
          }
          inWindow += 1;
          reported.set(queryHash, true);
          report({ requestId: contextValue.requestId, documentHash: queryHash, operationName: operationName ?? null, suppressed });
          suppressed = 0;
        },
      };
    },
  };
}
