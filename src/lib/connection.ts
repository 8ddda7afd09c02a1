import type { GraphQLError } from 'graphql';
import { badUserInput } from '../errors.js';
import type { ConnectionModel, PageInfoModel } from '../store/models.js';
import type { Page, PageRequest, Position } from '../store/query.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The longest cursor accepted; a cursor holds an item's sort keys, such as its name. */
const MAX_CURSOR_LENGTH = 2048;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Reads `first`, refusing a size outside 0..100 rather than silently clamping it. */
export function readFirst(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, 'first');
  }
  return first;
}

/**
 * Cursors are opaque to clients. Inside, a cursor is the base64url of JSON `[list, ...position]`:
 * the kind of list and ordering it was issued for, and the sort keys of the item it names (see
 * Position). A keyset cursor names an item by its keys rather than its index, so the next page
 * stays where it was when items are added before it, and a deep page costs what the first does.
 */
export function encodeCursor(list: string, position: Position): string {
  return Buffer.from(JSON.stringify([list, ...position])).toString('base64url');
}

/** The refusal of a cursor that did not come from this API. */
export function foreignCursor(): GraphQLError {
  return badUserInput('"after" is not a cursor this API issued; pass an endCursor or edge cursor from an earlier page.', 'after');
}

function isKey(value: unknown): value is string | number | null {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function decodeCursor(cursor: string, list: string, slots: number): Position {
  let decoded: unknown = null;
  if (cursor.length <= MAX_CURSOR_LENGTH) {
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      decoded = null;
    }
  }
  if (!Array.isArray(decoded) || decoded.length === 0 || !decoded.every(isKey) || encodeCursor(String(decoded[0]), decoded.slice(1)) !== cursor) {
    throw foreignCursor();
  }
  if (decoded[0] !== list || decoded.length !== slots + 1) {
    throw badUserInput('"after" is a cursor of another list or ordering; pass a cursor from a page of this same list and order.', 'after');
  }
  return decoded.slice(1);
}

/** Reads `first` and `after` for a list whose positions have `slots` keys, issued as `list`. */
export function readPageRequest(args: PageArgs, list: string, slots: number): PageRequest {
  const first = readFirst(args);
  return { first, after: args.after == null ? null : decodeCursor(args.after, list, slots) };
}

/** Builds a connection from a store page, with each item's cursor made from its position. */
export function toConnection<TItem, TEdge>(
  page: Page<TItem>,
  request: PageRequest,
  list: string,
  toEdge: (item: TItem, cursor: string, index: number) => TEdge,
): ConnectionModel<TEdge> {
  const cursors = page.items.map((item) => encodeCursor(list, item.position));
  const pageInfo: PageInfoModel = {
    hasPreviousPage: request.after !== null,
    hasNextPage: page.hasNextPage,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
  return { edges: page.items.map((item, i) => toEdge(item.node, cursors[i]!, i)), totalCount: page.totalCount, pageInfo };
}

/**
 * Search results are ranked, and a rank is no key an item keeps: their cursors are positions in the
 * ranked list, `[list, offset]`, and a page after one starts at the next offset.
 */
export function readOffsetPage(args: PageArgs, list: string): { offset: number; limit: number } {
  const { first, after } = readPageRequest(args, list, 1);
  if (after === null) return { offset: 0, limit: first };
  const last = after[0];
  if (typeof last !== 'number' || !Number.isSafeInteger(last) || last < 0) {
    throw foreignCursor();
  }
  return { offset: last + 1, limit: first };
}

/** A page of a ranked list as a store page: positions are offsets. */
export function rankedPage<T>(items: readonly T[], offset: number, totalCount: number): Page<T> {
  return { items: items.map((node, i) => ({ node, position: [offset + i] })), totalCount, hasNextPage: offset + items.length < totalCount };
}
