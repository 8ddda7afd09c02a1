import { topByScore } from '../lib/top-k.js';
import { foldText } from '../lib/text.js';
import { RequestWork } from '../lib/work.js';
import { FIELD_COUNT, fieldOf, frequencyOf, InvertedIndexBuilder, prefixRange, termId, type InvertedIndex } from './inverted-index.js';
import type { SearchMatch, SearchOptions, SearchResults } from './graph-store.js';
import type { RelationshipModel, EntityModel, EntityTypeName, EvidenceModel, SearchField } from './models.js';
import { ENTITY_TYPES } from './models.js';

/** What the index reads of an entity. */
export type SearchableEntity = Pick<EntityModel, 'id' | 'type' | 'name' | 'aliases' | 'labels' | 'description'>;
/** What the index reads of a relationship. */
export type SearchableEdge = Pick<RelationshipModel, 'id' | 'fromId' | 'toId' | 'evidence'>;

/** Field numbers, in the order of priority when a document matched in several. */
const NAME = 0;
const ALIAS = 1;
const DESCRIPTION = 2;
const QUOTE = 3;
const FIELDS: readonly SearchField[] = ['NAME', 'ALIAS', 'DESCRIPTION', 'EVIDENCE'];
const BOOST = [3, 2, 1, 1];
// BM25+ parameters (MiniSearch's defaults, which the ranking was tuned with): saturation k,
// length normalisation b, and the lower bound d every occurrence earns.
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** A word that the last query word only begins weighs this much at most, and less the longer it is. */
const PREFIX_WEIGHT = 0.375;
const MAX_LENGTH = 0xffff;
const NO_TYPE = 0xff;
const TYPE_CODE = new Map<string, number>(ENTITY_TYPES.map((type, i) => [type, i]));

/** Splits folded text into words, so `deep-learning` is two words. */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}

/** The aliases field of an entity: aliases and the labels that differ from its name. */
function aliasText(entity: SearchableEntity): string {
  return [...entity.aliases, ...entity.labels.map((l) => l.text).filter((t) => t !== entity.name)].join(' · ');
}

function typeCodeOfId(id: string): number {
  return TYPE_CODE.get(id.slice(0, id.indexOf(':'))) ?? NO_TYPE;
}

/** The query words that a document term can match: the last query word as a prefix too. */
interface TermGroup {
  word: string;
  /** Index term ids [start, end): the word itself, and for the last word every longer term it begins. */
  start: number;
  end: number;
  postings: number;
}

/** Working memory for one search, sized to the index once and reused: searches run one at a time. */
interface Scratch {
  score: Float64Array;
  /** The search that last touched a document; a stale mark means the document's slots are unset. */
  mark: Uint32Array;
  /** How many query words the document has matched. */
  hits: Uint8Array;
  /** The last query word (by position in the plan) that the document matched; OR only. */
  lastGroup: Uint8Array;
  candidates: Uint32Array;
  edgeMark: Uint32Array;
  /** Where a relationship's best document sits in `results`. */
  edgeSlot: Uint32Array;
  results: Uint32Array;
  generation: number;
}

/** What a built index is made of (see SearchIndex.build). */
interface SearchIndexParts {
  entities: SearchableEntity[];
  edges: SearchableEdge[];
  evidenceEdge: Uint32Array;
  entityLength: Uint16Array;
  quoteLength: Uint16Array;
  entityType: Uint8Array;
  relationshipEndTypes: Uint8Array;
  index: InvertedIndex;
  fieldDocuments: number[];
  lengthWeight: Float64Array;
}

/**
 * A full-text index over entities (name, aliases and labels, description) and relationship
 * evidence (one document per quote), ranked by BM25+ per field with boosts name 3, aliases 2,
 * description 1, quote 1. Documents are numbered: entities first, then evidence quotes, and are
 * read back from the graph's own objects, never copied. Terms are folded (case, accents) before
 * indexing and searching.
 */
export class SearchIndex {
  private readonly entities: SearchableEntity[];
  private readonly edges: SearchableEdge[];
  /** For evidence document `entities.length + q`, its relationship's index. */
  private readonly evidenceEdge: Uint32Array;
  /** Word counts of name, aliases and description, three per entity. */
  private readonly entityLength: Uint16Array;
  private readonly quoteLength: Uint16Array;
  private readonly entityType: Uint8Array;
  /** The entity types of a relationship's two ends, two per relationship. */
  private readonly relationshipEndTypes: Uint8Array;
  private readonly fieldDocuments: number[];
  /** Per field, k·b divided by the field's average length: the length term of BM25's normalisation. */
  private readonly lengthWeight: Float64Array;
  private readonly factors = new Float64Array(FIELD_COUNT);
  private readonly index: InvertedIndex;
  private scratch: Scratch | null = null;
  /** Searches share one scratch space, so they take turns: each waits for the one before to end. */
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(parts: SearchIndexParts) {
    this.entities = parts.entities;
    this.edges = parts.edges;
    this.evidenceEdge = parts.evidenceEdge;
    this.entityLength = parts.entityLength;
    this.quoteLength = parts.quoteLength;
    this.entityType = parts.entityType;
    this.relationshipEndTypes = parts.relationshipEndTypes;
    this.index = parts.index;
    this.fieldDocuments = parts.fieldDocuments;
    this.lengthWeight = parts.lengthWeight;
  }

  /** Builds the index, a slice at a time (see RequestWork), so that serving goes on while it is built. */
  static async build(entities: Iterable<SearchableEntity>, edges: Iterable<SearchableEdge>, work: RequestWork): Promise<SearchIndex> {
    const entityList = [...entities];
    const edgeList = [...edges];
    let quotes = 0;
    for (const edge of edgeList) quotes += edge.evidence.length;
    const entityCount = entityList.length;
    const evidenceEdge = new Uint32Array(quotes);
    const entityLength = new Uint16Array(entityCount * 3);
    const quoteLength = new Uint16Array(quotes);
    const entityType = new Uint8Array(entityCount);
    const relationshipEndTypes = new Uint8Array(edgeList.length * 2);
    const totalLength = [0, 0, 0, 0];
    const builder = new InvertedIndexBuilder();
    const addField = (field: number, text: string): number => {
      const terms = tokenize(text);
      builder.addField(field, terms);
      totalLength[field]! += terms.length;
      return Math.min(terms.length, MAX_LENGTH);
    };

    for (let i = 0; i < entityCount; i++) {
      const entity = entityList[i]!;
      entityType[i] = TYPE_CODE.get(entity.type) ?? NO_TYPE;
      entityLength[i * 3 + NAME] = addField(NAME, entity.name);
      entityLength[i * 3 + ALIAS] = addField(ALIAS, aliasText(entity));
      entityLength[i * 3 + DESCRIPTION] = addField(DESCRIPTION, entity.description ?? '');
      builder.endDocument();
      if (work.step()) await work.pause();
    }
    let q = 0;
    for (let r = 0; r < edgeList.length; r++) {
      const edge = edgeList[r]!;
      relationshipEndTypes[r * 2] = typeCodeOfId(edge.fromId);
      relationshipEndTypes[r * 2 + 1] = typeCodeOfId(edge.toId);
      for (const evidence of edge.evidence) {
        evidenceEdge[q] = r;
        quoteLength[q] = addField(QUOTE, evidence.quote);
        builder.endDocument();
        q++;
      }
      if (work.step()) await work.pause();
    }
    const index = await builder.build(work);
    const fieldDocuments = [entityCount, entityCount, entityCount, quotes];
    // An empty field averages 1 so that the length ratio stays finite.
    const lengthWeight = Float64Array.from(totalLength, (total, f) => (K * B) / (total > 0 ? total / fieldDocuments[f]! : 1));
    return new SearchIndex({ entities: entityList, edges: edgeList, evidenceEdge, entityLength, quoteLength, entityType, relationshipEndTypes, index, fieldDocuments, lengthWeight });
  }

  /**
   * One page of the nodes that match, best first, and how many match in all. A node found through
   * several documents (a relationship with two matching quotes) counts once, with its best match.
   * All words must match when any document has them all; otherwise any word may. The last word
   * also matches as a prefix. Only the page is sorted: the rest are counted, not ranked.
   */
  search(query: string, options: SearchOptions, work: RequestWork = new RequestWork()): Promise<SearchResults> {
    const result = this.turn.then(() => this.searchNow(query, options, work));
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async searchNow(query: string, options: SearchOptions, work: RequestWork): Promise<SearchResults> {
    work.stopIfAbandoned();
    const groups = this.plan(query);
    if (groups.length === 0) return { matches: [], totalCount: 0 };
    const scratch = this.takeScratch();
    let matched = await this.matchAll(groups, scratch, work);
    if (matched === 0) matched = await this.matchAny(groups, scratch, work);
    const count = await this.collectNodes(matched, groups.length, options, scratch, work);
    const { score } = scratch;
    const page = topByScore(scratch.results, count, options.offset + options.limit, score).slice(options.offset);
    return { matches: page.map((document) => this.describe(document, score[document]!, groups)), totalCount: count };
  }

  /** The query's distinct words, each with the range of index terms it matches. */
  private plan(query: string): TermGroup[] {
    const words = tokenize(query);
    if (words.length === 0) return [];
    const last = words[words.length - 1]!;
    const exact = [...new Set(words.slice(0, -1))];
    const { termStart } = this.index;
    const groups = exact.map((word): TermGroup => {
      const id = termId(this.index, word);
      return id < 0 ? { word, start: 0, end: 0, postings: 0 } : { word, start: id, end: id + 1, postings: termStart[id + 1]! - termStart[id]! };
    });
    const [start, end] = prefixRange(this.index, last);
    groups.push({ word: last, start, end, postings: termStart[end]! - termStart[start]! });
    return groups;
  }

  private takeScratch(): Scratch {
    const documents = this.index.documentCount;
    this.scratch ??= {
      score: new Float64Array(documents),
      mark: new Uint32Array(documents),
      hits: new Uint8Array(documents),
      lastGroup: new Uint8Array(documents),
      candidates: new Uint32Array(documents),
      edgeMark: new Uint32Array(this.edges.length),
      edgeSlot: new Uint32Array(this.edges.length),
      results: new Uint32Array(documents),
      generation: 0,
    };
    const scratch = this.scratch;
    // Marks are 32-bit: before the counter would wrap (a search can take two generations), start over.
    if (scratch.generation >= 0xfffffff0) {
      scratch.mark.fill(0);
      scratch.edgeMark.fill(0);
      scratch.generation = 0;
    }
    scratch.generation++;
    return scratch;
  }

  /**
   * Documents holding every word, into `candidates`, with their summed scores; returns how many.
   * Starts from the word with the fewest postings and narrows: a longer list is either scanned or,
   * when the candidates are few, searched for each candidate, whichever reads fewer postings. Only
   * the postings of candidates are scored.
   */
  private async matchAll(groups: readonly TermGroup[], scratch: Scratch, work: RequestWork): Promise<number> {
    if (groups.some((group) => group.postings === 0)) return 0;
    const ordered = [...groups].sort((a, b) => a.postings - b.postings);
    const { candidates, mark, hits, score, generation } = scratch;
    const { postingDocument, termStart } = this.index;
    const factors = this.factors;
    let count = 0;
    const first = ordered[0]!;
    for (let term = first.start; term < first.end; term++) {
      this.weighTerm(first, term, factors);
      for (let at = termStart[term]!, end = termStart[term + 1]!; at < end; at++) {
        const document = postingDocument[at]!;
        if (mark[document] !== generation) {
          mark[document] = generation;
          hits[document] = 1;
          score[document] = 0;
          candidates[count++] = document;
        }
        score[document]! += this.scorePosting(at, factors);
        if (work.step()) await work.pause();
      }
      if (work.step()) await work.pause();
    }
    // A single term's postings are in document order, so its candidates are too; a prefix's
    // candidates are put in that order, so each candidate's postings can be sought from where the
    // previous one's were found, and later passes read the per-document arrays front to back.
    if (first.end - first.start > 1) count = await this.inDocumentOrder(count, scratch, work);
    for (let j = 1; j < ordered.length && count > 0; j++) {
      const group = ordered[j]!;
      const terms = group.end - group.start;
      const perCandidate = 2 * Math.log2(group.postings / (terms * count) + 1) + 2;
      const seeks = count * terms * perCandidate < group.postings;
      for (let term = group.start; term < group.end; term++) {
        this.weighTerm(group, term, factors);
        const start = termStart[term]!;
        const end = termStart[term + 1]!;
        if (seeks) {
          let from = start;
          for (let i = 0; i < count; i++) {
            const document = candidates[i]!;
            let at = seek(postingDocument, from, end, document);
            from = at;
            for (; at < end && postingDocument[at] === document; at++) {
              hits[document] = j + 1;
              score[document]! += this.scorePosting(at, factors);
            }
            if (work.step()) await work.pause();
          }
        } else {
          for (let at = start; at < end; at++) {
            if (work.step()) await work.pause();
            const document = postingDocument[at]!;
            if (mark[document] !== generation || hits[document]! < j) continue;
            hits[document] = j + 1;
            score[document]! += this.scorePosting(at, factors);
          }
        }
        if (work.step()) await work.pause();
      }
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const document = candidates[i]!;
        if (hits[document] === j + 1) candidates[kept++] = document;
      }
      count = kept;
    }
    return count;
  }

  /** Documents holding any word, into `candidates`, with summed scores and words matched; returns how many. */
  private async matchAny(groups: readonly TermGroup[], scratch: Scratch, work: RequestWork): Promise<number> {
    scratch.generation++;
    const { candidates, mark, hits, lastGroup, score, generation } = scratch;
    const { postingDocument, termStart } = this.index;
    const factors = this.factors;
    let count = 0;
    for (let j = 0; j < groups.length; j++) {
      const group = groups[j]!;
      for (let term = group.start; term < group.end; term++) {
        this.weighTerm(group, term, factors);
        for (let at = termStart[term]!, end = termStart[term + 1]!; at < end; at++) {
          const document = postingDocument[at]!;
          if (mark[document] !== generation) {
            mark[document] = generation;
            hits[document] = 0;
            lastGroup[document] = 0xff;
            score[document] = 0;
            candidates[count++] = document;
          }
          if (lastGroup[document] !== j) {
            lastGroup[document] = j;
            hits[document]!++;
          }
          score[document]! += this.scorePosting(at, factors);
          if (work.step()) await work.pause();
        }
        if (work.step()) await work.pause();
      }
    }
    const terms = groups.reduce((sum, group) => sum + group.end - group.start, 0);
    return terms > 1 ? this.inDocumentOrder(count, scratch, work) : count;
  }

  /**
   * Puts the first `count` candidates in document order; returns `count`. Postings of many terms
   * arrive in no order, and reading a million documents' scores at random costs more on a large
   * index than sorting them or, for many, walking the marks once from the first document.
   */
  private async inDocumentOrder(count: number, scratch: Scratch, work: RequestWork): Promise<number> {
    const { candidates, mark, generation } = scratch;
    if (count < mark.length / 64) {
      candidates.subarray(0, count).sort();
      work.step(count);
      return count;
    }
    let kept = 0;
    for (let document = 0; document < mark.length; document++) {
      if (mark[document] === generation) candidates[kept++] = document;
      if ((document & 0xffff) === 0 && work.step(0x10000)) await work.pause();
    }
    return kept;
  }

  /**
   * Keeps the matched documents of the kinds asked for and one per node (its best), into `results`;
   * returns how many nodes. Scores are multiplied by the number of query words matched, so in the
   * OR fallback a document with more of the words ranks higher.
   */
  private async collectNodes(matched: number, words: number, options: SearchOptions, scratch: Scratch, work: RequestWork): Promise<number> {
    const { candidates, hits, score, results, edgeMark, edgeSlot, generation } = scratch;
    const entityCount = this.entities.length;
    let mask = 0;
    for (const type of options.types ?? []) mask |= 1 << TYPE_CODE.get(type)!;
    const allows = (code: number) => mask === 0 || (code !== NO_TYPE && (mask & (1 << code)) !== 0);
    let count = 0;
    for (let i = 0; i < matched; i++) {
      if (work.step()) await work.pause();
      const document = candidates[i]!;
      score[document]! *= Math.min(hits[document]!, words);
      if (document < entityCount) {
        if (allows(this.entityType[document]!)) results[count++] = document;
        continue;
      }
      if (!options.includeRelationships) continue;
      const edge = this.evidenceEdge[document - entityCount]!;
      if (mask !== 0 && !allows(this.relationshipEndTypes[edge * 2]!) && !allows(this.relationshipEndTypes[edge * 2 + 1]!)) continue;
      if (edgeMark[edge] !== generation) {
        edgeMark[edge] = generation;
        edgeSlot[edge] = count;
        results[count++] = document;
      } else {
        const slot = edgeSlot[edge]!;
        const best = results[slot]!;
        if (score[document]! > score[best]! || (score[document] === score[best] && document < best)) results[slot] = document;
      }
    }
    return count;
  }

  /**
   * Sets `factors[f]` to what a posting of `term` in field f is worth before length normalisation:
   * the term's weight in the group (1 for the word itself, less for a longer word it begins), times
   * the field's boost, times the term's inverse document frequency in that field.
   */
  private weighTerm(group: TermGroup, term: number, factors: Float64Array): void {
    const length = this.index.terms[term]!.length;
    const distance = length - group.word.length;
    const weight = distance === 0 ? 1 : (PREFIX_WEIGHT * length) / (length + 0.3 * distance);
    for (let field = 0; field < FIELD_COUNT; field++) {
      const total = this.fieldDocuments[field]!;
      const matching = this.index.documentFrequency[term * FIELD_COUNT + field]!;
      factors[field] = weight * BOOST[field]! * Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
    }
  }

  /** BM25+ of one posting, given its term's factors. */
  private scorePosting(at: number, factors: Float64Array): number {
    const packed = this.index.postingField[at]!;
    const field = fieldOf(packed);
    const frequency = frequencyOf(packed);
    const document = this.index.postingDocument[at]!;
    const length = field === QUOTE ? this.quoteLength[document - this.entities.length]! : this.entityLength[document * 3 + field]!;
    return factors[field]! * (D + (frequency * (K + 1)) / (frequency + K * (1 - B) + this.lengthWeight[field]! * length));
  }

  /** A result document as a match: its node, the field it matched best in, and the words that matched. */
  private describe(document: number, score: number, groups: readonly TermGroup[]): SearchMatch {
    const last = groups[groups.length - 1]!.word;
    const exact = new Set(groups.slice(0, -1).map((group) => group.word));
    const isMatch = (term: string) => exact.has(term) || term.startsWith(last);
    const entityCount = this.entities.length;
    const entity = document < entityCount ? this.entities[document]! : null;
    const texts = entity ? [entity.name, aliasText(entity), entity.description ?? ''] : [];
    let evidence: EvidenceModel | null = null;
    let nodeId: string;
    if (entity) {
      nodeId = entity.id;
    } else {
      const q = document - entityCount;
      const edgeIndex = this.evidenceEdge[q]!;
      let first = q;
      while (first > 0 && this.evidenceEdge[first - 1] === edgeIndex) first--;
      const edge = this.edges[edgeIndex]!;
      nodeId = edge.id;
      evidence = edge.evidence[q - first]!;
      texts[QUOTE] = evidence.quote;
    }
    const terms = new Set<string>();
    let field = -1;
    texts.forEach((text, f) => {
      for (const term of tokenize(text)) {
        if (!isMatch(term)) continue;
        terms.add(term);
        if (field < 0) field = f;
      }
    });
    return { nodeId, score, field: FIELDS[Math.max(field, 0)]!, text: texts[Math.max(field, 0)] ?? '', terms: [...terms], evidence };
  }
}

/** The first position in [from, end) whose document is at least `document`, by galloping then bisecting. */
function seek(documents: Uint32Array, from: number, end: number, document: number): number {
  let step = 1;
  let low = from;
  let high = from;
  while (high < end && documents[high]! < document) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, end);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (documents[middle]! < document) low = middle + 1;
    else high = middle;
  }
  return low;
}
