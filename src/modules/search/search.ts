import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { rankedPage, readOffsetPage, toConnection, type PageArgs } from '../../lib/connection.js';
import { foldText } from '../../lib/text.js';
import { ENTITY_TYPES, type EntityTypeCode, type EntityTypeName, type SearchConnectionModel, type SearchHitModel, type TextSpanModel } from '../../store/models.js';

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

export interface SearchArgs extends PageArgs {
  query: string;
  types?: readonly EntityTypeCode[] | null;
  includeRelationships?: boolean | null;
}

/**
 * Marks the words of a text that match the search terms: a word matches when its folded form is one
 * of the matched index terms. Offsets are into the original text.
 */
export function highlight(text: string, terms: readonly string[]): TextSpanModel[] {
  const wanted = new Set(terms);
  const spans: TextSpanModel[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (wanted.has(foldText(match[0]))) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

const ENTITY_TYPE_OF_CODE = Object.fromEntries(ENTITY_TYPES.map((type) => [type.toUpperCase(), type])) as Record<EntityTypeCode, EntityTypeName>;

/** One page of ranked search results, restricted to the kinds asked for. */
export async function search(ctx: Context, args: SearchArgs): Promise<SearchConnectionModel> {
  const page = readOffsetPage(args, 'search');
  const request = { first: page.limit, after: page.offset === 0 ? null : [page.offset - 1] };
  if (args.query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`"query" may be at most ${MAX_QUERY_LENGTH} characters long; got ${args.query.length}.`, 'query');
  }
  if (foldText(args.query) === '') return toConnection(rankedPage<SearchHitModel>([], page.offset, 0), request, 'search');
  const types = args.types && args.types.length > 0 ? new Set(args.types.map((code) => ENTITY_TYPE_OF_CODE[code])) : null;
  // The store restricts, counts and pages: a broad search on a large graph ranks only the page.
  const { matches, totalCount } = await ctx.store.search(args.query, {
    types,
    includeRelationships: args.includeRelationships ?? true,
    offset: page.offset,
    limit: page.limit,
  }, ctx.work);
  // Snippets are marked for the page only.
  const hits: SearchHitModel[] = matches.map((match) => ({
    nodeId: match.nodeId,
    score: match.score,
    field: match.field,
    snippet: { text: match.text, highlights: highlight(match.text, match.terms) },
    evidence: match.evidence,
    isExactMatch: match.isExactMatch,
  }));
  return toConnection(rankedPage(hits, page.offset, totalCount), request, 'search');
}
