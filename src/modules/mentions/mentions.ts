import type { Context } from '../../context.js';
import { DEFAULT_CURATION_LIMITS } from '../../curation/curator.js';
import { ErrorCode, limitExceeded } from '../../errors.js';
import { rankedPage, readOffsetPage, toConnection, type PageArgs } from '../../lib/connection.js';
import { foldText } from '../../lib/text.js';
import type { ConnectionModel, EntityModel, EntityTypeCode, ItemEdgeModel } from '../../store/models.js';

/** The most words a name may have to be found in a text; the graph's longest name has 10. */
export const MAX_NAME_WORDS = 12;

/** Words whose candidates are looked up in one store call: some 12 × 32 names. */
const WORDS_PER_SLICE = 32;

/** Which of an entity's names a passage matches. */
export type MentionNameKind = 'NAME' | 'ALIAS' | 'LABEL';

/** A passage of a text that names an entity. */
export interface MentionModel {
  start: number;
  end: number;
  quote: string;
  entity: EntityModel;
  matchedName: string;
  nameKind: MentionNameKind;
}
export type MentionEdgeModel = ItemEdgeModel<MentionModel>;
export type MentionConnectionModel = ConnectionModel<MentionEdgeModel>;

export interface MentionsInArgs extends PageArgs {
  text: string;
  types?: readonly EntityTypeCode[] | null;
}

/**
 * A word as folding sees it: a run of letters, digits and the marks on them. Folding turns every
 * other character into a space, so a name folds to its words' folded forms joined by spaces.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** A run of consecutive words of a text that could be a name, and the folded key findByName looks it up by. */
export interface NameCandidate {
  start: number;
  end: number;
  key: string;
}

/** The number of candidates a text of `words` words has: each word starts up to MAX_NAME_WORDS of them. */
function candidatesOf(words: number): number {
  const long = Math.max(0, words - MAX_NAME_WORDS + 1);
  const short = words - long;
  return long * MAX_NAME_WORDS + (short * (short + 1)) / 2;
}

/** How many names a text asks the store to look up, at most: what mentionsIn is priced by. */
export function countNameCandidates(text: string): number {
  let words = 0;
  for (const _ of text.matchAll(WORD)) words++;
  return candidatesOf(words);
}

/** A word of a text: where it is, and its folded form. */
interface Word {
  start: number;
  end: number;
  folded: string;
}

function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (match) => ({ start: match.index, end: match.index + match[0].length, folded: foldText(match[0]) }));
}

/** The candidates that start at words [from, to): each run of 1 to MAX_NAME_WORDS words from there. */
function candidatesStartingIn(words: readonly Word[], from: number, to: number): NameCandidate[] {
  const candidates: NameCandidate[] = [];
  for (let first = from; first < to; first++) {
    let key = '';
    for (let last = first; last < words.length && last < first + MAX_NAME_WORDS; last++) {
      const folded = words[last]!.folded;
      // A word of marks alone folds to nothing, as it does inside a longer passage.
      if (folded !== '') key = key === '' ? folded : `${key} ${folded}`;
      if (key !== '') candidates.push({ start: words[first]!.start, end: words[last]!.end, key });
    }
  }
  return candidates;
}

/**
 * Every run of 1 to MAX_NAME_WORDS consecutive words of the text, with its offsets (UTF-16 code
 * units) and its folded form, which is what foldText makes of the passage.
 */
export function nameCandidates(text: string): NameCandidate[] {
  const words = wordsOf(text);
  return candidatesStartingIn(words, 0, words.length);
}

/** Which name of the entity folds to the key: its name first, then an alias, then a label; null for a country's code alone. */
function matchedName(entity: EntityModel, key: string): { matchedName: string; nameKind: MentionNameKind } | null {
  if (foldText(entity.name) === key) return { matchedName: entity.name, nameKind: 'NAME' };
  const alias = entity.aliases.find((name) => foldText(name) === key);
  if (alias !== undefined) return { matchedName: alias, nameKind: 'ALIAS' };
  const label = entity.labels.find((name) => foldText(name.text) === key);
  return label === undefined ? null : { matchedName: label.text, nameKind: 'LABEL' };
}

/**
 * The passages of a text that name entities, in text order, a longer passage first where two start
 * together, then by entity id. Every candidate passage is looked up by the store's own name index
 * (findByName, as entitiesByName's loader asks it), so a name matches here exactly when
 * entitiesByName finds it; a country's ISO code is not a name for this purpose (two letters match too much prose).
 */
export async function findMentions(ctx: Context, args: MentionsInArgs): Promise<MentionConnectionModel> {
  const page = readOffsetPage(args, 'mentionsIn');
  const limit = ctx.curator?.limits.maxSourceLength ?? DEFAULT_CURATION_LIMITS.maxSourceLength;
  if (args.text.length > limit) {
    throw limitExceeded(ErrorCode.SOURCE_TOO_LARGE, `The text is ${args.text.length} characters long, over the limit of ${limit}; read it in parts or raise MAX_SOURCE_LENGTH.`, limit, {
      found: args.text.length,
      argument: 'text',
    });
  }
  const words = wordsOf(args.text);
  const types = args.types && args.types.length > 0 ? new Set<string>(args.types) : null;
  const mentions: MentionModel[] = [];
  // A long text has many candidates: they are made and looked up a slice of words at a time,
  // counted as the request's work, so other requests get their turns and an abandoned request stops.
  for (let from = 0; from < words.length; from += WORDS_PER_SLICE) {
    ctx.work.stopIfAbandoned();
    const candidates = candidatesStartingIn(words, from, Math.min(from + WORDS_PER_SLICE, words.length));
    const keys = [...new Set(candidates.map((candidate) => candidate.key))];
    const found = await ctx.store.findByName(keys);
    const byKey = new Map<string, EntityModel[]>();
    keys.forEach((key, i) => {
      if (found[i]!.length > 0) byKey.set(key, found[i]!);
    });
    for (const candidate of candidates) {
      for (const entity of byKey.get(candidate.key) ?? []) {
        if (types && !types.has(entity.entityType)) continue;
        const name = matchedName(entity, candidate.key);
        if (name) mentions.push({ start: candidate.start, end: candidate.end, quote: args.text.slice(candidate.start, candidate.end), entity, ...name });
      }
    }
    if (ctx.work.step(keys.length)) await ctx.work.pause();
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0));
  const request = { first: page.limit, after: page.offset === 0 ? null : [page.offset - 1] };
  return toConnection(rankedPage(mentions.slice(page.offset, page.offset + page.limit), page.offset, mentions.length), request, 'mentionsIn');
}
