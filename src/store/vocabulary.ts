import type { EdgeType, EntityTypeName } from './models.js';

export type EdgeProperty = 'onBehalfOf' | 'capacity' | 'role' | 'note' | 'ordinal';

export interface EdgeRule {
  from: readonly EntityTypeName[];
  to: readonly EntityTypeName[];
  /** A symmetric relationship is stored once and reads the same from either end. */
  symmetric?: boolean;
  properties?: readonly EdgeProperty[];
}

/**
 * The closed vocabulary of relationships: which entity types each type may link, and which
 * properties it may carry. Seed validation enforces it; the GraphQL enum `RelationshipType` mirrors
 * its keys (a test keeps the two equal).
 */
export const VOCABULARY: Readonly<Record<EdgeType, EdgeRule>> = {
  SIGNED: { from: ['Person'], to: ['Agreement'], properties: ['onBehalfOf', 'capacity'] },
  PARTY_TO: { from: ['Country'], to: ['Agreement'] },
  CONCLUDED_AT: { from: ['Agreement'], to: ['Event'] },
  HELD_AT: { from: ['Event'], to: ['Place'] },
  LOCATED_IN: { from: ['Place', 'Country', 'Organization'], to: ['Place', 'Country'] },
  CAPITAL_OF: { from: ['Place'], to: ['Country'] },
  COVERS: { from: ['Agreement'], to: ['Topic'] },
  MILESTONE_OF: { from: ['Agreement', 'Event'], to: ['Agreement'], properties: ['note', 'ordinal'] },
  COUNTERPART_OF: { from: ['Person'], to: ['Person'], symmetric: true },
  MEMBER_OF: { from: ['Person'], to: ['Organization'] },
  HOLDS_OFFICE: { from: ['Person'], to: ['Office'], properties: ['capacity', 'note'] },
  OFFICE_OF: { from: ['Office'], to: ['Country'] },
  BROADER_THAN: { from: ['Topic'], to: ['Topic'] },
  ATTENDED: { from: ['Person'], to: ['Event'] },
  PARTICIPATES_IN: { from: ['Country'], to: ['Event'], properties: ['role', 'note'] },
  SEEKS_INDEPENDENCE_FROM: { from: ['Agreement'], to: ['Country', 'Product'] },
  ORIGINATES_FROM: { from: ['Product'], to: ['Country'] },
  HAS_STRENGTH_IN: { from: ['Country'], to: ['Topic'], properties: ['note'] },
  SPOKE_ABOUT: { from: ['Person'], to: ['Topic'] },
  PROMOTES: { from: ['Country', 'Agreement'], to: ['Topic'] },
  TARGETS_MARKET: { from: ['Country'], to: ['Place'] },
  POLICY_OF: { from: ['Policy'], to: ['Country', 'Organization', 'Person'] },
  RESPONDS_TO: { from: ['Agreement'], to: ['Policy'] },
  PUBLISHED_BY: { from: ['Source'], to: ['Organization'] },
  CONTRIBUTED_TO: { from: ['Person'], to: ['Source'], properties: ['role'] },
};

export function isSymmetric(type: EdgeType): boolean {
  return VOCABULARY[type].symmetric === true;
}

/** A dated attribute of an entity type, and how the timeline names what happened on that date. */
export interface DatedAttribute {
  attribute: string;
  kind: 'CONCLUDED' | 'STARTS' | 'ENDS' | 'PUBLISHED';
  verb: string;
}

/** The dated attributes of each entity type, in the order the timeline and orderings use them. */
export const DATED_ATTRIBUTES: Partial<Record<EntityTypeName, readonly DatedAttribute[]>> = {
  Agreement: [{ attribute: 'concludedOn', kind: 'CONCLUDED', verb: 'concluded' }],
  Event: [
    { attribute: 'startsOn', kind: 'STARTS', verb: 'starts' },
    { attribute: 'endsOn', kind: 'ENDS', verb: 'ends' },
  ],
  Source: [{ attribute: 'publishedOn', kind: 'PUBLISHED', verb: 'published' }],
};
