import { relationshipId } from '../lib/global-id.js';
import type { EdgeModel, EdgeType, EvidenceMethod, EvidenceModel, Modality } from './models.js';

/** What few evidence items carry beyond source, offsets and quote. */
interface EvidenceDetail {
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
  private readonly detail: EvidenceDetail | null;

  constructor(
    readonly sourceId: string,
    readonly start: number,
    readonly end: number,
    readonly quote: string,
    detail: EvidenceDetail,
  ) {
    const isDefault = detail.method === 'EXTRACTED' && detail.modality === 'STATED' && !detail.reason && !detail.reference && !detail.speakerId;
    this.detail = isDefault ? null : detail;
  }

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

export interface EdgeProperties {
  onBehalfOfId: string | null;
  capacity: string | null;
  role: string | null;
  note: string | null;
  ordinal: number | null;
}

/**
 * A relationship as the store holds it. Its id is derived from its ends when asked for, its rare
 * properties live in one optional object, and a single evidence item is held without an array, so
 * a graph of millions of relationships stays small.
 */
export class Edge implements EdgeModel {
  private readonly properties: EdgeProperties | null;
  private readonly support: EvidenceModel | EvidenceModel[];

  constructor(
    readonly type: EdgeType,
    readonly fromId: string,
    readonly toId: string,
    properties: EdgeProperties,
    evidence: EvidenceModel[],
  ) {
    const hasProperties = Object.values(properties).some((value) => value !== null);
    this.properties = hasProperties ? properties : null;
    this.support = evidence.length === 1 ? evidence[0]! : evidence;
  }

  get id(): string {
    return relationshipId(this.fromId, this.type, this.toId);
  }
  get evidence(): EvidenceModel[] {
    return Array.isArray(this.support) ? this.support : [this.support];
  }
  get onBehalfOfId(): string | null {
    return this.properties?.onBehalfOfId ?? null;
  }
  get capacity(): string | null {
    return this.properties?.capacity ?? null;
  }
  get role(): string | null {
    return this.properties?.role ?? null;
  }
  get note(): string | null {
    return this.properties?.note ?? null;
  }
  get ordinal(): number | null {
    return this.properties?.ordinal ?? null;
  }
}
