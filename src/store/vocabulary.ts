import { VOCABULARY } from '../generated/catalogue.js';
import type { RelationshipType } from './models.js';

export { DATED_ATTRIBUTES, VOCABULARY } from '../generated/catalogue.js';
export type { DatedAttribute, RelationshipProperty, RelationshipRule } from './catalogue-types.js';

/** Whether relationships of a type read the same both ways (declared with `@relationship(symmetric: true)`). */
export function isSymmetric(type: RelationshipType): boolean {
  return VOCABULARY[type].symmetric === true;
}
