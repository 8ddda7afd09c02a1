import { SEED_ATTRIBUTES } from '../generated/catalogue.js';
import { ENTITY_LISTS, type EntityModel, type EntityTypeName } from './models.js';

/**
 * An entity of which a relationship page read only part (see RelationshipReads): its id and type,
 * and with a summary its name and description. The rest was not read because the query does not
 * ask for it; reading it anyway is a bug in working out what the query asks for, and fails with an
 * error that says so instead of answering with a value that is not the entity's.
 */
class PartialEntity {
  readonly id: string;
  readonly type: EntityTypeName;
  readonly entityType: string;
  readonly #summary: { name: string; description: string | null } | null;

  constructor(id: string, type: EntityTypeName, summary: { name: string; description: string | null } | null) {
    this.id = id;
    this.type = type;
    this.entityType = type.toUpperCase();
    this.#summary = summary;
  }

  get name(): string {
    return (this.#summary ?? notRead(this, 'name')).name;
  }

  get description(): string | null {
    return (this.#summary ?? notRead(this, 'description')).description;
  }
}

function notRead(entity: PartialEntity, property: string): never {
  throw new Error(`${entity.id}: "${property}" was not read with its relationship page; the page's reads (src/modules/graph/reads.ts) missed a field that needs it`);
}

/** The properties every entity has beyond its id, type, name and description. */
const UNREAD = ['aliases', 'labels', 'mentions', 'attributeEvidence', 'sameAs'];

/** A class per entity type whose every other property fails when read. */
const PARTIAL_CLASSES = Object.fromEntries(
  Object.entries(SEED_ATTRIBUTES).map(([type, attributes]) => {
    const Typed = class extends PartialEntity {};
    for (const name of [...UNREAD, ...(ENTITY_LISTS[type as EntityTypeName] ?? []), ...Object.keys(attributes)]) {
      Object.defineProperty(Typed.prototype, name, {
        get(this: PartialEntity) {
          return notRead(this, name);
        },
        enumerable: true,
      });
    }
    return [type, Typed];
  }),
) as Record<EntityTypeName, typeof PartialEntity>;

/** An entity known by its id and type only; the type is the id's prefix (`Person:...`). */
export function entityOfId(id: string): EntityModel {
  const type = id.slice(0, id.indexOf(':')) as EntityTypeName;
  return new PARTIAL_CLASSES[type](id, type, null) as unknown as EntityModel;
}

/** An entity known by its id, type, name and description. */
export function entitySummary(id: string, type: EntityTypeName, name: string, description: string | null): EntityModel {
  return new PARTIAL_CLASSES[type](id, type, { name, description }) as unknown as EntityModel;
}
