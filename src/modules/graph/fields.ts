import { RELATION_FIELDS } from '../../generated/catalogue.js';
import type { RelationFieldSpec } from '../../store/catalogue-types.js';
import type { EntityTypeName } from '../../store/models.js';

export { RELATION_FIELDS } from '../../generated/catalogue.js';
export type { RelationFieldSpec } from '../../store/catalogue-types.js';

export type RelationFieldName<T extends EntityTypeName> = keyof (typeof RELATION_FIELDS)[T] & string;

/** The relationship field `field` of an entity type, as declared with `@relation` in schema/. */
export function relationFieldSpec(type: EntityTypeName, field: string): RelationFieldSpec | undefined {
  return (RELATION_FIELDS[type] as Record<string, RelationFieldSpec>)[field];
}
