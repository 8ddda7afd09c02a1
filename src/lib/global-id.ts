import { badUserInput } from '../errors.js';
import { ENTITY_TYPES, type EntityTypeName } from '../store/models.js';

/** The longest global id accepted; longer input is refused before any lookup. */
export const MAX_ID_LENGTH = 512;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ENTITY_ID = new RegExp(`^(${ENTITY_TYPES.join('|')}):(${SLUG})$`);
const RELATIONSHIP_ID = new RegExp(
  `^Relationship:((?:${ENTITY_TYPES.join('|')}):${SLUG})>([A-Z]+(?:_[A-Z]+)*)>((?:${ENTITY_TYPES.join('|')}):${SLUG})$`,
);

export type ParsedId =
  | { kind: 'entity'; type: EntityTypeName; slug: string }
  | { kind: 'relationship'; fromId: string; edgeType: string; toId: string };

/**
 * Global ids are readable on purpose: `Person:karsten-wildberger` is an entity of type Person with
 * slug `karsten-wildberger`; `Relationship:<from id>><TYPE>><to id>` is the relationship of TYPE
 * between two entities. Returns null for anything else.
 */
export function parseGlobalId(id: string): ParsedId | null {
  if (id.length > MAX_ID_LENGTH) return null;
  const entity = ENTITY_ID.exec(id);
  if (entity) return { kind: 'entity', type: entity[1] as EntityTypeName, slug: entity[2]! };
  const relationship = RELATIONSHIP_ID.exec(id);
  if (relationship) {
    return { kind: 'relationship', fromId: relationship[1]!, edgeType: relationship[2]!, toId: relationship[3]! };
  }
  return null;
}

export function relationshipId(fromId: string, type: string, toId: string): string {
  return `Relationship:${fromId}>${type}>${toId}`;
}

/** Refuses a malformed id with BAD_USER_INPUT, naming the argument; a well-formed id passes. */
export function assertGlobalId(id: string, argument: string): void {
  if (parseGlobalId(id)) return;
  const shown = id.length > 60 ? `${id.slice(0, 60)}…` : id;
  throw badUserInput(
    `"${shown}" is not a valid id: ids look like Type:slug, such as Person:karsten-wildberger, with a type of ${ENTITY_TYPES.join(', ')} or Relationship.`,
    argument,
  );
}
