import type { Resolvers } from '../generated/resolvers-types.js';
import { aggregateResolvers } from './aggregate/resolvers.js';
import { evidenceResolvers } from './evidence/resolvers.js';
import { searchResolvers } from './search/resolvers.js';
import { timelineResolvers } from './timeline/resolvers.js';
import { traversalResolvers } from './traversal/resolvers.js';
import { countryResolvers } from './country/resolvers.js';
import { entityResolvers } from '../generated/entity-resolvers.js';
import { graphResolvers } from './graph/resolvers.js';

const modules = [
  graphResolvers,
  entityResolvers,
  countryResolvers,
  searchResolvers,
  traversalResolvers,
  timelineResolvers,
  aggregateResolvers,
  evidenceResolvers,
];

/** All resolver maps merged: each module owns its types; only `Query` is shared between them. */
export const resolvers: Resolvers = Object.assign({}, ...modules, {
  Query: Object.assign({}, ...modules.map((m) => ('Query' in m ? m.Query : {}))),
});
