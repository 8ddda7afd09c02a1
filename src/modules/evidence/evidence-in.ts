import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { readPageRequest, toConnection, type PageArgs } from '../../lib/connection.js';
import { assertGlobalId } from '../../lib/global-id.js';
import type { FactConnectionModel, FactModel } from '../../store/models.js';
import type { EvidenceQuery } from '../../store/query.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { RequestWork } from '../../lib/work.js';
import { readEvidenceTest, type Filter } from '../filtering/filter.js';

/** The most facts `evidenceIn`, the unpaged field, answers; more is refused, never cut short. */
export const MAX_UNPAGED_FACTS = 1000;

/** The span and the evidence filter, checked, as the store is asked for them. */
function readSpan(sourceId: string, start: number, end: number, evidence: Filter | null | undefined): Pick<EvidenceQuery, 'sourceId' | 'start' | 'end' | 'methods'> {
  assertGlobalId(sourceId, 'source');
  if (start < 0) throw badUserInput(`"start" must be 0 or more; got ${start}.`, 'start');
  if (end <= start) throw badUserInput(`"end" must be greater than "start"; got start ${start} and end ${end}.`, 'end');
  return { sourceId, start, end, methods: readEvidenceTest(evidence)?.methods ?? null };
}

/**
 * One page of the facts whose evidence overlaps [start, end) of a source's text and meets the
 * evidence filter when one is given; empty for an unknown source.
 */
export async function listFactsInSpan(ctx: Context, sourceId: string, start: number, end: number, args: PageArgs, evidence?: Filter | null): Promise<FactConnectionModel> {
  const span = readSpan(sourceId, start, end, evidence);
  // Positions: evidence start and end, subject id, kind, attribute.
  const request = readPageRequest(args, 'facts', 5);
  const page = await ctx.store.findEvidence({ ...span, ...request }, ctx.work);
  return toConnection(page, request, 'facts');
}

/** Every fact whose evidence overlaps a span, read from the store a thousand at a time. */
export async function everyFactInSpan(store: GraphStore, sourceId: string, start: number, end: number, work?: RequestWork): Promise<FactModel[]> {
  const facts: FactModel[] = [];
  let after: EvidenceQuery['after'] = null;
  for (;;) {
    const page = await store.findEvidence({ sourceId, start, end, first: 1000, after }, work);
    for (const item of page.items) facts.push(item.node);
    if (!page.hasNextPage || page.items.length === 0) return facts;
    after = page.items[page.items.length - 1]!.position;
  }
}

/** Every such fact at once, for the deprecated unpaged field: refused when there are more than it answers. */
export async function findFactsInSpan(ctx: Context, sourceId: string, start: number, end: number, evidence?: Filter | null): Promise<FactModel[]> {
  const page = await ctx.store.findEvidence({ ...readSpan(sourceId, start, end, evidence), first: MAX_UNPAGED_FACTS, after: null }, ctx.work);
  if (page.hasNextPage) {
    throw badUserInput(`The span holds ${page.totalCount} facts, more than evidenceIn answers (${MAX_UNPAGED_FACTS}); ask factsIn for them a page at a time.`, 'end');
  }
  return page.items.map((item) => item.node);
}
