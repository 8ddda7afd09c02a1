import { VOCABULARY } from '../generated/catalogue.js';
import type { EdgeType } from './models.js';

export { DATED_ATTRIBUTES, VOCABULARY } from '../generated/catalogue.js';
export type { DatedAttribute, EdgeProperty, EdgeRule } from './catalogue-types.js';

/** Whether relationships of a type read the same both ways (declared with `@relationship(symmetric: true)`). */
export function isSymmetric(type: EdgeType): boolean {
  return VOCABULARY[type].symmetric === true;
}
