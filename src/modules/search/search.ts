import type { Context } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { readPage, toConnection, type PageArgs } from '../../lib/connection.js';
import { parseGlobalId } from '../../lib/global-id.js';
import { foldText } from '../../lib/text.js';
import type { SearchConnectionModel, SearchHitModel, TextSpanModel } from '../../store/models.js';
import type { SearchMatch } from '../../store/search-index.js';

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

export interface SearchArgs extends PageArgs {
  query: string;
  types?: readonly string[] | null;
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

/** `Person:x` → `PERSON`: the entity type an entity id names. */
function typeCode(entityId: string): string {
  return entityId.slice(0, entityId.indexOf(':')).toUpperCase();
}

/** One page of ranked search results, restricted to the kinds asked for. */
export async function search(ctx: Context, args: SearchArgs): Promise<SearchConnectionModel> {
  const page = readPage(args);
  if (args.query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`"query" may be at most ${MAX_QUERY_LENGTH} characters long; got ${args.query.length}.`, 'query');
  }
  if (foldText(args.query) === '') return toConnection([], page, 0, (node: SearchHitModel, cursor) => ({ cursor, node }));
  const matches = await ctx.store.search(args.query);
  const types = args.types && args.types.length > 0 ? new Set(args.types) : null;
  const includeRelationships = args.includeRelationships ?? true;
  // Ids name their types (`Person:x`, `Relationship:<from>><TYPE>><to>`), so results are
  // restricted without loading a single node: a broad search stays cheap on a large graph.
  const kept: SearchMatch[] = [];
  for (const match of matches) {
    const parsed = parseGlobalId(match.nodeId);
    if (!parsed) continue;
    if (parsed.kind === 'relationship') {
      if (!includeRelationships) continue;
      if (types && !types.has(typeCode(parsed.fromId)) && !types.has(typeCode(parsed.toId))) continue;
    } else if (types && !types.has(parsed.type.toUpperCase())) continue;
    kept.push(match);
  }
  // Snippets are marked for the page only.
  const hits: SearchHitModel[] = kept.slice(page.offset, page.offset + page.limit).map((match) => ({
    nodeId: match.nodeId,
    score: match.score,
    field: match.field,
    snippet: { text: match.text, highlights: highlight(match.text, match.terms) },
    evidence: match.evidence,
  }));
  return toConnection(hits, page, kept.length, (node, cursor) => ({ cursor, node }));
}

