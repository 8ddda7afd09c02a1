import type { EntityModel, RelationshipModel } from '../models.js';
import { readsOf, type Page, type RelationshipPageRequest, type RelationshipReads } from '../query.js';
import { afterSql, ID_SLOT, NAME_SLOT, orderBySql, type Slot } from './keyset.js';
import type { Params } from './params.js';
import { entityColumnList, entityFrom, entitySummaryFrom, relationshipColumnList, relationshipFrom, type Column } from './rows.js';

/**
 * Pages of nodes' relationships as SQL: the page of one node, for the statement of a batch of nodes
 * (whose keys come from `unnest`) and for the page of each entity at the other ends read in the
 * same statement (whose key is the same for all). Both are made here, so they cannot disagree.
 */

/** A page's key as SQL expressions: comma-separated types or null, the direction, the evidence methods' bits or null. */
export interface KeySql {
  types: string;
  direction: string;
  methods: string;
}

/** What the rows of a page are read with. */
export interface PagePlan {
  slots: Slot[];
  /** The number of the node's relationships in the list, for the node's entity row. */
  total: string;
  /** A subquery of the page's rows after the cursor, one more than asked: `rel`, `other`, `k0`…, `place`. */
  rows: string;
  /** The columns read of each row: its place, its position keys, its relationship, its other end as the reads say. */
  columns: Column[];
  /** The joins those columns need, from the rows' alias. */
  joins: string;
  reads: RelationshipReads;
}

/**
 * The plan of a page of the node whose entity row is `node`, with table aliases ending in `suffix`
 * (so a page can be nested in another's statement).
 */
export function pagePlan(page: RelationshipPageRequest, key: KeySql, node: string, params: Params, suffix: string): PagePlan {
  const [a, o, p, r, other] = ['a', 'o', 'p', 'r', 'other'].map((alias) => alias + suffix) as [string, string, string, string, string];
  const near = `(CASE ${key.direction} WHEN 'OUTGOING' THEN ${a}.outgoing WHEN 'INCOMING' THEN NOT ${a}.outgoing ELSE ${a}.outgoing OR NOT ${a}.is_symmetric END)
       AND (${key.types} IS NULL OR ${a}.type = ANY(string_to_array(${key.types}, ',')))
       AND (${key.methods} IS NULL OR ${a}.methods & ${key.methods} <> 0)`;
  // Outgoing before incoming with BOTH: the order of the adjacency index (node, outgoing DESC, rel).
  const rank: Slot = { sql: `(CASE WHEN ${key.direction} = 'BOTH' AND NOT ${a}.outgoing THEN 1 ELSE 0 END)`, order: 'asc', nullable: false, orderBy: `${a}.outgoing DESC` };
  const row: Slot = { sql: `${a}.rel`, order: 'asc', nullable: false };
  // Without orderings: recording order. With them: by the entity at the other end, then its name and id, then recording order.
  const slots: Slot[] =
    page.orderBy.length === 0
      ? [rank, row]
      : [
          ...page.orderBy.map(({ key: by, descending }): Slot => ({ sql: by.by === 'name' ? `${o}.name` : `${o}.degree`, order: descending ? 'desc' : 'asc', nullable: false })),
          NAME_SLOT(o),
          ID_SLOT(o),
          rank,
          row,
        ];
  const otherJoin = page.orderBy.length === 0 ? '' : `JOIN entity ${o} ON ${o}.seq = ${a}.other`;
  const after = page.after === null ? 'true' : afterSql(slots, page.after, params);
  // Only what the page's reader reads (see RelationshipReads): most lookups read no evidence and no entity's attributes.
  const reads = readsOf(page);
  const otherColumns = reads.others === 'id' ? [] : entityColumnList(other, 'other_', reads.others === 'summary');
  return {
    slots,
    reads,
    // All of a node's relationships, each once, are as many as its degree: a hub is not counted row by row.
    total: `CASE WHEN ${key.types} IS NULL AND ${key.direction} = 'BOTH' AND ${key.methods} IS NULL THEN ${node}.degree
                 ELSE (SELECT count(*)::int FROM adjacency ${a} WHERE ${a}.node = ${node}.seq AND ${near}) END`,
    rows: `SELECT ${a}.rel, ${a}.other, ${slots.map((slot, s) => `${slot.sql} AS k${s}`).join(', ')}, row_number() OVER (ORDER BY ${orderBySql(slots)}) AS place
             FROM adjacency ${a} ${otherJoin}
            WHERE ${a}.node = ${node}.seq AND ${near} AND ${after}
            ORDER BY ${orderBySql(slots)}
            LIMIT ${params.add(page.first + 1, 'int')}`,
    columns: [
      { sql: `${p}.place`, name: 'place' },
      ...slots.map((_, s) => ({ sql: `${p}.k${s}`, name: `k${s}` })),
      ...relationshipColumnList(r, '', reads.evidence),
      ...otherColumns,
    ],
    joins: `LEFT JOIN relationship ${r} ON ${r}.seq = ${p}.rel ${otherColumns.length === 0 ? '' : `LEFT JOIN entity ${other} ON ${other}.seq = ${p}.other`}`,
  };
}

/** A page as its rows are read: the entities at the other ends as far as they were read. */
export type PageRead = Page<RelationshipModel> & { others?: EntityModel[]; node?: EntityModel };

/** A row read with a plan's columns. */
export type PageRow = Record<string, unknown> & { place: number | null };

/** A row read as an array of a plan's columns (a page read ahead, in JSON), as a row of its statement would be. */
export function rowOf(values: readonly unknown[], plan: PagePlan): PageRow {
  const row: Record<string, unknown> = {};
  plan.columns.forEach((column, i) => {
    row[column.name] = values[i];
  });
  return row as PageRow;
}

/** Adds a row read with a plan's columns to its page (one more row than asked means a next page). */
export function addRow(listed: PageRead, row: PageRow, plan: PagePlan, first: number): void {
  if (row.place === null) return;
  if (listed.items.length === first) {
    listed.hasNextPage = true;
    return;
  }
  listed.items.push({ node: relationshipFrom(row), position: plan.slots.map((_, s) => row[`k${s}`] as string | number) });
  if (plan.reads.others === 'full') (listed.others ??= []).push(entityFrom(row, 'other_'));
  else if (plan.reads.others === 'summary') (listed.others ??= []).push(entitySummaryFrom(row, 'other_'));
}
