import type { Context } from '../../context.js';
import { foldText } from '../../lib/text.js';
import type { CountryModel } from '../../store/models.js';

/** The country with an ISO 3166-1 alpha-2 code, or null; codes are indexed as names of their country. */
export async function findCountryByCode(ctx: Context, code: string): Promise<CountryModel | null> {
  const wanted = code.toUpperCase();
  const found = await ctx.loaders.entitiesByName.load(foldText(wanted));
  return found.find((entity): entity is CountryModel => entity.type === 'Country' && entity.code === wanted) ?? null;
}
