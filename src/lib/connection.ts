import { badUserInput } from '../errors.js';
import type { ConnectionModel, PageInfoModel } from '../store/models.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  /** Index of the first item of the page in the whole list. */
  offset: number;
  /** Number of items requested. */
  limit: number;
}

const CURSOR_PREFIX = 'o:';

/**
 * Cursors are opaque to clients; inside they are the base64url of `o:<offset>`, the item's index in
 * its list. The graph is immutable while the service runs, so an index names the same item for as
 * long as the cursor can be used.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
    throw badUserInput(`"after" is not a cursor this API issued; pass an endCursor or edge cursor from an earlier page.`, 'after');
  }
  return offset;
}

/** Reads `first`/`after` into a page, refusing a size outside 0..100 rather than silently clamping it. */
export function readPage(args: PageArgs): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}; got ${limit}.`, 'first');
  }
  const offset = args.after == null ? 0 : decodeCursor(args.after) + 1;
  return { offset, limit };
}

/** Builds a page of a list whose items at [offset, offset + limit) are `items`, of `totalCount` in all. */
export function toConnection<TItem, TEdge>(
  items: readonly TItem[],
  page: Page,
  totalCount: number,
  toEdge: (item: TItem, cursor: string) => TEdge,
): ConnectionModel<TEdge> {
  const edges = items.map((item, i) => toEdge(item, encodeCursor(page.offset + i)));
  const pageInfo: PageInfoModel = {
    hasPreviousPage: page.offset > 0,
    hasNextPage: page.offset + items.length < totalCount,
    startCursor: edges.length > 0 ? encodeCursor(page.offset) : null,
    endCursor: edges.length > 0 ? encodeCursor(page.offset + items.length - 1) : null,
  };
  return { edges, totalCount, pageInfo };
}
