import type { RelationshipTable } from './relationship-table.js';
import { RELATIONSHIP_TYPES } from './models.js';
import { isSymmetric } from './vocabulary.js';

const SYMMETRIC_CODES = Uint8Array.from(RELATIONSHIP_TYPES, (type) => (isSymmetric(type) ? 1 : 0));

/**
 * One direction of the graph's adjacency in compressed sparse row form: the relationships (edge
 * table rows) of entity i are rows[offsets[i]] to rows[offsets[i + 1]], in seed order. Two typed
 * arrays for the whole graph instead of a map entry and an array per entity.
 */
export class Adjacency {
  private constructor(
    private readonly offsets: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  /**
   * Indexes each relationship under the end `side` names (`from` for outgoing, `to` for incoming).
   * A symmetric relationship reads the same from either end, so it is indexed under both.
   */
  static build(table: RelationshipTable, entityCount: number, side: 'from' | 'to'): Adjacency {
    const near = (row: number) => (side === 'from' ? table.fromOf(row) : table.toOf(row));
    const far = (row: number) => (side === 'from' ? table.toOf(row) : table.fromOf(row));
    const offsets = new Int32Array(entityCount + 1);
    let total = 0;
    for (let row = 0; row < table.length; row++) {
      offsets[near(row) + 1]! += 1;
      total += 1;
      if (SYMMETRIC_CODES[table.typeCodeOf(row)]) {
        offsets[far(row) + 1]! += 1;
        total += 1;
      }
    }
    for (let i = 0; i < entityCount; i++) offsets[i + 1]! += offsets[i]!;
    const next = offsets.slice(0, entityCount);
    const rows = new Int32Array(total);
    for (let row = 0; row < table.length; row++) {
      rows[next[near(row)]!++] = row;
      if (SYMMETRIC_CODES[table.typeCodeOf(row)]) rows[next[far(row)]!++] = row;
    }
    return new Adjacency(offsets, rows);
  }

  /** The relationship rows of an entity, in seed order. */
  rowsOf(entity: number): Int32Array {
    return this.rows.subarray(this.offsets[entity]!, this.offsets[entity + 1]!);
  }
}

/** Whether a row's relationship type is symmetric, by its stored type code. */
export function isSymmetricCode(code: number): boolean {
  return SYMMETRIC_CODES[code] === 1;
}
