import { topByScore } from '../lib/top-k.js';
import { foldText } from '../lib/text.js';
import { RequestWork } from '../lib/work.js';
import { FIELD_COUNT, fieldOf, frequencyOf, InvertedIndexBuilder, prefixRange, termId, type InvertedIndex } from './inverted-index.js';
import type { SearchMatch, SearchOptions, SearchResults } from './graph-store.js';
import type { RelationshipModel, EntityModel, EvidenceModel, SearchField } from './models.js';
import { ENTITY_TYPES } from './models.js';

/** What the index reads of an entity. */
export type SearchableEntity = Pick<EntityModel, 'id' | 'type' | 'name' | 'aliases' | 'labels' | 'description'>;
/** What the index reads of a relationship. */
export type SearchableEdge = Pick<RelationshipModel, 'id' | 'fromId' | 'toId' | 'evidence'>;

/**
 * The relationships the index reads, by position: an array, or the memory store's relationship
 * table, whose objects are made on demand, so building the index makes one at a time rather
 * than millions at once.
 */
export interface SearchableEdges {
  readonly length: number;
  edge(index: number): SearchableEdge;
}

/** Relationships held in an array, for building an index from plain objects. */
export function edgeList(edges: readonly SearchableEdge[]): SearchableEdges {
  return { length: edges.length, edge: (index) => edges[index]! };
}

/** Field numbers, in the order of priority when a document matched in several. */
const NAME = 0;
const ALIAS = 1;
const DESCRIPTION = 2;
const QUOTE = 3;
const FIELDS: readonly SearchField[] = ['NAME', 'ALIAS', 'DESCRIPTION', 'EVIDENCE'];
const BOOST = [3, 2, 1, 1];
// BM25+ parameters (MiniSearch's defaults, which the ranking was tuned with): saturation k,
// length normalisation b, and the lower bound d every occurrence earns. Exported with the
// functions below for the PostgreSQL store, which ranks by the same formula in SQL.
export const K = 1.2;
export const B = 0.7;
export const D = 0.5;
/** A word that the last query word only begins weighs this much at most, and less the longer it is. */
const PREFIX_WEIGHT = 0.375;
/** Field lengths are kept in 16 bits: a longer field counts as this many words. */
export const MAX_LENGTH = 0xffff;

/** The weight of an index term in a query word's group: 1 for the word itself, less for a longer word it begins. */
export function termWeight(termLength: number, wordLength: number): number {
  const distance = termLength - wordLength;
  return distance === 0 ? 1 : (PREFIX_WEIGHT * termLength) / (termLength + 0.3 * distance);
}

/**
 * What a posting of a term in a field is worth before length normalisation: the term's weight,
 * the field's boost, and the term's inverse document frequency in the field.
 */
export function fieldFactor(weight: number, field: number, documents: number, matching: number): number {
  return weight * BOOST[field]! * Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}

/** k·b divided by a field's average length in words: the length term of BM25's normalisation. */
export function lengthWeight(totalLength: number, documents: number): number {
  // An empty field averages 1 so that the length ratio stays finite.
  return (K * B) / (totalLength > 0 ? totalLength / documents : 1);
}
const NO_TYPE = 0xff;
const TYPE_CODE = new Map<string, number>(ENTITY_TYPES.map((type, i) => [type, i]));

/** Splits folded text into words, so `deep-learning` is two words. */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}

/** The aliases field of an entity: aliases and the labels that differ from its name. */
export function aliasText(entity: SearchableEntity): string {
  return [...entity.aliases, ...entity.labels.map((l) => l.text).filter((t) => t !== entity.name)].join(' · ');
}

function typeCodeOfId(id: string): number {
  return TYPE_CODE.get(id.slice(0, id.indexOf(':'))) ?? NO_TYPE;
}

/** What addSearchDocuments reports of each document it adds, with its fields' lengths in words (at most MAX_LENGTH). */
export interface SearchDocumentSink<E extends SearchableEntity, R extends SearchableEdge> {
  entity(entity: E, index: number, lengths: readonly [name: number, aliases: number, description: number]): void;
  /** An evidence quote of relationship `edge` (the `relationship`th), the `quote`th quote of all. */
  quote(edge: R, relationship: number, quote: number, length: number): void;
}

/**
 * Adds the search documents of a graph to an index builder in document order, as SearchIndex numbers
 * them: every entity (name, aliases, description), then every evidence quote of every relationship,
 * a slice at a time (see RequestWork). Returns the number of words in each field in all. The
 * PostgreSQL loader writes the same documents.
 */
export async function addSearchDocuments<E extends SearchableEntity, R extends SearchableEdge>(
  builder: InvertedIndexBuilder,
  entities: readonly E[],
  edges: { readonly length: number; edge(index: number): R },
  sink: SearchDocumentSink<E, R>,
  work: RequestWork = new RequestWork(),
): Promise<number[]> {
  const totalLength = [0, 0, 0, 0];
  const addField = (field: number, text: string): number => {
    const terms = tokenize(text);
    builder.addField(field, terms);
    totalLength[field]! += terms.length;
    return Math.min(terms.length, MAX_LENGTH);
  };
  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i]!;
    const lengths = [addField(NAME, entity.name), addField(ALIAS, aliasText(entity)), addField(DESCRIPTION, entity.description ?? '')] as const;
    builder.endDocument();
    sink.entity(entity, i, lengths);
    if (work.step()) await work.pause();
  }
  let q = 0;
  for (let r = 0; r < edges.length; r++) {
    const edge = edges.edge(r);
    for (const evidence of edge.evidence) {
      const length = addField(QUOTE, evidence.quote);
      builder.endDocument();
      sink.quote(edge, r, q++, length);
    }
    if (work.step()) await work.pause();
  }
  return totalLength;
}

/** An entity whose whole name (or else alias or label), folded, is the folded query. */
export interface ExactName {
  /** The entity's place in the list the index was built from. */
  document: number;
  isName: boolean;
}

/** The query words that a document term can match: the last query word as a prefix too. */
interface TermGroup {
  word: string;
  /** Index term ids [start, end): the word itself, and for the last word every longer term it begins. */
  start: number;
  end: number;
  postings: number;
}

/** Working memory for one search, sized to the index when it is built and reused: searches run one at a time. */
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
  entities: readonly SearchableEntity[];
  edges: SearchableEdges;
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
  private readonly entities: readonly SearchableEntity[];
  private readonly edges: SearchableEdges;
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
  /** Made with the index, so that the first search does not allocate (and collect) a hundred megabytes at 10⁶. */
  private readonly scratch: Scratch;
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
    const documents = this.index.documentCount;
    this.scratch = {
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
  }

  /** Builds the index, a slice at a time (see RequestWork), so that serving goes on while it is built. */
  static async build(entityList: readonly SearchableEntity[], edges: SearchableEdges, work: RequestWork): Promise<SearchIndex> {
    let quotes = 0;
    for (let r = 0; r < edges.length; r++) {
      quotes += edges.edge(r).evidence.length;
      if (work.step()) await work.pause();
    }
    const entityCount = entityList.length;
    const evidenceEdge = new Uint32Array(quotes);
    const entityLength = new Uint16Array(entityCount * 3);
    const quoteLength = new Uint16Array(quotes);
    const entityType = new Uint8Array(entityCount);
    const relationshipEndTypes = new Uint8Array(edges.length * 2);
    const builder = new InvertedIndexBuilder();
    const totalLength = await addSearchDocuments(
      builder,
      entityList,
      edges,
      {
        entity: (entity, i, lengths) => {
          entityType[i] = TYPE_CODE.get(entity.type) ?? NO_TYPE;
          entityLength.set(lengths, i * 3);
        },
        quote: (edge, r, q, length) => {
          // Only relationships with evidence are documents, so only theirs are read.
          relationshipEndTypes[r * 2] = typeCodeOfId(edge.fromId);
          relationshipEndTypes[r * 2 + 1] = typeCodeOfId(edge.toId);
          evidenceEdge[q] = r;
          quoteLength[q] = length;
        },
      },
      work,
    );
    const index = await builder.build(work);
    const fieldDocuments = [entityCount, entityCount, entityCount, quotes];
    const weights = Float64Array.from(totalLength, (total, f) => lengthWeight(total, fieldDocuments[f]!));
    return new SearchIndex({ entities: entityList, edges, evidenceEdge, entityLength, quoteLength, entityType, relationshipEndTypes, index, fieldDocuments, lengthWeight: weights });
  }

  /**
   * One page of the nodes that match, best first, and how many match in all. An entity whose whole
   * name, or one whole alias or label, is the query (case and accents aside) comes first, names
   * before aliases; the rest follow by score, and equal scores keep document order, so an entity
   * comes before a relationship found through its evidence. A node found through several documents
   * (a relationship with two matching quotes) counts once, with its best match. All words must
   * match when any document has them all; otherwise any word may. The last word also matches as a
   * prefix. Only the page is sorted: the rest are counted, not ranked. `exact` names the entities
   * (by their place in the list the index was built from) whose name, alias or label is the query;
   * the store finds them with its name index.
   */
  search(query: string, options: SearchOptions, exact: readonly ExactName[] = [], work: RequestWork = new RequestWork()): Promise<SearchResults> {
    const result = this.turn.then(() => this.searchNow(query, options, exact, work));
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async searchNow(query: string, options: SearchOptions, exact: readonly ExactName[], work: RequestWork): Promise<SearchResults> {
    work.stopIfAbandoned();
    const groups = this.plan(query);
    if (groups.length === 0) return { matches: [], totalCount: 0 };
    const scratch = this.takeScratch();
    let matched = await this.matchAll(groups, scratch, work);
    if (matched === 0) matched = await this.matchAny(groups, scratch, work);
    const count = await this.collectNodes(matched, groups.length, options, scratch, work);
    const { score } = scratch;
    const page = exact.length > 0 ? this.exactFirst(exact, count, options, scratch) : topByScore(scratch.results, count, options.offset + options.limit, score);
    const isExact = (document: number) => exact.some((entry) => entry.document === document);
    return {
      matches: page.slice(options.offset).map((document) => this.describe(document, score[document]!, groups, isExact(document))),
      totalCount: count,
    };
  }

  /**
   * The best `offset + limit` results when some entities match the query exactly: those that
   * survived the restrictions first (names before aliases, then by score), then the rest by score.
   */
  private exactFirst(exact: readonly ExactName[], count: number, options: SearchOptions, scratch: Scratch): number[] {
    const { results, score } = scratch;
    const tiers = new Map(exact.map((entry) => [entry.document, entry.isName ? 0 : 1]));
    const first: number[] = [];
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const document = results[i]!;
      if (tiers.has(document)) first.push(document);
      else results[kept++] = document;
    }
    first.sort((a, b) => tiers.get(a)! - tiers.get(b)! || score[b]! - score[a]! || a - b);
    return [...first, ...topByScore(results, kept, Math.max(0, options.offset + options.limit - first.length), score)];
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
    const weight = termWeight(this.index.terms[term]!.length, group.word.length);
    for (let field = 0; field < FIELD_COUNT; field++) {
      factors[field] = fieldFactor(weight, field, this.fieldDocuments[field]!, this.index.documentFrequency[term * FIELD_COUNT + field]!);
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
  private describe(document: number, score: number, groups: readonly TermGroup[], isExactMatch: boolean): SearchMatch {
    const words = { last: groups[groups.length - 1]!.word, exact: new Set(groups.slice(0, -1).map((group) => group.word)) };
    const entityCount = this.entities.length;
    if (document < entityCount) return describeMatch({ entity: this.entities[document]! }, words, score, isExactMatch);
    const q = document - entityCount;
    const edgeIndex = this.evidenceEdge[q]!;
    let first = q;
    while (first > 0 && this.evidenceEdge[first - 1] === edgeIndex) first--;
    return describeMatch({ edge: this.edges.edge(edgeIndex), item: q - first }, words, score, isExactMatch);
  }
}

/** The words of a query as matching reads them: the last one also matches as a prefix. */
export interface QueryWords {
  last: string;
  exact: ReadonlySet<string>;
}

/**
 * A matched document as a search match: the entity, or the relationship and which of its evidence
 * items, with the field it matched best in (name, aliases, description, quote, in that order) and
 * the folded words that matched, to mark them in the text.
 */
export function describeMatch(document: { entity: SearchableEntity } | { edge: SearchableEdge; item: number }, words: QueryWords, score: number, isExactMatch: boolean): SearchMatch {
  const isMatch = (term: string) => words.exact.has(term) || term.startsWith(words.last);
  let texts: string[];
  let evidence: EvidenceModel | null = null;
  let nodeId: string;
  if ('entity' in document) {
    const entity = document.entity;
    nodeId = entity.id;
    texts = [entity.name, aliasText(entity), entity.description ?? ''];
  } else {
    nodeId = document.edge.id;
    evidence = document.edge.evidence[document.item]!;
    texts = [];
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
  return { nodeId, score, field: FIELDS[Math.max(field, 0)]!, text: texts[Math.max(field, 0)] ?? '', terms: [...terms], evidence, isExactMatch };
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
