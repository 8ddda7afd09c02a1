import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { readPageRequest, toConnection, type PageArgs } from '../../lib/connection.js';
import { assertGlobalId } from '../../lib/global-id.js';
import type { FactConnectionModel, FactModel } from '../../store/models.js';
import type { EvidenceQuery } from '../../store/query.js';

/** The most facts `evidenceIn`, the unpaged field, answers; more is refused, never cut short. */
export const MAX_UNPAGED_FACTS = 1000;

function readSpan(sourceId: string, start: number, end: number): Pick<EvidenceQuery, 'sourceId' | 'start' | 'end'> {
  assertGlobalId(sourceId, 'source');
  if (start < 0) throw badUserInput(`"start" must be 0 or more; got ${start}.`, 'start');
  if (end <= start) throw badUserInput(`"end" must be greater than "start"; got start ${start} and end ${end}.`, 'end');
  return { sourceId, start, end };
}

/** One page of the facts whose evidence overlaps [start, end) of a source's text; empty for an unknown source. */
export async function listFactsInSpan(ctx: Context, sourceId: string, start: number, end: number, args: PageArgs): Promise<FactConnectionModel> {
  const span = readSpan(sourceId, start, end);
  // Positions: evidence start and end, subject id, kind, attribute.
  const request = readPageRequest(args, 'facts', 5);
  const page = await ctx.store.findEvidence({ ...span, ...request }, ctx.work);
  return toConnection(page, request, 'facts', (node, cursor) => ({ cursor, node }));
}

/** Every fact in a span at once, for the deprecated unpaged field: refused when there are more than it answers. */
export async function findFactsInSpan(ctx: Context, sourceId: string, start: number, end: number): Promise<FactModel[]> {
  const page = await ctx.store.findEvidence({ ...readSpan(sourceId, start, end), first: MAX_UNPAGED_FACTS, after: null }, ctx.work);
  if (page.hasNextPage) {
    throw badUserInput(`The span holds ${page.totalCount} facts, more than evidenceIn answers (${MAX_UNPAGED_FACTS}); ask factsIn for them a page at a time.`, 'end');
  }
  return page.items.map((item) => item.node);
}
