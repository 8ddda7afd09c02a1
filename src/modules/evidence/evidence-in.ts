import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { assertGlobalId } from '../../lib/global-id.js';
import type { FactModel } from '../../store/models.js';

/** Every fact whose evidence overlaps [start, end) of a source's text; empty for an unknown source. */
export async function findFactsInSpan(ctx: Context, sourceId: string, start: number, end: number): Promise<FactModel[]> {
  assertGlobalId(sourceId, 'source');
  if (start < 0) throw badUserInput(`"start" must be 0 or more; got ${start}.`, 'start');
  if (end <= start) throw badUserInput(`"end" must be greater than "start"; got start ${start} and end ${end}.`, 'end');
  return ctx.store.findEvidence(sourceId, start, end);
}
