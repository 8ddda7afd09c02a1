import type { Resolvers } from '../../generated/resolvers-types.js';
import { findCountryByCode } from './country.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationField, singleRelationField } from '../graph/resolvers.js';

const countries = relationConnectionResolvers('Country');

export const countryResolvers = {
  Query: {
    countries: (_root, args, ctx) => listEntities(ctx, 'Country', args),
    country: (_root, args, ctx) => findCountryByCode(ctx, args.code),
  },
  Country: {
    ...entityFields,
    agreements: relationField(['PARTY_TO'], 'OUTGOING'),
    capital: singleRelationField('CAPITAL_OF', 'INCOMING'),
    locatedIn: relationField(['LOCATED_IN'], 'OUTGOING'),
    places: relationField(['LOCATED_IN'], 'INCOMING'),
    offices: relationField(['OFFICE_OF'], 'INCOMING'),
    events: relationField(['PARTICIPATES_IN'], 'OUTGOING'),
    strengths: relationField(['HAS_STRENGTH_IN'], 'OUTGOING'),
    promotes: relationField(['PROMOTES'], 'OUTGOING'),
    marketsTargeted: relationField(['TARGETS_MARKET'], 'OUTGOING'),
    products: relationField(['ORIGINATES_FROM'], 'INCOMING'),
    policies: relationField(['POLICY_OF'], 'INCOMING'),
    independenceSoughtBy: relationField(['SEEKS_INDEPENDENCE_FROM'], 'INCOMING'),
  },
  CountryConnection: entityConnectionFields,
  CountryRelationConnection: countries.connection,
  CountryRelationEdge: countries.edge,
  CountryCapitalEdge: relationConnectionResolvers('Place').edge,
} satisfies Resolvers;
