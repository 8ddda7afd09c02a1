import { sortInSlices } from '../lib/sort-in-slices.js';
import type { RequestWork } from '../lib/work.js';
import { GrowableColumn } from './columns.js';
import { isPartialDate, type EntityModel, type EvidenceMethod, type FactModel } from './models.js';
import { comparePositions, type SlotOrder } from './positions.js';
import type { Position } from './query.js';
import type { RelationshipTable } from './relationship-table.js';

/** Fact positions: where the evidence starts and ends, then subject id, kind and attribute. */
export const FACT_SLOTS: readonly SlotOrder[] = ['asc', 'asc', 'id', 'id', 'id'];

export function factPosition(fact: FactModel): Position {
  return [fact.evidence.start, fact.evidence.end, fact.subjectId, fact.kind, fact.attribute ?? ''];
}

/**
 * The facts an entity states, in the order the index numbers them and every store lists facts that
 * tie: its mentions, its dates, its links to other knowledge bases, then the evidence of its other
 * attributes.
 */
export function entityFacts(entity: EntityModel): FactModel[] {
  const facts: FactModel[] = [];
  const subjectId = entity.id;
  for (const evidence of entity.mentions) facts.push({ subjectId, kind: 'MENTION', attribute: null, evidence });
  for (const [attribute, value] of Object.entries(entity)) {
    if (isPartialDate(value)) for (const evidence of value.evidence) facts.push({ subjectId, kind: 'DATE', attribute, evidence });
  }
  for (const link of entity.sameAs) for (const evidence of link.evidence) facts.push({ subjectId, kind: 'SAME_AS', attribute: link.uri, evidence });
  for (const { attribute, evidence: list } of entity.attributeEvidence) {
    for (const evidence of list) facts.push({ subjectId, kind: 'ATTRIBUTE', attribute, evidence });
  }
  return facts;
}

/**
 * Every fact of the graph, by the source its evidence quotes, in position order, held as numbers:
 * at 10⁶ entities there are millions of facts, and as objects (a fact, its evidence, its subject's
 * id) they made two thirds of the heap and most of the garbage collector's work. A fact here is a
 * reference: a relationship's evidence row (0 or more), or −(n + 1) for the n-th entity fact, whose
 * entity, place in entityFacts and span are kept in columns. Facts become objects only for the
 * page a request returns.
 */
export class FactIndex {
  private readonly owners = new GrowableColumn(Int32Array);
  private readonly ordinals = new GrowableColumn(Int32Array);
  private readonly starts = new GrowableColumn(Float64Array);
  private readonly ends = new GrowableColumn(Float64Array);
  private readonly bySource = new Map<string, Int32Array>();

  private constructor(
    private readonly entities: readonly EntityModel[],
    private readonly edges: RelationshipTable,
  ) {}

  /** Numbers every fact and sorts each source's facts, a slice at a time (see RequestWork). */
  static async build(entities: readonly EntityModel[], edges: RelationshipTable, work: RequestWork): Promise<FactIndex> {
    const index = new FactIndex(entities, edges);
    const lists = new Map<string, number[]>();
    const add = (sourceId: string, ref: number) => {
      const list = lists.get(sourceId);
      if (list) list.push(ref);
      else lists.set(sourceId, [ref]);
    };
    for (let owner = 0; owner < entities.length; owner++) {
      entityFacts(entities[owner]!).forEach((fact, ordinal) => {
        add(fact.evidence.sourceId, -(index.owners.length + 1));
        index.owners.push(owner);
        index.ordinals.push(ordinal);
        index.starts.push(fact.evidence.start);
        index.ends.push(fact.evidence.end);
      });
      if (work.step()) await work.pause();
    }
    for (let row = 0; row < edges.evidenceLength; row++) {
      add(edges.evidenceSourceIdOf(row), row);
      if (work.step()) await work.pause();
    }
    const compare = (a: number, b: number) => index.startOf(a) - index.startOf(b) || index.endOf(a) - index.endOf(b) || comparePositions(index.position(a), index.position(b), FACT_SLOTS);
    for (const [sourceId, list] of lists) {
      index.bySource.set(sourceId, Int32Array.from(await sortInSlices(list, compare, work)));
      lists.delete(sourceId);
    }
    return index;
  }

  /**
   * The facts quoting `sourceId` whose evidence overlaps start to end (exclusive), obtained by one of
   * `methods` when given, in position order. Each fact looked at is an item of `work`.
   */
  async overlapping(sourceId: string, start: number, end: number, methods: readonly EvidenceMethod[] | null, work: RequestWork): Promise<number[]> {
    const refs = this.bySource.get(sourceId) ?? new Int32Array(0);
    const found: number[] = [];
    for (const ref of refs) {
      // In position order: the scan stops at the first fact that starts past the span.
      if (this.startOf(ref) >= end) break;
      if (start < this.endOf(ref) && (methods === null || methods.includes(this.methodOf(ref)))) found.push(ref);
      if (work.step()) await work.pause();
    }
    return found;
  }

  fact(ref: number): FactModel {
    if (ref >= 0) return { subjectId: this.edges.edge(this.edges.relationshipOfEvidence(ref)).id, kind: 'RELATIONSHIP', attribute: null, evidence: this.edges.evidenceAt(ref) };
    const n = -ref - 1;
    return entityFacts(this.entities[this.owners.get(n)]!)[this.ordinals.get(n)]!;
  }

  position(ref: number): Position {
    return factPosition(this.fact(ref));
  }

  private startOf(ref: number): number {
    return ref >= 0 ? this.edges.evidenceStartOf(ref) : this.starts.get(-ref - 1);
  }

  private endOf(ref: number): number {
    return ref >= 0 ? this.edges.evidenceEndOf(ref) : this.ends.get(-ref - 1);
  }

  private methodOf(ref: number): EvidenceMethod {
    return ref >= 0 ? this.edges.evidenceMethodOf(ref) : this.fact(ref).evidence.method;
  }
}
