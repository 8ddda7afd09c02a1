import type { Position } from '../query.js';
import { withoutNul, type Params } from './params.js';

/**
 * One slot of a position, as SQL: the expression it sorts by, and how it compares (`asc`/`desc` as
 * a sort key, missing values last either way; `id` by code unit).
 */
export interface Slot {
  sql: string;
  order: 'asc' | 'desc' | 'id';
  /** What to ORDER BY instead of `sql`, when an index gives the same order by other columns. */
  orderBy?: string;
  /** Whether the expression can be null (a missing date). */
  nullable: boolean;
}

/** An entity's name and id as the last slots of an order: every list breaks ties by them. */
export const NAME_SLOT = (e: string): Slot => ({ sql: `${e}.name`, order: 'asc', nullable: false });
export const ID_SLOT = (e: string): Slot => ({ sql: `${e}.id`, order: 'id', nullable: false });

/** ORDER BY for slots, in the order comparePositions (src/store/positions.ts) sorts. */
export function orderBySql(slots: readonly Slot[]): string {
  return slots.map((slot) => slot.orderBy ?? `${slot.sql} ${slot.order === 'desc' ? 'DESC' : 'ASC'}${slot.nullable ? ' NULLS LAST' : ''}`).join(', ');
}

/**
 * The rows placed after a position: for some slot i, equal on every slot before i and after on
 * slot i. The first slot is also bounded on its own, so that an index on it can start the scan at
 * the position instead of at the beginning: a deep page costs what the first does.
 */
export function afterSql(slots: readonly Slot[], after: Position, params: Params): string {
  // The store checked the position's keys against the list's kinds (checkPosition): they fit the slots.
  const values = slots.map((slot, i) => {
    const value = after[i] ?? null;
    if (value === null) return null;
    return typeof value === 'number' ? params.add(value, 'float8') : params.add(withoutNul(value), 'text');
  });
  const equal = (i: number) => (values[i] === null ? `${slots[i]!.sql} IS NULL` : `${slots[i]!.sql} = ${values[i]}`);
  const later = (i: number): string | null => {
    const slot = slots[i]!;
    const value = values[i];
    // Nothing sorts after a missing value but another missing one, which the next slots order.
    if (value === null) return null;
    const beyond = `${slot.sql} ${slot.order === 'desc' ? '<' : '>'} ${value}`;
    return slot.nullable ? `(${beyond} OR ${slot.sql} IS NULL)` : beyond;
  };
  const clauses: string[] = [];
  for (let i = 0; i < slots.length; i++) {
    const step = later(i);
    if (step === null) continue;
    clauses.push([...slots.slice(0, i).map((_, j) => equal(j)), step].join(' AND '));
  }
  const predicate = clauses.length === 0 ? 'false' : `(${clauses.map((clause) => `(${clause})`).join(' OR ')})`;
  const first = slots[0]!;
  if (values[0] === null || first.nullable) return predicate;
  return `(${first.sql} ${first.order === 'desc' ? '<=' : '>='} ${values[0]} AND ${predicate})`;
}
