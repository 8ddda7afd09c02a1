import type { Context } from '../context.js';
import { badUserInput } from '../errors.js';
import { encodeCursor, readPageRequest, type PageArgs } from '../lib/connection.js';
import type { JournalEntry, JournalQuery, RecordChange } from '../store/graph-store.js';
import type { ChangeConnectionModel, EvidenceModel, FactChangeModel } from '../store/models.js';
import type { Json } from '../store/seed-rules.js';

const LIST = 'changes';

/** A change's cursor: opaque to clients, its journal sequence inside (see encodeCursor). */
export function changeCursor(entry: Pick<JournalEntry, 'sequence'>): string {
  return encodeCursor(LIST, [entry.sequence]);
}

/** The sequence a change's cursor names, or 0 for none; a cursor this API did not issue is refused. */
export function readChangeCursor(cursor: string | null | undefined, argument = 'after'): number {
  if (cursor == null) return 0;
  try {
    const { after } = readPageRequest({ after: cursor, first: 0 }, LIST, 1);
    const sequence = after?.[0];
    if (typeof sequence === 'number' && Number.isSafeInteger(sequence) && sequence >= 0) return sequence;
  } catch {
    // refused below, naming the argument
  }
  throw badUserInput(`"${argument}" is not a change cursor this API issued; pass the cursor of a change.`, argument);
}

export interface ChangeFilterArgs {
  about?: readonly string[] | null;
  operations?: readonly JournalEntry['operation'][] | null;
}

/** One page of the journal from after the cursor; empty on a server that keeps no journal. */
export async function listChanges(ctx: Context, args: PageArgs, filter: Omit<JournalQuery, 'after' | 'first'>): Promise<ChangeConnectionModel> {
  const { first } = readPageRequest({ first: args.first }, LIST, 1);
  const after = readChangeCursor(args.after);
  const entries = ctx.curator ? await ctx.curator.store.readJournal({ ...filter, after, first: first + 1 }) : [];
  const page = entries.slice(0, first);
  const edges = page.map((node) => ({ cursor: changeCursor(node), node }));
  const store = ctx.curator?.store;
  return {
    edges,
    count: async () => (store ? store.countJournal(filter) : 0),
    pageInfo: { hasPreviousPage: after > 0, hasNextPage: entries.length > first, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The change a cursor names, or null. */
export async function findChange(ctx: Context, cursor: string): Promise<JournalEntry | null> {
  const sequence = readChangeCursor(cursor, 'cursor');
  if (!ctx.curator || sequence === 0) return null;
  const [entry] = await ctx.curator.store.readJournal({ after: sequence - 1, first: 1 });
  return entry?.sequence === sequence ? entry : null;
}

/** Every evidence item in a record, wherever it is (relationship evidence, mentions, dates, attribute evidence). */
function evidenceIn(value: unknown, into: Json[]): Json[] {
  if (Array.isArray(value)) for (const item of value) evidenceIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Json;
    if (typeof record.source === 'string' && typeof record.quote === 'string') into.push(record);
    else for (const inner of Object.values(record)) evidenceIn(inner, into);
  }
  return into;
}

function evidenceModel(record: Json): EvidenceModel {
  return {
    sourceId: String(record.source),
    start: Number(record.start),
    end: Number(record.end),
    quote: String(record.quote),
    method: (record.method as EvidenceModel['method'] | undefined) ?? 'EXTRACTED',
    reason: (record.reason as string | undefined) ?? null,
    reference: (record.reference as string | undefined) ?? null,
    modality: (record.modality as EvidenceModel['modality'] | undefined) ?? 'STATED',
    speakerId: (record.speaker as string | undefined) ?? null,
  };
}

/** What a record change did, as `FactChange` shows it: the fact, its state now, and the evidence it gained. */
export function factChangeOf(change: RecordChange): FactChangeModel {
  const record = change.after ?? change.before;
  const id = change.kind === 'sameAs' ? String(record?.entity) : change.key;
  const had = evidenceIn(change.before, []);
  const gained = change.kind === 'mergedId' ? [] : evidenceIn(change.after, []).filter((item) => !had.some((old) => old.source === item.source && old.start === item.start && old.end === item.end));
  return {
    id,
    action: change.action,
    nodeId: change.after === null && change.kind !== 'sameAs' ? null : id,
    evidence: gained.map(evidenceModel),
    mergedIntoId: change.kind === 'mergedId' && change.after ? String(change.after.survivor) : null,
  };
}

/** The `history` field every entity type shares (its declaration is generated: codegen/graph/expand.ts). */
export function entityHistory(entity: { id: string }, args: PageArgs, ctx: Context): Promise<ChangeConnectionModel> {
  return listChanges(ctx, args, { subjects: [entity.id] });
}
