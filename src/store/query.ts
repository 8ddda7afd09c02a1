import type { Direction, RelationshipType, EntityTypeName, EvidenceMethod } from './models.js';

/**
 * What a store is asked for lists: a typed condition tree, orderings and keyset positions. The
 * GraphQL inputs (CountryFilter, CountryOrder, ...) are read into these by src/modules/filtering,
 * with every attribute and relationship field resolved through the catalogue, so a store never
 * sees a GraphQL input and never guesses what a key means. Texts in tests are folded already
 * (src/lib/text.ts foldText); dates are periods of whole days.
 */

/** Conditions on a text: every given condition must hold for at least one of the texts tested. */
export interface TextTest {
  equals?: string;
  in?: readonly string[];
  contains?: string;
  startsWith?: string;
}

/** Conditions on an exact value, such as an id or an enum value. */
export interface ValueTest {
  equals?: string;
  in?: readonly string[];
}

/** The days a date of any precision can denote: `2025-12` is 2025-12-01 to 2025-12-31. */
export interface Period {
  earliest: string;
  latest: string;
}

/**
 * Conditions on a date known to a precision. Each holds only when it holds for every day the value
 * can denote, except `overlaps`, which holds when the two periods share a day; a missing date meets
 * only `exists: false`.
 */
export interface DateTest {
  exists?: boolean;
  within?: Period;
  overlaps?: Period;
  after?: Period;
  before?: Period;
  onOrAfter?: Period;
  onOrBefore?: Period;
}

export interface CountTest {
  equals?: number;
  gte?: number;
  lte?: number;
}

/**
 * Conditions on the evidence of a relationship: it meets them when at least one of its evidence
 * items meets every one given. `methods`: the item was obtained by one of these methods (an empty
 * list is met by none). A relationship with one EXTRACTED and one INFERRED item meets
 * `{ methods: ['EXTRACTED'] }`: the source states it, whatever else also supports it.
 */
export interface EvidenceTest {
  methods?: readonly EvidenceMethod[];
}

/**
 * A way to follow relationships from an entity: their types, the entity's end of them, and, when
 * `evidence` is given, only the relationships whose evidence meets it (for `some`, `every`, `none`
 * and counts alike: the others are as if absent).
 */
export interface RelationPath {
  types: readonly RelationshipType[];
  direction: Exclude<Direction, 'BOTH'>;
  evidence?: EvidenceTest;
}

/** Conditions on one relationship seen from an entity: the entity at its other end, and its properties. */
export interface RelationshipCondition {
  other?: EntityCondition;
  onBehalfOf?: EntityCondition;
  capacity?: TextTest;
}

/** A condition an entity meets or not. `and` of nothing holds; `or` of nothing does not. */
export type EntityCondition =
  | { kind: 'and'; conditions: readonly EntityCondition[] }
  | { kind: 'or'; conditions: readonly EntityCondition[] }
  | { kind: 'not'; condition: EntityCondition }
  | { kind: 'id'; test: ValueTest }
  /** The name, any alias or any label. */
  | { kind: 'name'; test: TextTest }
  | { kind: 'entityType'; types: readonly EntityTypeName[] }
  /** A text attribute such as a country's code, folded like names. */
  | { kind: 'text'; attribute: string; test: TextTest }
  /** An enum attribute such as an event's status. */
  | { kind: 'value'; attribute: string; test: ValueTest }
  | { kind: 'date'; attribute: string; test: DateTest }
  /** `some`: at least one relationship meets the condition; `every`: all do; `none`: not one does. */
  | { kind: 'relation'; path: RelationPath; quantifier: 'some' | 'every' | 'none'; condition: RelationshipCondition }
  | { kind: 'relationCount'; path: RelationPath; test: CountTest };

/** What a list of entities can be ordered by. Name and then id always break the remaining ties. */
export type OrderKey =
  | { by: 'name' }
  /** The number of relationships of any type. */
  | { by: 'degree' }
  /** A dated attribute, by the first day it can denote; a missing date sorts last either way. */
  | { by: 'date'; attribute: string }
  | { by: 'relationCount'; path: RelationPath };

export interface Ordering {
  key: OrderKey;
  descending: boolean;
}

/**
 * A position in an ordered list: the sort keys of the item a page starts after, one per ordering,
 * then the tie-breakers (see each query). Keyset positions name an item by its keys, not its index,
 * so a page stays where it was when items are added before it.
 */
export type Position = ReadonlyArray<string | number | null>;

export interface PageRequest {
  first: number;
  after: Position | null;
}

/** One item of a page and the keys that place it, from which its cursor is made. */
export interface PageItem<T> {
  node: T;
  position: Position;
}

export interface Page<T> {
  items: Array<PageItem<T>>;
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * A list of entities: of one type or of all (`type: null`), meeting `condition` when given, ordered
 * by `orderBy` in turn and then by name and id. Positions are the ordering keys, then name, then id.
 */
export interface EntityQuery extends PageRequest {
  type: EntityTypeName | null;
  condition: EntityCondition | null;
  orderBy: readonly Ordering[];
}

/**
 * One node's relationships of some types in one direction (symmetric ones count both ways), and
 * when `evidence` is given only those whose evidence meets it: pages and totals leave the rest out.
 */
export interface RelationshipListKey {
  nodeId: string;
  types: readonly RelationshipType[] | null;
  direction: Direction;
  evidence?: EvidenceTest | null;
}

/** How to order a node's relationships: by the entity at the other end. */
export type RelatedOrderKey = { by: 'name' } | { by: 'degree' };

/**
 * A page of each of many nodes' relationships. Without orderings they come in the order they were
 * recorded (the seed's, then curation's); with them, by the entity at the other end, then its name
 * and id, then recording order. Positions are the ordering keys, then (when ordered) the other
 * end's name and id, then the relationship's sequence number.
 */
export interface RelationshipPageRequest extends PageRequest {
  orderBy: ReadonlyArray<{ key: RelatedOrderKey; descending: boolean }>;
  /** What the page's reader will read; without it, everything. */
  reads?: RelationshipReads;
  /** The page of each other end's relationships that the reader will ask for next, if it is known. */
  next?: NextRelationshipPage;
  /** Whether to read each key's node too, whole: a node looked up by id with its first page (see RelationshipPage.node). */
  node?: boolean;
}

/**
 * The same page of every entity at the other ends of a page's relationships: what a query asks of
 * them next (`relations(first: 20)` under `other`), so that a database store can read it in the
 * same statement (see RelationshipPage.next). A store may leave it unread.
 */
export interface NextRelationshipPage {
  types: readonly RelationshipType[] | null;
  direction: Direction;
  evidence: EvidenceTest | null;
  page: RelationshipPageRequest;
}

/**
 * What a reader of a relationship page will read, worked out from the query's selection (see
 * src/modules/graph/reads.ts), so that a database store reads no column nobody asked for. A store
 * may always give more: the memory store has everything at hand and ignores this.
 */
export interface RelationshipReads {
  /** Whether the relationships' evidence is read; without it, reading it is an error. */
  evidence: boolean;
  /**
   * Of the entities at the other ends: their id and type only (`id`), also their name and
   * description (`summary`), or everything (`full`).
   */
  others: 'id' | 'summary' | 'full';
}

/** What a page's reader reads: what the request names, else everything. */
export function readsOf(page: RelationshipPageRequest): RelationshipReads {
  return page.reads ?? READ_ALL;
}

const READ_ALL: RelationshipReads = { evidence: true, others: 'full' };

/** How timeline entries are chosen: dated attributes of entities of some types, within bounds. */
export interface TimelineQuery extends PageRequest {
  types: readonly EntityTypeName[] | null;
  /** Only entries whose date lies wholly on or after the start of this period. */
  from: Period | null;
  /** Only entries whose date lies wholly on or before the end of this period. */
  to: Period | null;
}

/** What grouped counts group by: the entities at the other end of a relationship, or an attribute. */
export type GroupBy =
  | { relationship: RelationshipType; direction: Direction }
  | { attribute: 'KIND' | 'STATUS' | 'YEAR' | 'ENTITY_TYPE' };

/** Groups are placed by size (largest first), then by the group's name or value, then its key. */
export interface GroupCountQuery extends PageRequest {
  type: EntityTypeName;
  by: GroupBy;
}

/** Facts with evidence in a span of a source; placed by where the evidence starts and ends, then by subject id, kind and attribute. */
export interface EvidenceQuery extends PageRequest {
  sourceId: string;
  start: number;
  end: number;
  /** Only facts whose evidence was obtained by one of these methods; every fact when null or absent. */
  methods?: readonly EvidenceMethod[] | null;
}
