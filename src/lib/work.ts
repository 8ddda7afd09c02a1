import { setImmediate as nextTurn } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

/** Items a loop handles between two looks at the clock: a look costs about as much as 50 items. */
const ITEMS_BETWEEN_LOOKS = 256;
/** How long one slice of a request's work may hold the event loop before others get a turn. */
export const SLICE_MS = 10;

/** Thrown into the work of a request whose answer is no longer wanted (its time limit passed). */
export function abandoned(): GraphQLError {
  return new GraphQLError('The request was stopped: its answer was no longer wanted.', { extensions: { code: ErrorCode.REQUEST_TIMEOUT } });
}

/**
 * The work one request does in the store. It is counted (every entity tested, relationship
 * followed or posting read is an item, reported in `extensions.cost`), cut into slices of about
 * 10 ms so that one heavy request never holds the event loop while others wait, and stopped at the
 * next slice once the request's signal is aborted, so an abandoned request stops spending.
 *
 * A loop calls `step()` for each item and, when it says the slice is over, awaits `pause()`:
 *
 *     for (const index of candidates) { test(index); if (work.step()) await work.pause(); }
 *
 * Several store calls of one request may share it; each pauses when the shared slice is over.
 */
export class RequestWork {
  /** Items handled so far. */
  items = 0;
  private sinceLook = 0;
  private sliceStarted = performance.now();

  constructor(
    readonly signal?: AbortSignal,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Counts `count` items; true when the slice has run its time and the loop should pause. */
  step(count = 1): boolean {
    this.items += count;
    this.sinceLook += count;
    if (this.sinceLook < ITEMS_BETWEEN_LOOKS) return false;
    this.sinceLook = 0;
    return performance.now() - this.sliceStarted >= this.sliceMs;
  }

  /** Lets everything else waiting on the event loop run, then goes on, or stops if abandoned. */
  async pause(): Promise<void> {
    this.stopIfAbandoned();
    await nextTurn();
    this.stopIfAbandoned();
    this.sliceStarted = performance.now();
  }

  /** Throws when the request was abandoned; loops that never pause call it before starting. */
  stopIfAbandoned(): void {
    if (this.signal?.aborted) throw abandoned();
  }
}

/** The work of a store call that no request measures: still sliced, never stopped. */
export function unmeasured(work: RequestWork | undefined): RequestWork {
  return work ?? new RequestWork();
}
