import { Bitset } from '../lib/bitset.js';
import { foldText } from '../lib/text.js';
import type { RequestWork } from '../lib/work.js';
import type { Adjacency } from './adjacency.js';
import { isSymmetricCode } from './adjacency.js';
import { METHOD_BITS, RELATIONSHIP_TYPE_CODES, type RelationshipTable } from './relationship-table.js';
import type { RelationshipType, EntityModel, EntityTypeName, PartialDateModel } from './models.js';
import type { CountTest, DateTest, EntityCondition, EvidenceTest, RelationPath, RelationshipCondition, TextTest, ValueTest } from './query.js';

/** What the condition evaluator reads of the memory store: entities by index and both adjacencies. */
export interface MemoryGraph {
  readonly entities: readonly EntityModel[];
  readonly edges: RelationshipTable;
  readonly outgoing: Adjacency;
  readonly incoming: Adjacency;
  indexOf(id: string): number | undefined;
  /** The entities of a type, as indexes. */
  membersOf(type: EntityTypeName): Bitset;
  /** Indexes of the entities that have a name, alias or label folding to `folded` (and maybe more). */
  namedExactly(folded: string): Iterable<number>;
  /** Indexes of the entities that have a name, alias or label whose folded form starts with `prefix` (and maybe more). */
  namedStartingWith(prefix: string): Promise<Iterable<number>>;
}

/** A set of relationship types as bits by type code (there are fewer than 32); every bit for all. */
export function typeMask(types: readonly RelationshipType[] | null): number {
  if (types === null) return -1;
  let mask = 0;
  for (const type of types) {
    const code = RELATIONSHIP_TYPE_CODES.get(type);
    if (code !== undefined) mask |= 1 << code;
  }
  return mask;
}

/**
 * A test of a relationship row: of one of the types, and when an evidence test is given, with
 * evidence that meets it (see EvidenceTest).
 */
export function rowTest(edges: RelationshipTable, types: readonly RelationshipType[] | null, evidence: EvidenceTest | null | undefined): (row: number) => boolean {
  const mask = typeMask(types);
  if (!evidence || evidence.methods === undefined) return (row) => ((mask >>> edges.typeCodeOf(row)) & 1) === 1;
  let methods = 0;
  for (const method of evidence.methods) methods |= 1 << METHOD_BITS[method];
  return (row) => ((mask >>> edges.typeCodeOf(row)) & 1) === 1 && edges.hasEvidenceBy(row, methods);
}

export function meetsText(texts: readonly string[], test: TextTest): boolean {
  if (test.equals !== undefined && !texts.some((t) => t === test.equals)) return false;
  if (test.in !== undefined && !texts.some((t) => test.in!.includes(t))) return false;
  if (test.contains !== undefined && !texts.some((t) => t.includes(test.contains!))) return false;
  if (test.startsWith !== undefined && !texts.some((t) => t.startsWith(test.startsWith!))) return false;
  return true;
}

export function meetsValue(value: string | null, test: ValueTest): boolean {
  if (test.equals !== undefined && value !== test.equals) return false;
  if (test.in !== undefined && !(value !== null && test.in.includes(value))) return false;
  return true;
}

export function meetsCount(count: number, test: CountTest): boolean {
  if (test.equals !== undefined && count !== test.equals) return false;
  if (test.gte !== undefined && count < test.gte) return false;
  if (test.lte !== undefined && count > test.lte) return false;
  return true;
}

/** See DateTest: each bound holds only for every day the value can denote; `overlaps` for some day. */
export function meetsDate(value: PartialDateModel | null, test: DateTest): boolean {
  if (test.exists !== undefined && (value !== null) !== test.exists) return false;
  const { within, overlaps, after, before, onOrAfter, onOrBefore } = test;
  if (!within && !overlaps && !after && !before && !onOrAfter && !onOrBefore) return true;
  if (value === null) return false;
  if (within && !(value.earliest >= within.earliest && value.latest <= within.latest)) return false;
  if (overlaps && !(value.earliest <= overlaps.latest && value.latest >= overlaps.earliest)) return false;
  if (after && !(value.earliest > after.latest)) return false;
  if (before && !(value.latest < before.earliest)) return false;
  if (onOrAfter && !(value.earliest >= onOrAfter.earliest)) return false;
  if (onOrBefore && !(value.latest <= onOrBefore.latest)) return false;
  return true;
}

/** The folded name, aliases and labels of an entity: what name conditions test. */
export function foldedNames(entity: EntityModel): string[] {
  return [entity.name, ...entity.aliases, ...entity.labels.map((label) => label.text)].map(foldText);
}

function attribute(entity: EntityModel, name: string): unknown {
  return (entity as unknown as Record<string, unknown>)[name] ?? null;
}

/**
 * Evaluates conditions a set at a time: each condition narrows a set of candidate entities, and
 * indexes answer where they can (ids, exact names and name prefixes, types, the far side of a
 * relationship), so that a filter reads only what may match instead of testing every entity of a
 * type. What no index answers is tested entity by entity within the candidates left. Every entity
 * tested and relationship followed counts as work, and the loops pause when their slice is over
 * (see RequestWork), so a filter over a million entities never holds the event loop for long.
 */
export class ConditionEvaluator {
  private all: Bitset | null = null;

  constructor(private readonly graph: MemoryGraph) {}

  private everything(): Bitset {
    return (this.all ??= Bitset.full(this.graph.entities.length));
  }

  /** The members of `universe` that meet the condition. */
  async select(condition: EntityCondition, universe: Bitset, work: RequestWork): Promise<Bitset> {
    switch (condition.kind) {
      case 'and': {
        let narrowed = universe;
        // Conditions an index answers first: they leave the fewest candidates for the rest.
        for (const part of [...condition.conditions].sort((a, b) => cost(a) - cost(b))) {
          narrowed = await this.select(part, narrowed, work);
          if (narrowed.size === 0) break;
        }
        return narrowed;
      }
      case 'or': {
        let union = Bitset.empty(universe.capacity);
        for (const part of condition.conditions) union = union.or(await this.select(part, universe, work));
        return union;
      }
      case 'not':
        return universe.andNot(await this.select(condition.condition, universe, work));
      case 'id': {
        const ids = condition.test.in ?? [];
        const wanted = condition.test.equals === undefined ? ids : [condition.test.equals];
        const candidates = this.indexesOf(wanted);
        return this.keep(universe, candidates, (e) => meetsValue(e.id, condition.test), work);
      }
      case 'name': {
        const test = condition.test;
        const candidates =
          test.equals !== undefined
            ? this.graph.namedExactly(test.equals)
            : test.in !== undefined
              ? test.in.flatMap((name) => [...this.graph.namedExactly(name)])
              : test.startsWith !== undefined
                ? await this.graph.namedStartingWith(test.startsWith)
                : null;
        return this.keep(universe, candidates, (e) => meetsText(foldedNames(e), test), work);
      }
      case 'entityType': {
        let members = Bitset.empty(universe.capacity);
        for (const type of condition.types) members = members.or(this.graph.membersOf(type));
        return universe.and(members);
      }
      case 'text':
        return this.keep(
          universe,
          null,
          (e) => {
            const value = attribute(e, condition.attribute);
            return typeof value === 'string' && meetsText([foldText(value)], condition.test);
          },
          work,
        );
      case 'value':
        return this.keep(
          universe,
          null,
          (e) => {
            const value = attribute(e, condition.attribute);
            return meetsValue(typeof value === 'string' ? value : null, condition.test);
          },
          work,
        );
      case 'date':
        return this.keep(universe, null, (e) => meetsDate(attribute(e, condition.attribute) as PartialDateModel | null, condition.test), work);
      case 'relationCount': {
        const counts = rowTest(this.graph.edges, condition.path.types, condition.path.evidence);
        const adjacency = this.near(condition.path);
        return this.keep(
          universe,
          null,
          (_e, index) => {
            let count = 0;
            const rows = adjacency.rowsOf(index);
            work.step(rows.length);
            for (const row of rows) if (counts(row)) count++;
            return meetsCount(count, condition.test);
          },
          work,
        );
      }
      case 'relation':
        return this.selectByRelation(condition.path, condition.quantifier, condition.condition, universe, work);
    }
  }

  private async selectByRelation(path: RelationPath, quantifier: 'some' | 'every' | 'none', condition: RelationshipCondition, universe: Bitset, work: RequestWork): Promise<Bitset> {
    const { edges } = this.graph;
    const follows = rowTest(edges, path.types, path.evidence);
    const others = condition.other ? await this.select(condition.other, this.everything(), work) : null;
    const onBehalfOf = condition.onBehalfOf ? await this.select(condition.onBehalfOf, this.everything(), work) : null;
    const meets = (row: number, self: number): boolean => {
      if (others && !others.has(otherEnd(edges, row, self))) return false;
      if (onBehalfOf || condition.capacity) {
        const properties = edges.propertiesOf(row);
        if (onBehalfOf) {
          const country = properties?.onBehalfOfId ? this.graph.indexOf(properties.onBehalfOfId) : undefined;
          if (country === undefined || !onBehalfOf.has(country)) return false;
        }
        if (condition.capacity && !(properties?.capacity != null && meetsText([foldText(properties.capacity)], condition.capacity))) return false;
      }
      return true;
    };
    const near = this.near(path);
    const withSome = async (): Promise<Bitset> => {
      if (others && others.size < universe.size) {
        // Fewer entities at the far end: walk back from them rather than forward from every candidate.
        const found = Bitset.empty(universe.capacity);
        const far = path.direction === 'OUTGOING' ? this.graph.incoming : this.graph.outgoing;
        for (const other of others.toArray()) {
          const rows = far.rowsOf(other);
          for (const row of rows) {
            if (!follows(row)) continue;
            const self = otherEnd(edges, row, other);
            if (universe.has(self) && meets(row, self)) found.add(self);
          }
          if (work.step(1 + rows.length)) await work.pause();
        }
        return found;
      }
      return this.keep(
        universe,
        null,
        (_e, self) => {
          const rows = near.rowsOf(self);
          work.step(rows.length);
          for (const row of rows) if (follows(row) && meets(row, self)) return true;
          return false;
        },
        work,
      );
    };
    switch (quantifier) {
      case 'some':
        return withSome();
      case 'none':
        return universe.andNot(await withSome());
      case 'every':
        return this.keep(
          universe,
          null,
          (_e, self) => {
            const rows = near.rowsOf(self);
            work.step(rows.length);
            for (const row of rows) if (follows(row) && !meets(row, self)) return false;
            return true;
          },
          work,
        );
    }
  }

  /** The adjacency that lists an entity's relationships in a path's direction (symmetric ones are in both). */
  private near(path: RelationPath): Adjacency {
    return path.direction === 'OUTGOING' ? this.graph.outgoing : this.graph.incoming;
  }

  private indexesOf(ids: readonly string[]): number[] {
    const found: number[] = [];
    for (const id of ids) {
      const index = this.graph.indexOf(id);
      if (index !== undefined) found.push(index);
    }
    return found;
  }

  /**
   * The members of `universe` among `candidates` (all of them when null) that pass `test`.
   * Candidates from an index may include some that do not meet the condition; the test decides.
   */
  private async keep(universe: Bitset, candidates: Iterable<number> | null, test: (entity: EntityModel, index: number) => boolean, work: RequestWork): Promise<Bitset> {
    const kept = Bitset.empty(universe.capacity);
    const { entities } = this.graph;
    for (const index of candidates ?? universe.toArray()) {
      if ((candidates === null || universe.has(index)) && test(entities[index]!, index)) kept.add(index);
      if (work.step()) await work.pause();
    }
    return kept;
  }
}

function otherEnd(edges: RelationshipTable, row: number, self: number): number {
  const from = edges.fromOf(row);
  return from === self ? edges.toOf(row) : from;
}

/** A rough price of a condition: 0 for what an index answers, more for what tests entity by entity. */
function cost(condition: EntityCondition): number {
  switch (condition.kind) {
    case 'id':
    case 'entityType':
      return 0;
    case 'name':
      return condition.test.equals !== undefined || condition.test.in !== undefined || condition.test.startsWith !== undefined ? 0 : 2;
    case 'relation':
      return 3;
    case 'and':
    case 'or':
    case 'not':
      return 4;
    default:
      return 1;
  }
}

export { isSymmetricCode };
