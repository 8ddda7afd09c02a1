import type { Resolvers } from '../generated/resolvers-types.js';
import { aggregateResolvers } from './aggregate/resolvers.js';
import { evidenceResolvers } from './evidence/resolvers.js';
import { searchResolvers } from './search/resolvers.js';
import { timelineResolvers } from './timeline/resolvers.js';
import { traversalResolvers } from './traversal/resolvers.js';
import { countryResolvers } from './country/resolvers.js';
import { entityResolvers } from '../generated/entity-resolvers.js';
import { graphResolvers } from './graph/resolvers.js';
import { coverageResolvers } from './coverage/resolvers.js';
import { mentionResolvers } from './mentions/resolvers.js';
import { curationResolvers } from '../curation/resolvers.js';
import { scopeAsOf } from '../curation/as-of.js';

const modules = [
  graphResolvers,
  entityResolvers,
  countryResolvers,
  searchResolvers,
  traversalResolvers,
  timelineResolvers,
  aggregateResolvers,
  evidenceResolvers,
  coverageResolvers,
  mentionResolvers,
  curationResolvers,
];

/**
 * All resolver maps merged: each module owns its types, except that `Query` and an entity type may
 * get fields from several (the generated fields of `Source`, and `Source.coverage` from its module).
 * Scalars are not field maps and are taken as they are.
 */
function mergeResolvers(maps: ReadonlyArray<Record<string, unknown>>): Resolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const before = merged[type];
      merged[type] = isFieldMap(before) && isFieldMap(fields) ? { ...before, ...fields } : fields;
    }
  }
  return merged as Resolvers;
}

function isFieldMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Every field resolver is scoped for `asOf` lookups (src/curation/as-of.ts). */
export const resolvers: Resolvers = scopeAsOf(mergeResolvers(modules));
