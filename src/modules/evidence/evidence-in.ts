import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { assertGlobalId } from '../../lib/global-id.js';
import type { FactModel } from '../../store/models.js';
import { readEvidenceTest, type Filter } from '../filtering/filter.js';

/**
 * Every fact whose evidence overlaps [start, end) of a source's text, and meets the evidence filter
 * when one is given; empty for an unknown source. The store answers the span whole, so the filter
 * reads a list no longer than the span's facts.
 */
export async function findFactsInSpan(ctx: Context, sourceId: string, start: number, end: number, evidence?: Filter | null): Promise<FactModel[]> {
  assertGlobalId(sourceId, 'source');
  if (start < 0) throw badUserInput(`"start" must be 0 or more; got ${start}.`, 'start');
  if (end <= start) throw badUserInput(`"end" must be greater than "start"; got start ${start} and end ${end}.`, 'end');
  const facts = await ctx.store.findEvidence(sourceId, start, end);
  const test = readEvidenceTest(evidence);
  return test?.methods ? facts.filter((fact) => test.methods!.includes(fact.evidence.method)) : facts;
}
