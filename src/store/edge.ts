import { relationshipId } from '../lib/global-id.js';
import type { EdgeModel, EdgeType, EvidenceModel } from './models.js';

/**
 * A relationship as the store holds it. Its id is derived from its ends when asked for, so a graph
 * of millions of relationships does not also hold millions of id strings.
 */
export class Edge implements EdgeModel {
  constructor(
    readonly type: EdgeType,
    readonly fromId: string,
    readonly toId: string,
    readonly onBehalfOfId: string | null,
    readonly capacity: string | null,
    readonly role: string | null,
    readonly note: string | null,
    readonly ordinal: number | null,
    readonly evidence: EvidenceModel[],
  ) {}

  get id(): string {
    return relationshipId(this.fromId, this.type, this.toId);
  }
}
