import MiniSearch from 'minisearch';
import { foldText } from '../lib/text.js';
import type { EdgeModel, EntityModel, EvidenceModel, SearchField } from './models.js';

/** One match of a search in the index: where it was found and which folded terms matched. */
export interface SearchMatch {
  nodeId: string;
  score: number;
  field: SearchField;
  /** The text the best match was found in. */
  text: string;
  /** The folded index terms that matched, to mark them in `text`. */
  terms: string[];
  evidence: EvidenceModel | null;
}

interface IndexedDocument {
  id: number;
  nodeId: string;
  name?: string;
  aliases?: string;
  description?: string;
  quote?: string;
  evidence?: EvidenceModel;
}

const FIELD_OF: Record<string, SearchField> = { name: 'NAME', aliases: 'ALIAS', description: 'DESCRIPTION', quote: 'EVIDENCE' };
const FIELD_PRIORITY = ['name', 'aliases', 'description', 'quote'] as const;

/** Splits on anything that is not a letter or digit, so `deep-learning` is two words. */
export function tokenize(text: string): string[] {
  return foldText(text).split(' ').filter((t) => t.length > 0);
}

/**
 * A full-text index over names, aliases and labels, descriptions and relationship evidence, ranked
 * by MiniSearch's BM25+. Terms are folded (case, accents) before indexing and searching.
 */
export class SearchIndex {
  private readonly index: MiniSearch<IndexedDocument>;
  private readonly documents: IndexedDocument[] = [];

  constructor(entities: Iterable<EntityModel>, edges: Iterable<EdgeModel>) {
    this.index = new MiniSearch<IndexedDocument>({
      fields: ['name', 'aliases', 'description', 'quote'],
      idField: 'id',
      tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0),
      processTerm: (term) => foldText(term) || null,
      searchOptions: { boost: { name: 3, aliases: 2, description: 1, quote: 1 } },
    });
    for (const entity of entities) {
      const aliases = [...entity.aliases, ...entity.labels.map((l) => l.text).filter((t) => t !== entity.name)];
      this.add({ nodeId: entity.id, name: entity.name, aliases: aliases.join(' · '), description: entity.description ?? '' });
    }
    for (const edge of edges) {
      for (const evidence of edge.evidence) this.add({ nodeId: edge.id, quote: evidence.quote, evidence });
    }
  }

  private add(document: Omit<IndexedDocument, 'id'>): void {
    const indexed = { id: this.documents.length, ...document };
    this.documents.push(indexed);
    this.index.add(indexed);
  }

  /**
   * Every node that matches, best first; a node found through several documents (a relationship
   * with two matching quotes) appears once, with its best match. All words must match when any
   * document has them all; otherwise any word may. The last word also matches as a prefix.
   */
  search(query: string): SearchMatch[] {
    const prefix = (_term: string, i: number, terms: string[]) => i === terms.length - 1;
    let results = this.index.search(query, { prefix, combineWith: 'AND' });
    if (results.length === 0) results = this.index.search(query, { prefix, combineWith: 'OR' });
    const best = new Map<string, SearchMatch>();
    for (const result of results) {
      const document = this.documents[result.id as number]!;
      if (best.has(document.nodeId)) continue;
      const fields = new Set(Object.values(result.match).flat());
      const field = FIELD_PRIORITY.find((f) => fields.has(f)) ?? 'name';
      best.set(document.nodeId, {
        nodeId: document.nodeId,
        score: result.score,
        field: FIELD_OF[field]!,
        text: document[field] ?? '',
        terms: result.terms,
        evidence: document.evidence ?? null,
      });
    }
    return [...best.values()];
  }
}
