import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { parse, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { ClockCache } from '../lib/clock-cache.js';
import { sha256Hex } from '../lib/sha256.js';
import { createPlainValidator, type PlainLimits, type PlainVerdict } from './plain-validation.js';
import { createValidator } from './validate.js';

/**
 * Bytes a parsed document holds per character of its text: its AST with locations, which keep
 * every token alive. Measured on graphql 16.15 with the benchmark's documents: 75 to 80.
 */
const BYTES_PER_CHARACTER = 80;
const ENTRY_OVERHEAD = 256;
/** What a kept document typically takes (a 100-character document), to size the doorkeeper. */
const TYPICAL_ENTRY_BYTES = 8192;

/** What admitting a document did: it was kept already, is kept now, or is left to Apollo (refused, or the store is off). */
export type Admission = 'known' | 'admitted' | 'refused' | 'off';

/** What `admit` did with a document, and the document when it passed. */
export interface Admitted {
  admission: Admission;
  /** The parsed document; without source locations unless `admit` was asked for them. */
  document?: DocumentNode;
  /** The key the document is kept under: the SHA-256 of its text. */
  hash?: string;
  /** The document's text, to parse it again with locations when Apollo is to run it. */
  text?: string;
  /** What the plain validator learned about the document (its operations' costs), when it passed it. */
  verdict?: PlainVerdict;
}

/** A kept document, with what the plain validator learned about it. */
interface Kept {
  document: DocumentNode;
  verdict: PlainVerdict | undefined;
}

export interface DocumentStoreOptions {
  schema: GraphQLSchema;
  /** Every rule Apollo validates with: graphql-js's specified rules followed by ours. */
  rules: readonly ValidationRule[];
  /** The parser's token limit, as Apollo applies it. */
  maxTokens: number;
  /**
   * The limits `rules` enforce, when `rules` are exactly those `createGraphQLServer` validates
   * with; plain documents are then judged by `createPlainValidator` before the full validator.
   */
  plainLimits?: PlainLimits;
  maxBytes: number;
}

/**
 * Parsed documents that passed validation, by the SHA-256 of their text: Apollo's document store.
 * Apollo parses and validates a document only when its store does not hold it, so the HTTP route
 * admits each new document here first, parsed and checked by a validator from `createValidator`,
 * which runs the same rules as Apollo in a fraction of the time. A document that fails is not
 * admitted: Apollo then validates it itself and reports every error in its usual words, so what a
 * client sees never depends on this store. Apollo also stores what it validated, so documents that
 * arrive without text (persisted queries) are kept too. A document admitted for the first time is
 * kept only if the route hands it to Apollo; one the route answers itself is kept from the second
 * time it comes (see ClockCache.offer), so one sent once is checked, answered and forgotten.
 * Documents the route answers itself are parsed without source locations; Apollo is only ever
 * given a document with them, so its errors point at the right line and column.
 *
 * Apollo prefixes its keys with the schema's hash; one store serves one schema, so entries are kept
 * under the query's hash alone.
 */
export class DocumentStore implements KeyValueCache<DocumentNode> {
  private readonly documents: ClockCache<Kept>;
  private readonly passesValidation: (document: DocumentNode) => boolean;
  private readonly plainPasses: ((document: DocumentNode) => PlainVerdict | undefined) | undefined;

  constructor(private readonly options: DocumentStoreOptions) {
    this.documents = new ClockCache(options.maxBytes, TYPICAL_ENTRY_BYTES);
    this.passesValidation = createValidator(options.schema, options.rules);
    this.plainPasses = options.plainLimits ? createPlainValidator(options.schema, options.plainLimits) : undefined;
  }

  /**
   * Parses and validates a document not seen before, and keeps it if it passes and was offered
   * before. Returns what it did and, unless the document was refused, the parsed document and the
   * hash it is kept under.
   *
   * Source locations are needed only to point at a place in an error; an answer the direct path
   * gives has none. Parsing without them takes about a third of the time (4.9 against 14 µs for
   * a small query) and leaves far less garbage, so they are made only when asked for
   * (`locations`, when Apollo will run the document anyway) or when Apollo is about to run it
   * (`keep`).
   */
  admit(query: string, locations = false): Admitted {
    if (this.options.maxBytes === 0) return { admission: 'off' };
    const hash = sha256Hex(query);
    const known = this.documents.get(hash);
    if (known !== undefined) return { admission: 'known', document: known.document, hash, text: query, verdict: known.verdict };
    let kept: Kept | undefined;
    try {
      const document = parse(query, { maxTokens: this.options.maxTokens, noLocation: !locations });
      const verdict = this.plainPasses?.(document);
      if (verdict !== undefined || this.passesValidation(document)) kept = { document, verdict };
    } catch {
      // A syntax error, or anything a rule threw: Apollo meets it again and answers it as it always does.
    }
    if (kept === undefined) return { admission: 'refused' };
    this.documents.offer(hash, kept, sizeOf(query.length));
    return { admission: 'admitted', document: kept.document, hash, text: query, verdict: kept.verdict };
  }

  /**
   * Makes sure a document just admitted is kept with its source locations, as Apollo is about to
   * look for it and may have errors to place: kept as it is when it has them, parsed again (it
   * passed once; validation is not repeated) when it has not.
   */
  keep(admitted: Admitted): void {
    const { document, hash, text, verdict } = admitted;
    if (!document || !hash || text === undefined) return;
    if (this.documents.get(hash)?.document.loc !== undefined) return;
    const located = document.loc !== undefined ? document : parse(text, { maxTokens: this.options.maxTokens });
    this.documents.set(hash, { document: located, verdict }, sizeOf(text.length));
  }

  /** A kept document, for Apollo: only one with source locations, since Apollo reports errors from it. */
  async get(key: string): Promise<DocumentNode | undefined> {
    const document = this.documents.get(queryHashOf(key))?.document;
    return document?.loc === undefined ? undefined : document;
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    this.documents.set(queryHashOf(key), { document, verdict: undefined }, sizeOf(document.loc?.end ?? 1024));
  }

  async delete(key: string): Promise<boolean> {
    const hash = queryHashOf(key);
    const had = this.documents.has(hash);
    this.documents.delete(hash);
    return had;
  }

  get size(): { entries: number; bytes: number } {
    return this.documents.size;
  }
}

function queryHashOf(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

function sizeOf(characters: number): number {
  return characters * BYTES_PER_CHARACTER + ENTRY_OVERHEAD;
}
