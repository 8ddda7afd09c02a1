import type { MentionColumns } from './mention-columns.js';
import type { EvidenceModel } from './models.js';

/**
 * An entity as the store holds it: its fields as own properties, as in EntityModel, except its
 * mentions, which are read from the seed's mention columns when asked for. A new array each time:
 * callers must not rely on getting the same one twice.
 */
export class StoredEntity {
  readonly #mentions: MentionColumns;

  constructor(mentions: MentionColumns, fields: object) {
    this.#mentions = mentions;
    Object.assign(this, fields);
  }

  get mentions(): EvidenceModel[] {
    const self = this as unknown as { id: string; name: string };
    return this.#mentions.of(self.id, self.name);
  }
}
