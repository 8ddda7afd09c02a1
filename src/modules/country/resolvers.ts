import type { Resolvers } from '../../generated/resolvers-types.js';
import { findCountryByCode } from './country.js';
import { listEntities } from '../graph/graph.js';
import { entityConnectionFields } from '../graph/entity-connection.js';
import { entityFields, relationConnectionResolvers, relationFieldsOf } from '../graph/resolvers.js';

const countries = relationConnectionResolvers('Country');

export const countryResolvers = {
  Query: {
    countries: (_root, args, ctx) => listEntities(ctx, 'Country', args),
    country: (_root, args, ctx) => findCountryByCode(ctx, args.code),
  },
  Country: {
    ...entityFields,
    ...relationFieldsOf('Country'),
  },
  CountryConnection: entityConnectionFields,
  CountryRelationConnection: countries.connection,
  CountryRelationEdge: countries.edge,
  CountryCapitalEdge: relationConnectionResolvers('Place').edge,
} satisfies Resolvers;
