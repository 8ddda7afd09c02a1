import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ManifestError, type DocumentManifest } from './trusted-documents.js';

/**
 * Bytes a parsed document holds per character of its text: its AST with locations, which keep
 * every token alive. Measured on graphql 16.15 with the benchmark's documents: 75 to 80.
 */
const BYTES_PER_CHARACTER = 80;
const ENTRY_OVERHEAD = 256;

export interface DocumentCacheOptions {
  /** Bytes of parsed documents kept (estimated from their length), least recently used out first. */
  maxBytes: number;
}

/**
 * Apollo's document store: parsed documents that passed validation, by the SHA-256 of their text.
 * Apollo parses and validates a document only when this store lacks it, and stores what it has
 * validated; this class only bounds the store by bytes (lru-cache) and lets the trusted documents
 * be parsed and validated once, at start-up (`preload`).
 *
 * Apollo prefixes its keys with the schema's hash; one store serves one schema, so entries are kept
 * under the query's hash alone, which is also how `preload` finds them.
 */
export class DocumentCache implements KeyValueCache<DocumentNode> {
  private readonly documents: LRUCache<string, DocumentNode>;

  constructor(options: DocumentCacheOptions) {
    this.documents = new LRUCache<string, DocumentNode>({
      maxSize: Math.max(options.maxBytes, 1),
      sizeCalculation: (document) => (document.loc?.end ?? 1024) * BYTES_PER_CHARACTER + ENTRY_OVERHEAD,
    });
  }

  /**
   * Parses and validates every document of a manifest with Apollo's own parse options and rules,
   * and keeps them, so no trusted document is parsed or validated while serving. A document that
   * does not pass is a broken build: start-up stops and names it.
   */
  preload(manifest: DocumentManifest, schema: GraphQLSchema, rules: readonly ValidationRule[], maxTokens: number): void {
    for (const [hash, text] of manifest) {
      const document = parse(text, { maxTokens });
      const errors = validate(schema, document, rules);
      if (errors.length > 0) {
        throw new ManifestError(`The trusted document ${hash} does not validate against the schema: ${errors[0]!.message} Regenerate the manifest with npm run codegen.`);
      }
      this.documents.set(hash, document);
    }
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.documents.get(queryHashOf(key));
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    this.documents.set(queryHashOf(key), document);
  }

  async delete(key: string): Promise<boolean> {
    return this.documents.delete(queryHashOf(key));
  }

  /** What the cache holds now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.documents.size, bytes: this.documents.calculatedSize };
  }
}

function queryHashOf(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}
