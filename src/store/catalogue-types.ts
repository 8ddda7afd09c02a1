import type { RelationshipType, EntityTypeName } from '../generated/catalogue.js';

/**
 * The shapes of the catalogue (src/generated/catalogue.ts), which codegen writes from the graph's
 * declaration in schema/.
 */

export type RelationshipProperty = 'onBehalfOf' | 'capacity' | 'role' | 'note' | 'ordinal';

/** A relationship type: which entity types it may link, and what it may carry. */
export interface RelationshipRule {
  from: readonly EntityTypeName[];
  to: readonly EntityTypeName[];
  /** A symmetric relationship is stored once and reads the same from either end. */
  symmetric?: boolean;
  properties?: readonly RelationshipProperty[];
}

/** A relationship field of an entity type, such as `Agreement.signatories`. */
export interface RelationFieldSpec {
  type: RelationshipType;
  direction: 'OUTGOING' | 'INCOMING';
  /** The kind of entity at the other end; `Entity` when it may be of several kinds. */
  target: EntityTypeName | 'Entity';
  /** A relationship an entity has at most one of, answered as one edge rather than a connection. */
  single?: boolean;
  /** A view whose edges show the relationship's properties; `end` names the condition on the other end in its filter. */
  view?: { name: string; end: string };
}

/** How a filter reads an attribute: as text (ignoring case and accents), an exact value, or a date. */
export type FilterAttributeKind = 'string' | 'enum' | 'date';

/** A dated attribute of an entity type, and how the timeline names what happened on that date. */
export interface DatedAttribute {
  attribute: string;
  kind: 'CONCLUDED' | 'STARTS' | 'ENDS' | 'PUBLISHED';
  verb: string;
}

/** How the seed validator reads an attribute: a date with evidence, a language code, plain data, or one of an enum's values. */
export type SeedAttributeRule = 'date' | 'language' | 'string' | readonly string[];
