import type { Context } from '../../context.js';
import { readPage, toConnection, type PageArgs } from '../../lib/connection.js';
import { compareNames } from '../../lib/text.js';
import type { DatePrecision, EntityModel, EntityTypeName, PartialDateModel, TimelineConnectionModel, TimelineEntryModel } from '../../store/models.js';
import { DATE_FIELDS } from '../graph/fields.js';
import { checkFilter, matchesDate } from '../listing/filter.js';

export interface TimelineArgs extends PageArgs {
  from?: string | null;
  to?: string | null;
  types?: readonly string[] | null;
}

const KIND_OF: Record<string, { kind: TimelineEntryModel['kind']; verb: string }> = {
  concludedOn: { kind: 'CONCLUDED', verb: 'concluded' },
  startsOn: { kind: 'STARTS', verb: 'starts' },
  endsOn: { kind: 'ENDS', verb: 'ends' },
  publishedOn: { kind: 'PUBLISHED', verb: 'published' },
};
const FINER_FIRST: Record<DatePrecision, number> = { DAY: 0, MONTH: 1, YEAR: 2 };
const KIND_ORDER = ['CONCLUDED', 'STARTS', 'ENDS', 'PUBLISHED'];

/**
 * Every dated fact in chronological order: by the first day the date can denote, then finer
 * precision first (14 February before "February"), then name and kind. `from`/`to` keep an entry
 * only when its date lies wholly on or after / on or before the bound, as DateFilter does.
 */
export async function listTimeline(ctx: Context, args: TimelineArgs): Promise<TimelineConnectionModel> {
  const page = readPage(args);
  const bounds = { onOrAfter: args.from ?? null, onOrBefore: args.to ?? null };
  checkFilter({ range: bounds }, 'timeline');
  const wanted = args.types && args.types.length > 0 ? new Set(args.types) : null;
  const entries: TimelineEntryModel[] = [];
  for (const [type, fields] of Object.entries(DATE_FIELDS) as Array<[EntityTypeName, readonly string[]]>) {
    if (wanted && !wanted.has(type.toUpperCase())) continue;
    const { items } = await ctx.store.listEntities(type, 0, Number.MAX_SAFE_INTEGER);
    for (const entity of items) {
      for (const field of fields) {
        const date = (entity as unknown as Record<string, PartialDateModel | null>)[field];
        if (!date || !matchesDate(date, { onOrAfter: bounds.onOrAfter, onOrBefore: bounds.onOrBefore }, 'timeline')) continue;
        entries.push({ date, kind: KIND_OF[field]!.kind, entity: entity as EntityModel, label: `${entity.name} ${KIND_OF[field]!.verb}` });
      }
    }
  }
  entries.sort(
    (a, b) =>
      (a.date.earliest < b.date.earliest ? -1 : a.date.earliest > b.date.earliest ? 1 : 0) ||
      FINER_FIRST[a.date.precision] - FINER_FIRST[b.date.precision] ||
      compareNames(a.entity.name, b.entity.name) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  return toConnection(entries.slice(page.offset, page.offset + page.limit), page, entries.length, (node, cursor) => ({ cursor, node }));
}
