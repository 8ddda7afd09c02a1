import { Bitset } from '../lib/bitset.js';
import { parseGlobalId } from '../lib/global-id.js';
import { compareByNameThenId, compareNames, foldText } from '../lib/text.js';
import { sortInSlices } from '../lib/sort-in-slices.js';
import { RequestWork, unmeasured } from '../lib/work.js';
import { Adjacency, isSymmetricCode } from './adjacency.js';
import { RELATIONSHIP_TYPE_CODES, type RelationshipTable } from './relationship-table.js';
import type { IdIndex } from './id-index.js';
import type { GraphStatistics, GraphStore, SearchOptions, SearchResults } from './graph-store.js';
import { ConditionEvaluator, meetsDate, rowTest, typeMask, type MemoryGraph } from './memory-conditions.js';
import type { Direction, RelationshipModel, RelationshipType, EntityModel, EntityTypeName, FactModel, GroupCountModel, NodeModel, PartialDateModel, TimelineEntryModel } from './models.js';
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from './models.js';
import { findNamed, isFoldedName, sortByNameThenId } from './name-order.js';
import { selectPage } from './page-selection.js';
import { checkPosition, compareIds, compareKeys, comparePositions, entityPositionKinds, FACT_POSITION_KINDS, firstAfter, GROUP_POSITION_KINDS, relationshipPositionKinds, TIMELINE_POSITION_KINDS, type SlotOrder, type SortKey } from './positions.js';
import type { EntityQuery, EvidenceQuery, EvidenceTest, GroupCountQuery, Ordering, Page, PageRequest, Position, RelationshipListKey, RelationshipPageRequest, TimelineQuery } from './query.js';
import { FACT_SLOTS, FactIndex } from './fact-index.js';
import { SearchIndex } from './search-index.js';
import { KIND_RANK, PRECISION_RANK } from './timeline-order.js';
import type { SeedGraph } from './seed.js';
import { DATED_ATTRIBUTES } from './vocabulary.js';

/**
 * The embedded store: the whole graph in memory, with its indexes built once at load. It never
 * changes after construction, which is what lets cursors be positions and caches key on `version`.
 * Entities are objects, found by id through one map to their index; relationships stay in the seed's
 * edge table and are reached through two compressed adjacency arrays, so the store holds no object
 * and no array per relationship. The search and evidence indexes are built on first use.
 */
export class MemoryGraphStore implements GraphStore {
  readonly version: string;
  private readonly entities: readonly EntityModel[];
  private readonly indexOf: IdIndex;
  private readonly edges: RelationshipTable;
  private readonly outgoing: Adjacency;
  private readonly incoming: Adjacency;
  private readonly byType = new Map<EntityTypeName, EntityModel[]>();
  /** The entity indexes of each type, in byType's order (name, then id). */
  private readonly typeIndexes = new Map<EntityTypeName, Int32Array>();
  /**
   * Folded aliases, labels, codes and names, except names already folded: those are found by binary
   * search in byType, which is sorted by name anyway, so a million of them need no map entries.
   * Most names belong to one entity: stored bare, and as a list only when shared.
   */
  private readonly byFoldedName = new Map<string, EntityModel | EntityModel[]>();
  private factIndex: Promise<FactIndex> | null = null;
  private searchIndex: Promise<SearchIndex> | null = null;
  /** Each entity's place in its type's name order, by entity index. */
  private readonly rankInType: Int32Array;
  private allNameRank: Promise<Int32Array> | null = null;
  /** The entities of each type as a set of indexes, made at construction: on first use, a type of 10⁶ held the event loop for half a second. */
  private readonly typeMembers = new Map<EntityTypeName, Bitset>();
  private sortedNames: Promise<{ names: string[]; owners: Int32Array }> | null = null;
  private readonly evaluator: ConditionEvaluator;
  private counted: GraphStatistics | null = null;

  /**
   * `sourceTexts` are the texts the seed was checked against at load (by source id): loading refuses
   * a text whose SHA-256 or length differs from its source's, so every one held here is the text the
   * offsets count in.
   */
  constructor(
    graph: SeedGraph,
    private readonly sourceTexts: ReadonlyMap<string, string> = new Map(),
    /** Ids merged into another entity, each with the id it resolves to (see mergeEntities). */
    private readonly mergedIds: ReadonlyMap<string, string> = new Map(),
  ) {
    this.version = graph.version;
    this.entities = graph.entities;
    this.indexOf = graph.entityIndex;
    this.edges = graph.edges;
    for (const type of ENTITY_TYPES) {
      this.byType.set(type, []);
      this.typeMembers.set(type, Bitset.empty(graph.entities.length));
    }
    const names: string[] = [];
    for (let index = 0; index < graph.entities.length; index++) {
      const entity = graph.entities[index]!;
      this.byType.get(entity.type)!.push(entity);
      this.typeMembers.get(entity.type)!.add(index);
      // A country's ISO code is one of its names: `country(code:)` and name lookups both find it.
      names.length = 0;
      if (!isFoldedName(entity.name)) names.push(entity.name);
      for (const alias of entity.aliases) names.push(alias);
      for (const label of entity.labels) names.push(label.text);
      if (entity.type === 'Country') names.push(entity.code);
      for (let i = 0; i < names.length; i++) {
        const name = foldText(names[i]!);
        names[i] = name;
        if (names.indexOf(name) === i) this.indexName(name, entity);
      }
    }
    for (const list of this.byType.values()) sortByNameThenId(list);
    this.rankInType = new Int32Array(graph.entities.length);
    for (const [type, list] of this.byType) {
      const indexes = new Int32Array(list.length);
      list.forEach((entity, rank) => {
        indexes[rank] = this.indexOf.get(entity.id)!;
        this.rankInType[indexes[rank]!] = rank;
      });
      this.typeIndexes.set(type, indexes);
    }
    this.outgoing = Adjacency.build(graph.edges, graph.entities.length, 'from');
    this.incoming = Adjacency.build(graph.edges, graph.entities.length, 'to');
    this.evaluator = new ConditionEvaluator(this.graphView());
  }

  private indexName(name: string, entity: EntityModel): void {
    const found = this.byFoldedName.get(name);
    if (found === undefined) this.byFoldedName.set(name, entity);
    else if (Array.isArray(found)) found.push(entity);
    else this.byFoldedName.set(name, [found, entity]);
  }

  /** The number of entities and relationships held. */
  get size(): { entities: number; relationships: number } {
    return { entities: this.entities.length, relationships: this.edges.length };
  }

  statistics(): GraphStatistics {
    if (!this.counted) {
      const entities = Object.fromEntries(ENTITY_TYPES.map((type) => [type, this.byType.get(type)?.length ?? 0])) as Record<EntityTypeName, number>;
      const relationships = Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, 0])) as Record<RelationshipType, number>;
      for (let row = 0; row < this.edges.length; row++) relationships[this.edges.typeOf(row)] += 1;
      this.counted = { entities, relationships };
    }
    return this.counted;
  }

  async getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>> {
    return ids.map((id) => this.getNodeNow(id));
  }

  getNodeNow(id: string): NodeModel | null {
    const index = this.indexOf.get(id);
    if (index !== undefined) return this.entities[index]!;
    const survivor = this.mergedIds.get(id);
    return survivor === undefined ? this.findRelationshipById(id) : this.getNodeNow(survivor);
  }

  /**
   * Relationships are not indexed by id: the id names the start, type and end, which find it. An
   * end merged into another entity is read as that entity, so the id of a relationship from before
   * a merge still finds it.
   */
  private findRelationshipById(id: string): RelationshipModel | null {
    if (!id.startsWith('Relationship:')) return null;
    const parsed = parseGlobalId(id);
    if (!parsed || parsed.kind !== 'relationship') return null;
    const from = this.indexOf.get(this.mergedIds.get(parsed.fromId) ?? parsed.fromId);
    const to = this.indexOf.get(this.mergedIds.get(parsed.toId) ?? parsed.toId);
    const code = RELATIONSHIP_TYPE_CODES.get(parsed.edgeType);
    if (from === undefined || to === undefined || code === undefined) return null;
    for (const row of this.outgoing.rowsOf(from)) {
      if (this.edges.typeCodeOf(row) === code && this.edges.fromOf(row) === from && this.edges.toOf(row) === to) return this.edges.edge(row);
    }
    return null;
  }

  async getRelationships(nodeIds: readonly string[], types: readonly RelationshipType[] | null, direction: Direction, work?: RequestWork): Promise<RelationshipModel[][]> {
    const mask = typeMask(types);
    const measured = unmeasured(work);
    const lists: RelationshipModel[][] = [];
    for (const nodeId of nodeIds) {
      const found: RelationshipModel[] = [];
      lists.push(found);
      const entity = this.indexOf.get(nodeId);
      if (entity === undefined) continue;
      if (direction !== 'INCOMING') this.collect(this.outgoing.rowsOf(entity), mask, false, found);
      // A symmetric relationship is in both indexes of both ends: with BOTH, list it once.
      if (direction !== 'OUTGOING') this.collect(this.incoming.rowsOf(entity), mask, direction === 'BOTH', found);
      if (measured.step(1 + found.length)) await measured.pause();
    }
    return lists;
  }

  async findByName(foldedNames: readonly string[]): Promise<EntityModel[][]> {
    return foldedNames.map((name) => this.entitiesNamed(name));
  }

  /** The entities whose name, alias, label or code folds to `name`, in seed order. */
  private entitiesNamed(name: string): EntityModel[] {
    const indexed = this.byFoldedName.get(name);
    const found = indexed === undefined ? [] : Array.isArray(indexed) ? indexed : [indexed];
    if (!isFoldedName(name)) return found;
    const named = [...this.byType.values()].flatMap((list) => findNamed(list, name));
    if (named.length === 0) return found;
    // In seed order, each entity once, as if every name were in the map.
    const all = new Set([...found, ...named]);
    return [...all].sort((a, b) => this.indexOf.get(a.id)! - this.indexOf.get(b.id)!);
  }

  async listEntities(query: EntityQuery, work?: RequestWork): Promise<Page<EntityModel>> {
    checkPosition(query.after, entityPositionKinds(query.orderBy));
    const measured = unmeasured(work);
    const slots = entitySlots(query.orderBy);
    if (query.type !== null && query.condition === null && query.orderBy.length === 0) {
      // The type's list is kept in name order: a page at any depth is a binary search away.
      const all = this.byType.get(query.type) ?? [];
      const page = pageOf(all, query, (entity) => [entity.name, entity.id], slots);
      measured.step(page.items.length);
      return page;
    }
    const universe = query.type === null ? Bitset.full(this.entities.length) : this.membersOf(query.type);
    const matched = query.condition === null ? universe : await this.evaluator.select(query.condition, universe, measured);
    const indexes = matched.toArray();
    const rank = query.type === null ? await this.globalNameRank() : this.rankInType;
    // Each ordering's key for every matched entity, by place in `indexes`.
    const keys: SortKey[][] = [];
    for (const ordering of query.orderBy) keys.push(await this.sortKeys(ordering, indexes, measured));
    const positionOf = (i: number): Position => [...keys.map((list) => list[i]!), this.entities[indexes[i]!]!.name, this.entities[indexes[i]!]!.id];
    const compare = (a: number, b: number): number => {
      // As comparePositions would, without making a position per comparison.
      for (let k = 0; k < keys.length; k++) {
        const c = compareKeys(keys[k]![a]!, keys[k]![b]!, slots[k] === 'desc');
        if (c !== 0) return c;
      }
      return rank[indexes[a]!]! - rank[indexes[b]!]!;
    };
    const after = query.after;
    const isAfter = after === null ? null : (i: number) => comparePositions(positionOf(i), after, slots) > 0;
    const selected = await selectPage(indexes.keys(), compare, isAfter, query.first, measured);
    return {
      items: selected.items.map((i) => ({ node: this.entities[indexes[i]!]!, position: positionOf(i) })),
      totalCount: indexes.length,
      hasNextPage: selected.remaining > selected.items.length,
    };
  }

  /** The key an ordering sorts by, for each of the given entities. */
  private async sortKeys(ordering: Ordering, indexes: Int32Array, work: RequestWork): Promise<SortKey[]> {
    const key = ordering.key;
    const result: SortKey[] = new Array(indexes.length);
    for (let i = 0; i < indexes.length; i++) {
      const index = indexes[i]!;
      const entity = this.entities[index]!;
      switch (key.by) {
        case 'name':
          result[i] = entity.name;
          break;
        case 'degree':
          result[i] = this.countRows(index, -1, 'BOTH');
          break;
        case 'date': {
          const date = (entity as unknown as Record<string, PartialDateModel | null | undefined>)[key.attribute];
          result[i] = date?.earliest ?? null;
          break;
        }
        case 'relationCount':
          result[i] = this.countRows(index, typeMask(key.path.types), key.path.direction);
          break;
      }
      if (work.step()) await work.pause();
    }
    return result;
  }

  /** How many relationships of an entity are of the types in `mask`, in a direction (symmetric ones once). */
  private countRows(index: number, mask: number, direction: Direction): number {
    let count = 0;
    const tally = (rows: Int32Array, skipSymmetric: boolean) => {
      for (const row of rows) {
        const code = this.edges.typeCodeOf(row);
        if (((mask >>> code) & 1) === 1 && !(skipSymmetric && isSymmetricCode(code))) count++;
      }
    };
    if (direction !== 'INCOMING') tally(this.outgoing.rowsOf(index), false);
    if (direction !== 'OUTGOING') tally(this.incoming.rowsOf(index), direction === 'BOTH');
    return count;
  }

  async listRelationships(keys: readonly RelationshipListKey[], page: RelationshipPageRequest, work?: RequestWork): Promise<Array<Page<RelationshipModel>>> {
    checkPosition(page.after, relationshipPositionKinds(page.orderBy));
    const measured = unmeasured(work);
    const slots: SlotOrder[] =
      page.orderBy.length === 0 ? ['asc', 'asc'] : [...page.orderBy.map((o): SlotOrder => (o.descending ? 'desc' : 'asc')), 'asc', 'id', 'asc', 'asc'];
    const pages: Array<Page<RelationshipModel>> = [];
    for (const key of keys) {
      const index = this.indexOf.get(key.nodeId);
      if (index === undefined) {
        pages.push({ items: [], totalCount: 0, hasNextPage: false });
        continue;
      }
      const rows = this.relationshipRows(index, typeMask(key.types), key.direction, key.evidence);
      measured.step(rows.length);
      if (page.orderBy.length === 0) {
        // Recording order is the rows' own order: the page is a binary search away.
        const paged = pageOf(rows, page, ({ rank, row }) => [rank, row], slots);
        pages.push({ ...paged, items: paged.items.map(({ node, position }) => ({ node: this.edges.edge(node.row), position })) });
        continue;
      }
      const positionOf = ({ row, rank }: { row: number; rank: number }): Position => {
        const otherIndex = this.edges.fromOf(row) === index ? this.edges.toOf(row) : this.edges.fromOf(row);
        const other = this.entities[otherIndex]!;
        const orderKeys = page.orderBy.map(({ key: orderKey }) => (orderKey.by === 'name' ? other.name : this.countRows(otherIndex, -1, 'BOTH')));
        return [...orderKeys, other.name, other.id, rank, row];
      };
      const listed = [];
      for (const item of rows) {
        listed.push({ row: item.row, position: positionOf(item) });
        if (measured.step()) await measured.pause();
      }
      const after = page.after;
      const selected = await selectPage(
        listed,
        (a, b) => comparePositions(a.position, b.position, slots),
        after === null ? null : (item) => comparePositions(item.position, after, slots) > 0,
        page.first,
        measured,
      );
      pages.push({
        items: selected.items.map(({ row, position }) => ({ node: this.edges.edge(row), position })),
        totalCount: rows.length,
        hasNextPage: selected.remaining > selected.items.length,
      });
    }
    return pages;
  }

  /**
   * An entity's relationship rows in recording order; with BOTH, outgoing ones (rank 0) before
   * incoming ones (rank 1), a symmetric relationship counting as outgoing from either end, once.
   */
  private relationshipRows(index: number, mask: number, direction: Direction, evidence?: EvidenceTest | null): Array<{ row: number; rank: number }> {
    const found: Array<{ row: number; rank: number }> = [];
    if (evidence) {
      const meets = rowTest(this.edges, null, evidence);
      return this.relationshipRows(index, mask, direction).filter(({ row }) => meets(row));
    }
    if (direction !== 'INCOMING') {
      for (const row of this.outgoing.rowsOf(index)) if (((mask >>> this.edges.typeCodeOf(row)) & 1) === 1) found.push({ row, rank: 0 });
    }
    if (direction !== 'OUTGOING') {
      for (const row of this.incoming.rowsOf(index)) {
        const code = this.edges.typeCodeOf(row);
        if (((mask >>> code) & 1) !== 1) continue;
        // With BOTH a symmetric relationship was listed among the outgoing ones already.
        if (direction === 'BOTH' && isSymmetricCode(code)) continue;
        found.push({ row, rank: direction === 'BOTH' ? 1 : 0 });
      }
    }
    return found;
  }

  async listTimeline(query: TimelineQuery, work?: RequestWork): Promise<Page<TimelineEntryModel>> {
    checkPosition(query.after, TIMELINE_POSITION_KINDS);
    const measured = unmeasured(work);
    const entries: Array<{ entry: TimelineEntryModel; position: Position }> = [];
    const bounds = { ...(query.from ? { onOrAfter: query.from } : {}), ...(query.to ? { onOrBefore: query.to } : {}) };
    for (const [type, attributes] of Object.entries(DATED_ATTRIBUTES) as Array<[EntityTypeName, NonNullable<(typeof DATED_ATTRIBUTES)[EntityTypeName]>]>) {
      if (query.types && !query.types.includes(type)) continue;
      for (const entity of this.byType.get(type) ?? []) {
        for (const { attribute, kind, verb } of attributes) {
          const date = (entity as unknown as Record<string, PartialDateModel | null>)[attribute];
          if (!date || !meetsDate(date, bounds)) continue;
          const entry: TimelineEntryModel = { date, kind, entity, label: `${entity.name} ${verb}` };
          entries.push({ entry, position: [date.earliest, PRECISION_RANK[date.precision], entity.name, KIND_RANK[kind], entity.id] });
        }
        if (measured.step()) await measured.pause();
      }
    }
    const after = query.after;
    const selected = await selectPage(
      entries,
      (a, b) => comparePositions(a.position, b.position, TIMELINE_SLOTS),
      after === null ? null : (item) => comparePositions(item.position, after, TIMELINE_SLOTS) > 0,
      query.first,
      measured,
    );
    return {
      items: selected.items.map(({ entry, position }) => ({ node: entry, position })),
      totalCount: entries.length,
      hasNextPage: selected.remaining > selected.items.length,
    };
  }

  async countGroups(query: GroupCountQuery, work?: RequestWork): Promise<Page<GroupCountModel>> {
    checkPosition(query.after, GROUP_POSITION_KINDS);
    const measured = unmeasured(work);
    const by = query.by;
    // Each group's size, keyed by the value or by the other end's entity index, and the member it
    // counted last (members are visited one at a time, so each is counted once): maps of numbers,
    // no list per group, so a count over a million memberships leaves the collector little to do.
    // Only the groups of the page learn their members, afterwards.
    const counts = new Map<string | number, number>();
    const lastCounted = new Map<string | number, number>();
    const add = (key: string | number, member: number) => {
      if (lastCounted.get(key) === member) return;
      lastCounted.set(key, member);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    const mask = 'relationship' in by ? typeMask([by.relationship]) : 0;
    for (const index of this.typeIndexes.get(query.type) ?? []) {
      if ('attribute' in by) {
        const value = groupValueOf(this.entities[index]!, by.attribute);
        if (value !== null) add(value, index);
      } else {
        measured.step(this.forEachRelated(index, mask, by.direction, (other) => add(other, index)));
      }
      if (measured.step()) await measured.pause();
    }
    const nameOf = (key: string | number) => (typeof key === 'number' ? this.entities[key]!.name : key);
    const keyOf = (key: string | number) => (typeof key === 'number' ? this.entities[key]!.id : key);
    const positionOf = ([key, count]: [string | number, number]): Position => [count, nameOf(key), keyOf(key)];
    const after = query.after;
    const selected = await selectPage(
      counts.entries(),
      // As comparePositions over GROUP_SLOTS would, without making a position per comparison.
      ([keyA, a], [keyB, b]) => b - a || compareNames(nameOf(keyA), nameOf(keyB)) || compareIds(keyOf(keyA), keyOf(keyB)),
      after === null ? null : (group) => comparePositions(positionOf(group), after, GROUP_SLOTS) > 0,
      query.first,
      measured,
    );
    const members = await this.groupMembers(query, selected.items.map(([key]) => key), measured);
    const items = selected.items.map(([key, count]) => ({
      node: { entityId: typeof key === 'number' ? keyOf(key) : null, value: typeof key === 'number' ? null : key, count, memberIds: members.get(key)!.map((member) => this.entities[member]!.id) },
      position: positionOf([key, count]),
    }));
    return { items, totalCount: counts.size, hasNextPage: selected.remaining > selected.items.length };
  }

  /** The members of some groups of a grouped count, as entity indexes in name order. */
  private async groupMembers(query: GroupCountQuery, keys: ReadonlyArray<string | number>, work: RequestWork): Promise<Map<string | number, number[]>> {
    const found = new Map(keys.map((key) => [key, [] as number[]]));
    const by = query.by;
    if ('attribute' in by) {
      // A few values, each perhaps of many members: one pass over the type, in name order.
      for (const index of this.typeIndexes.get(query.type) ?? []) {
        const value = groupValueOf(this.entities[index]!, by.attribute);
        if (value !== null) found.get(value)?.push(index);
        if (work.step()) await work.pause();
      }
      return found;
    }
    // From the group's entity back to the members whose relationships reach it: each relationship at
    // the group's entity, from either of its ends, if forEachRelated would follow it to the group.
    const mask = typeMask([by.relationship]);
    const ofType = this.membersOf(query.type);
    for (const [key, list] of found) {
      const target = key as number;
      const members = new Set<number>();
      for (const rows of [this.outgoing.rowsOf(target), this.incoming.rowsOf(target)]) {
        for (const row of rows) {
          if (((mask >>> this.edges.typeCodeOf(row)) & 1) !== 1) continue;
          for (const member of [this.edges.fromOf(row), this.edges.toOf(row)]) {
            if (ofType.has(member) && !members.has(member) && this.follows(row, member, by.direction, target)) members.add(member);
          }
        }
      }
      list.push(...[...members].sort((a, b) => this.rankInType[a]! - this.rankInType[b]!));
      if (work.step(members.size)) await work.pause();
    }
    return found;
  }

  /**
   * Calls `visit` with the other end of each relationship of an entity whose type is in `mask`, in
   * a direction (with BOTH, a symmetric relationship once), as relationshipRows lists them;
   * returns how many.
   */
  private forEachRelated(index: number, mask: number, direction: Direction, visit: (other: number) => void): number {
    let count = 0;
    const other = (row: number) => (this.edges.fromOf(row) === index ? this.edges.toOf(row) : this.edges.fromOf(row));
    if (direction !== 'INCOMING') {
      for (const row of this.outgoing.rowsOf(index)) {
        if (((mask >>> this.edges.typeCodeOf(row)) & 1) !== 1) continue;
        visit(other(row));
        count++;
      }
    }
    if (direction !== 'OUTGOING') {
      for (const row of this.incoming.rowsOf(index)) {
        const code = this.edges.typeCodeOf(row);
        if (((mask >>> code) & 1) !== 1 || (direction === 'BOTH' && isSymmetricCode(code))) continue;
        visit(other(row));
        count++;
      }
    }
    return count;
  }

  /** Whether forEachRelated(member, …, direction) follows relationship `row` to `target`. */
  private follows(row: number, member: number, direction: Direction, target: number): boolean {
    const [from, to] = [this.edges.fromOf(row), this.edges.toOf(row)];
    if ((from === member ? to : from) !== target) return false;
    // Adjacency lists a symmetric relationship under both ends, each way.
    const symmetric = isSymmetricCode(this.edges.typeCodeOf(row));
    const outgoing = from === member || (symmetric && to === member);
    const incoming = to === member || (symmetric && from === member);
    return (direction !== 'INCOMING' && outgoing) || (direction !== 'OUTGOING' && incoming && !(direction === 'BOTH' && symmetric));
  }

  /** The entities of a type as a set of indexes. */
  private membersOf(type: EntityTypeName): Bitset {
    return this.typeMembers.get(type)!;
  }

  /** Each entity's place in name order among all entities, made on first use (or by warmUp), in slices. */
  private globalNameRank(): Promise<Int32Array> {
    this.allNameRank ??= retryable((async () => {
      const work = new RequestWork();
      const all = await sortInSlices([...this.entities], compareByNameThenId, work);
      const rank = new Int32Array(this.entities.length);
      all.forEach((entity, place) => (rank[this.indexOf.get(entity.id)!] = place));
      return rank;
    })(), () => (this.allNameRank = null));
    return this.allNameRank;
  }

  /** Every folded name, alias and label with its entity, in code-unit order, for prefix look-ups; made on first use (or by warmUp), in slices. */
  private namesInOrder(): Promise<{ names: string[]; owners: Int32Array }> {
    this.sortedNames ??= retryable((async () => {
      const work = new RequestWork();
      const pairs: Array<[string, number]> = [];
      for (let index = 0; index < this.entities.length; index++) {
        const entity = this.entities[index]!;
        for (const text of [entity.name, ...entity.aliases, ...entity.labels.map((label) => label.text)]) pairs.push([foldText(text), index]);
        if (work.step()) await work.pause();
      }
      await sortInSlices(pairs, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]), work);
      return { names: pairs.map((pair) => pair[0]), owners: Int32Array.from(pairs, (pair) => pair[1]) };
    })(), () => (this.sortedNames = null));
    return this.sortedNames;
  }

  /** What the condition evaluator reads; public so that tests can count what a filter touches. */
  graphView(): MemoryGraph {
    return {
      entities: this.entities,
      edges: this.edges,
      outgoing: this.outgoing,
      incoming: this.incoming,
      indexOf: (id) => this.indexOf.get(id),
      membersOf: (type) => this.membersOf(type),
      namedExactly: (folded) => {
        const indexed = this.byFoldedName.get(folded);
        const found = indexed === undefined ? [] : Array.isArray(indexed) ? indexed : [indexed];
        const named = isFoldedName(folded) ? [...this.byType.values()].flatMap((list) => findNamed(list, folded)) : [];
        return [...found, ...named].map((entity) => this.indexOf.get(entity.id)!);
      },
      namedStartingWith: async (prefix) => {
        const { names, owners } = await this.namesInOrder();
        let [low, high] = [0, names.length];
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (names[middle]! < prefix) low = middle + 1;
          else high = middle;
        }
        const found: number[] = [];
        for (let i = low; i < names.length && names[i]!.startsWith(prefix); i++) found.push(owners[i]!);
        return found;
      },
    };
  }

  /**
   * Builds the indexes made on first use now, in slices (the name orders, the facts by source, the
   * search index; and the counts of statistics()), so that no request waits for them; the service
   * calls this after start-up.
   * Requests that come first wait for the same builds, while other requests are served.
   */
  async warmUp(): Promise<void> {
    // Counted in one pass over every relationship: the first request priced would otherwise wait for it.
    this.statistics();
    await this.globalNameRank();
    await this.namesInOrder();
    await this.factIndexBuilt();
    await this.searchIndexBuilt();
    await this.warmUpSearch();
  }

  /**
   * A few searches in the graph's own words, names and a description, so that V8 has optimised the
   * search code before the first request: at 10⁶ entities a first search took 83 ms and a third 11,
   * a first search for a common word 189 ms and a second 34 (still in slices, but each slower to
   * give the event loop back).
   */
  private async warmUpSearch(): Promise<void> {
    const options: SearchOptions = { types: null, includeRelationships: true, offset: 0, limit: 10 };
    const picks = [0, this.entities.length >>> 1, this.entities.length - 1].map((i) => this.entities[i]).filter((entity) => entity !== undefined);
    const queries = picks.flatMap((entity) => [entity.name, entity.description ?? entity.name]);
    if (picks.length > 1) queries.push(`${picks[0]!.name} ${picks[1]!.name}`);
    for (let round = 0; round < 3; round++) {
      // A name may hold no searchable word, which a search refuses: the others still warm it.
      for (const query of queries) await this.search(query, options).catch(() => undefined);
    }
  }

  async getSourceTexts(sourceIds: readonly string[]): Promise<Array<string | null>> {
    return sourceIds.map((id) => this.sourceTexts.get(id) ?? null);
  }

  private searchIndexBuilt(): Promise<SearchIndex> {
    // Built on first use, or by warmUp: a graph nobody searches costs no index.
    this.searchIndex ??= retryable(SearchIndex.build(this.entities, this.edges, new RequestWork()), () => (this.searchIndex = null));
    return this.searchIndex;
  }

  async search(query: string, options: SearchOptions, work?: RequestWork): Promise<SearchResults> {
    const index = await this.searchIndexBuilt();
    // The index numbers entities in the store's order, so an entity's index is its document.
    const folded = foldText(query);
    const exact = this.entitiesNamed(folded).map((entity) => ({ document: this.indexOf.get(entity.id)!, isName: foldText(entity.name) === folded }));
    return index.search(query, options, exact, unmeasured(work));
  }

  async findEvidence(query: EvidenceQuery, work?: RequestWork): Promise<Page<FactModel>> {
    checkPosition(query.after, FACT_POSITION_KINDS);
    const index = await this.factIndexBuilt();
    const found = await index.overlapping(query.sourceId, query.start, query.end, query.methods ?? null, unmeasured(work));
    const page = pageOf(found, query, (ref) => index.position(ref), FACT_SLOTS);
    return { ...page, items: page.items.map(({ node, position }) => ({ node: index.fact(node), position })) };
  }

  private factIndexBuilt(): Promise<FactIndex> {
    this.factIndex ??= retryable(FactIndex.build(this.entities, this.edges, new RequestWork()), () => (this.factIndex = null));
    return this.factIndex;
  }

  private collect(rows: Int32Array, mask: number, skipSymmetric: boolean, into: RelationshipModel[]): void {
    for (const row of rows) {
      const code = this.edges.typeCodeOf(row);
      if (((mask >>> code) & 1) === 1 && !(skipSymmetric && isSymmetricCode(code))) into.push(this.edges.edge(row));
    }
  }
}

/** An index being built: should the build fail, `forget` clears it so the next use builds it again. */
function retryable<T>(building: Promise<T>, forget: () => void): Promise<T> {
  building.catch(forget);
  return building;
}

/** Timeline positions: first day, precision (finer first), name, kind, id. */
const TIMELINE_SLOTS: readonly SlotOrder[] = ['asc', 'asc', 'asc', 'asc', 'id'];
/** Group positions: size (largest first), name or value, key. */
const GROUP_SLOTS: readonly SlotOrder[] = ['desc', 'asc', 'id'];
/** How entity positions compare: the orderings' keys, then name, then id. */
function entitySlots(orderBy: readonly Ordering[]): SlotOrder[] {
  return [...orderBy.map((o): SlotOrder => (o.descending ? 'desc' : 'asc')), 'asc', 'id'];
}

/** The page of a sorted list that starts after `request.after`. */
function pageOf<T>(sorted: readonly T[], request: PageRequest, positionOf: (item: T) => Position, slots: readonly SlotOrder[]): Page<T> {
  const start = firstAfter(sorted, request.after, positionOf, slots);
  const items = sorted.slice(start, start + request.first).map((node) => ({ node, position: positionOf(node) }));
  return { items, totalCount: sorted.length, hasNextPage: start + items.length < sorted.length };
}

/** The value an entity is grouped under by an attribute, or null when it has none. */
function groupValueOf(entity: EntityModel, attribute: 'KIND' | 'STATUS' | 'YEAR' | 'ENTITY_TYPE'): string | null {
  const record = entity as unknown as Record<string, unknown>;
  switch (attribute) {
    case 'KIND':
      return (record.kind as string | undefined) ?? null;
    case 'STATUS':
      return (record.status as string | undefined) ?? null;
    case 'ENTITY_TYPE':
      return entity.entityType;
    case 'YEAR': {
      const first = DATED_ATTRIBUTES[entity.type]?.[0];
      const date = first ? (record[first.attribute] as PartialDateModel | null) : null;
      return date ? date.iso.slice(0, 4) : null;
    }
  }
}
