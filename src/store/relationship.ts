import { relationshipId } from '../lib/global-id.js';
import type { RelationshipModel, RelationshipType, EvidenceMethod, EvidenceModel, Modality } from './models.js';
import type { RelationshipTable } from './relationship-table.js';

/** What few evidence items carry beyond source, offsets and quote. */
export interface EvidenceDetail {
  method: EvidenceMethod;
  reason: string | null;
  reference: string | null;
  modality: Modality;
  speakerId: string | null;
}

/**
 * An evidence item as the store holds it. Most evidence is extracted, stated and unattributed, so
 * those defaults cost nothing: the rarer details live in one optional object.
 */
export class Evidence implements EvidenceModel {
  constructor(
    readonly sourceId: string,
    readonly start: number,
    readonly end: number,
    readonly quote: string,
    private readonly detail: EvidenceDetail | null,
  ) {}

  get method(): EvidenceMethod {
    return this.detail?.method ?? 'EXTRACTED';
  }
  get reason(): string | null {
    return this.detail?.reason ?? null;
  }
  get reference(): string | null {
    return this.detail?.reference ?? null;
  }
  get modality(): Modality {
    return this.detail?.modality ?? 'STATED';
  }
  get speakerId(): string | null {
    return this.detail?.speakerId ?? null;
  }
}

export interface RelationshipProperties {
  onBehalfOfId: string | null;
  capacity: string | null;
  role: string | null;
  note: string | null;
  ordinal: number | null;
}

/**
 * A relationship as resolvers see it: a view of one row of the edge table, made when asked for.
 * The table holds millions of relationships as columns of numbers; only the few a query touches
 * become objects, and they die with the request.
 */
export class StoredRelationship implements RelationshipModel {
  constructor(
    private readonly table: RelationshipTable,
    /** The row in the edge table: stable for the life of the store. */
    readonly index: number,
  ) {}

  get id(): string {
    return relationshipId(this.fromId, this.type, this.toId);
  }
  get type(): RelationshipType {
    return this.table.typeOf(this.index);
  }
  get fromId(): string {
    return this.table.fromIdOf(this.index);
  }
  get toId(): string {
    return this.table.toIdOf(this.index);
  }
  get evidence(): EvidenceModel[] {
    return this.table.evidenceOf(this.index);
  }
  get onBehalfOfId(): string | null {
    return this.table.propertiesOf(this.index)?.onBehalfOfId ?? null;
  }
  get capacity(): string | null {
    return this.table.propertiesOf(this.index)?.capacity ?? null;
  }
  get role(): string | null {
    return this.table.propertiesOf(this.index)?.role ?? null;
  }
  get note(): string | null {
    return this.table.propertiesOf(this.index)?.note ?? null;
  }
  get ordinal(): number | null {
    return this.table.propertiesOf(this.index)?.ordinal ?? null;
  }
}
