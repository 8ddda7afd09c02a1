import type { Context } from '../../context.js';
import { readPageRequest, toConnection, type PageArgs } from '../../lib/connection.js';
import type { EntityTypeName, TimelineConnectionModel } from '../../store/models.js';
import { ENTITY_TYPES } from '../../store/models.js';
import type { Period } from '../../store/query.js';
import { checkFilter, readDateTest } from '../filtering/filter.js';

export interface TimelineArgs extends PageArgs {
  from?: string | null;
  to?: string | null;
  types?: readonly string[] | null;
}

/**
 * Every dated fact in chronological order: by the first day the date can denote, then finer
 * precision first (14 February before "February"), then name and kind. `from`/`to` keep an entry
 * only when its date lies wholly on or after / on or before the bound, as DateFilter does.
 */
export async function listTimeline(ctx: Context, args: TimelineArgs): Promise<TimelineConnectionModel> {
  const bounds = { onOrAfter: args.from ?? null, onOrBefore: args.to ?? null };
  checkFilter({ range: bounds }, 'timeline');
  const { onOrAfter, onOrBefore } = readDateTest(bounds, 'timeline.range');
  const types = args.types && args.types.length > 0 ? ENTITY_TYPES.filter((type) => args.types!.includes(type.toUpperCase())) : null;
  // Positions: first day, precision, name, kind and id.
  const request = readPageRequest(args, 'timeline', 5);
  const page = await ctx.store.listTimeline({ types: types as EntityTypeName[] | null, from: (onOrAfter as Period | undefined) ?? null, to: (onOrBefore as Period | undefined) ?? null, ...request }, ctx.work);
  return toConnection(page, request, 'timeline');
}
