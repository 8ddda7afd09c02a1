import { GrowableColumn } from './columns.js';
import { Evidence, type EvidenceDetail } from './relationship.js';
import type { EvidenceRow } from './relationship-table.js';
import type { IdIndex } from './id-index.js';
import type { EvidenceModel } from './models.js';

/**
 * The mentions of every entity as columns, by entity index: a million entities with a mention
 * each would otherwise hold a million arrays and a million evidence objects. Most mentions quote
 * the entity's name, so a quote is stored only when it differs. Entities read their mentions from
 * here when asked (see StoredEntity).
 */
export class MentionColumns {
  /** Entity i's mentions are rows starts[i] to starts[i + 1] (or to the end for the last entity). */
  private readonly starts = new GrowableColumn(Int32Array);
  private readonly sources = new GrowableColumn(Int32Array);
  private readonly from = new GrowableColumn(Float64Array);
  private readonly to = new GrowableColumn(Float64Array);
  private readonly quotes = new Map<number, string>();
  private readonly details = new Map<number, EvidenceDetail>();

  constructor(private readonly ids: IdIndex) {}

  /** Records the mentions of an entity; entities come in index order, and one with problems may be skipped. */
  add(entity: number, rows: readonly EvidenceRow[], name: string): void {
    while (this.starts.length <= entity) this.starts.push(this.sources.length);
    for (const row of rows) {
      if (row.quote !== name) this.quotes.set(this.sources.length, row.quote);
      if (row.detail) this.details.set(this.sources.length, row.detail);
      this.sources.push(row.source);
      this.from.push(row.start);
      this.to.push(row.end);
    }
  }

  /** The mentions of the entity with this id and name, as new evidence objects. */
  of(id: string, name: string): EvidenceModel[] {
    const entity = this.ids.get(id);
    if (entity === undefined || entity >= this.starts.length) return [];
    const end = entity + 1 < this.starts.length ? this.starts.get(entity + 1) : this.sources.length;
    const list: EvidenceModel[] = [];
    for (let row = this.starts.get(entity); row < end; row++) {
      const source = this.ids.ids[this.sources.get(row)]!;
      list.push(new Evidence(source, this.from.get(row), this.to.get(row), this.quotes.get(row) ?? name, this.details.get(row) ?? null));
    }
    return list;
  }
}
