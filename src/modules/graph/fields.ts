import type { Direction, EdgeType, EntityTypeName } from '../../store/models.js';

export interface RelationFieldSpec {
  type: EdgeType;
  direction: Exclude<Direction, 'BOTH'>;
  /** The kind of entity at the other end; `Entity` when it may be of several kinds. */
  target: EntityTypeName | 'Entity';
  /** A relationship an entity has at most one of, answered as one edge rather than a connection. */
  single?: boolean;
  /** The signature view of a SIGNED relationship, whose filter also reads its properties. */
  signature?: 'signatory' | 'signed';
}

/**
 * Every typed relationship field of every entity type: which relationships it reads. The resolvers,
 * the filters and the `<FIELD>_COUNT` orderings are all built from this one table, so a field and
 * its filter cannot read different edges.
 */
export const RELATION_FIELDS = {
  Country: {
    agreements: { type: 'PARTY_TO', direction: 'OUTGOING', target: 'Agreement' },
    capital: { type: 'CAPITAL_OF', direction: 'INCOMING', target: 'Place', single: true },
    locatedIn: { type: 'LOCATED_IN', direction: 'OUTGOING', target: 'Place' },
    places: { type: 'LOCATED_IN', direction: 'INCOMING', target: 'Place' },
    offices: { type: 'OFFICE_OF', direction: 'INCOMING', target: 'Office' },
    events: { type: 'PARTICIPATES_IN', direction: 'OUTGOING', target: 'Event' },
    strengths: { type: 'HAS_STRENGTH_IN', direction: 'OUTGOING', target: 'Topic' },
    promotes: { type: 'PROMOTES', direction: 'OUTGOING', target: 'Topic' },
    marketsTargeted: { type: 'TARGETS_MARKET', direction: 'OUTGOING', target: 'Place' },
    products: { type: 'ORIGINATES_FROM', direction: 'INCOMING', target: 'Product' },
    policies: { type: 'POLICY_OF', direction: 'INCOMING', target: 'Policy' },
    independenceSoughtBy: { type: 'SEEKS_INDEPENDENCE_FROM', direction: 'INCOMING', target: 'Agreement' },
  },
  Person: {
    signedAgreements: { type: 'SIGNED', direction: 'OUTGOING', target: 'Agreement', signature: 'signed' },
    offices: { type: 'HOLDS_OFFICE', direction: 'OUTGOING', target: 'Office' },
    memberships: { type: 'MEMBER_OF', direction: 'OUTGOING', target: 'Organization' },
    counterparts: { type: 'COUNTERPART_OF', direction: 'OUTGOING', target: 'Person' },
    eventsAttended: { type: 'ATTENDED', direction: 'OUTGOING', target: 'Event' },
    spokeAbout: { type: 'SPOKE_ABOUT', direction: 'OUTGOING', target: 'Topic' },
    contributions: { type: 'CONTRIBUTED_TO', direction: 'OUTGOING', target: 'Source' },
  },
  Agreement: {
    concludedAt: { type: 'CONCLUDED_AT', direction: 'OUTGOING', target: 'Event', single: true },
    signatories: { type: 'SIGNED', direction: 'INCOMING', target: 'Person', signature: 'signatory' },
    parties: { type: 'PARTY_TO', direction: 'INCOMING', target: 'Country' },
    topics: { type: 'COVERS', direction: 'OUTGOING', target: 'Topic' },
    milestoneOf: { type: 'MILESTONE_OF', direction: 'OUTGOING', target: 'Agreement' },
    milestones: { type: 'MILESTONE_OF', direction: 'INCOMING', target: 'Entity' },
    independenceFrom: { type: 'SEEKS_INDEPENDENCE_FROM', direction: 'OUTGOING', target: 'Entity' },
    promotes: { type: 'PROMOTES', direction: 'OUTGOING', target: 'Topic' },
    respondsTo: { type: 'RESPONDS_TO', direction: 'OUTGOING', target: 'Policy' },
  },
  Event: {
    heldAt: { type: 'HELD_AT', direction: 'OUTGOING', target: 'Place', single: true },
    agreementsConcluded: { type: 'CONCLUDED_AT', direction: 'INCOMING', target: 'Agreement' },
    attendees: { type: 'ATTENDED', direction: 'INCOMING', target: 'Person' },
    participatingCountries: { type: 'PARTICIPATES_IN', direction: 'INCOMING', target: 'Country' },
    milestoneOf: { type: 'MILESTONE_OF', direction: 'OUTGOING', target: 'Agreement' },
  },
  Topic: {
    broader: { type: 'BROADER_THAN', direction: 'INCOMING', target: 'Topic' },
    narrower: { type: 'BROADER_THAN', direction: 'OUTGOING', target: 'Topic' },
    agreements: { type: 'COVERS', direction: 'INCOMING', target: 'Agreement' },
    strengthOf: { type: 'HAS_STRENGTH_IN', direction: 'INCOMING', target: 'Country' },
    discussedBy: { type: 'SPOKE_ABOUT', direction: 'INCOMING', target: 'Person' },
    promotedBy: { type: 'PROMOTES', direction: 'INCOMING', target: 'Entity' },
  },
  Organization: {
    members: { type: 'MEMBER_OF', direction: 'INCOMING', target: 'Person' },
    locatedIn: { type: 'LOCATED_IN', direction: 'OUTGOING', target: 'Place' },
    policies: { type: 'POLICY_OF', direction: 'INCOMING', target: 'Policy' },
    publications: { type: 'PUBLISHED_BY', direction: 'INCOMING', target: 'Source' },
  },
  Place: {
    locatedIn: { type: 'LOCATED_IN', direction: 'OUTGOING', target: 'Entity' },
    capitalOf: { type: 'CAPITAL_OF', direction: 'OUTGOING', target: 'Country' },
    contains: { type: 'LOCATED_IN', direction: 'INCOMING', target: 'Entity' },
    events: { type: 'HELD_AT', direction: 'INCOMING', target: 'Event' },
    targetedBy: { type: 'TARGETS_MARKET', direction: 'INCOMING', target: 'Country' },
  },
  Product: {
    originatesFrom: { type: 'ORIGINATES_FROM', direction: 'OUTGOING', target: 'Country' },
    independenceSoughtBy: { type: 'SEEKS_INDEPENDENCE_FROM', direction: 'INCOMING', target: 'Agreement' },
  },
  Office: {
    jurisdiction: { type: 'OFFICE_OF', direction: 'OUTGOING', target: 'Country', single: true },
    holders: { type: 'HOLDS_OFFICE', direction: 'INCOMING', target: 'Person' },
  },
  Policy: {
    pursuedBy: { type: 'POLICY_OF', direction: 'OUTGOING', target: 'Entity' },
    respondedToBy: { type: 'RESPONDS_TO', direction: 'INCOMING', target: 'Agreement' },
  },
  Source: {
    publisher: { type: 'PUBLISHED_BY', direction: 'OUTGOING', target: 'Organization', single: true },
    contributors: { type: 'CONTRIBUTED_TO', direction: 'INCOMING', target: 'Person' },
  },
} as const satisfies Record<EntityTypeName, Record<string, RelationFieldSpec>>;

export type RelationFieldName<T extends EntityTypeName> = keyof (typeof RELATION_FIELDS)[T] & string;

export function relationFieldSpec(type: EntityTypeName, field: string): RelationFieldSpec | undefined {
  return (RELATION_FIELDS[type] as Record<string, RelationFieldSpec>)[field];
}

/** The dated attributes of each entity type, in the order the timeline and orderings use them. */
export const DATE_FIELDS: Partial<Record<EntityTypeName, readonly string[]>> = {
  Agreement: ['concludedOn'],
  Event: ['startsOn', 'endsOn'],
  Source: ['publishedOn'],
};
