import type { Resolvers } from '../generated/resolvers-types.js';
import { agreementResolvers } from './agreement/resolvers.js';
import { aggregateResolvers } from './aggregate/resolvers.js';
import { evidenceResolvers } from './evidence/resolvers.js';
import { searchResolvers } from './search/resolvers.js';
import { timelineResolvers } from './timeline/resolvers.js';
import { traversalResolvers } from './traversal/resolvers.js';
import { countryResolvers } from './country/resolvers.js';
import { eventResolvers } from './event/resolvers.js';
import { graphResolvers } from './graph/resolvers.js';
import { officeResolvers } from './office/resolvers.js';
import { organizationResolvers } from './organization/resolvers.js';
import { personResolvers } from './person/resolvers.js';
import { placeResolvers } from './place/resolvers.js';
import { policyResolvers } from './policy/resolvers.js';
import { productResolvers } from './product/resolvers.js';
import { sourceResolvers } from './source/resolvers.js';
import { topicResolvers } from './topic/resolvers.js';

const modules = [
  graphResolvers,
  countryResolvers,
  personResolvers,
  agreementResolvers,
  eventResolvers,
  topicResolvers,
  organizationResolvers,
  placeResolvers,
  productResolvers,
  officeResolvers,
  policyResolvers,
  sourceResolvers,
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
