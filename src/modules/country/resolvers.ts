import type { Resolvers } from '../../generated/resolvers-types.js';
import { findCountryByCode } from './country.js';

export const countryResolvers = {
  Query: {
    country: (_root, args, ctx) => findCountryByCode(ctx, args.code),
  },
} satisfies Resolvers;
