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

/**
 * An edge of a page: its node, and its cursor, encoded from the item's position only when read,
 * since most queries read no edge's cursor (a lookup two levels deep has hundreds of edges).
 */
export class PageEdge<T> {
  constructor(
    readonly node: T,
    private readonly list: string,
    private readonly position: Position,
  ) {}

  get cursor(): string {
    return encodeCursor(this.list, this.position);
  }
}

/** A page's place in its list, its first and last cursors encoded when read. */
class PageInfo implements PageInfoModel {
  constructor(
    readonly hasPreviousPage: boolean,
    readonly hasNextPage: boolean,
    private readonly list: string,
    private readonly first: Position | undefined,
    private readonly last: Position | undefined,
  ) {}

  get startCursor(): string | null {
    return this.first === undefined ? null : encodeCursor(this.list, this.first);
  }

  get endCursor(): string | null {
    return this.last === undefined ? null : encodeCursor(this.list, this.last);
  }
}

/**
 * Builds a connection from a store page. Each edge is made from an item, its list and its position
 * (a PageEdge by default), and makes its cursor from them when asked.
 */
export function toConnection<TItem, TEdge = PageEdge<TItem>>(
  page: Page<TItem>,
  request: PageRequest,
  list: string,
  toEdge: (item: TItem, list: string, position: Position, index: number) => TEdge = (item, list, position) => new PageEdge(item, list, position) as TEdge,
): ConnectionModel<TEdge> {
  const items = page.items;
  const pageInfo = new PageInfo(request.after !== null, page.hasNextPage, list, items[0]?.position, items[items.length - 1]?.position);
  return { edges: items.map((item, i) => toEdge(item.node, list, item.position, i)), totalCount: page.totalCount, pageInfo };
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
