import { DateTimeResolver } from 'graphql-scalars';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode, limitExceeded } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { createLoaders } from '../loaders/index.js';
import type { ChangeOperation, JournalEntry } from '../store/graph-store.js';
import { relationshipKey } from '../store/records.js';
import { loadEntity } from '../modules/graph/graph.js';
import type { DraftResult } from './drafts.js';
import { draftAddEntities, draftAddFacts, draftAddSource, draftCorroborate, draftMergeEntities, draftRetractFact } from './drafts.js';
import { changeCursor, factChangeOf, findChange, listChanges } from './journal.js';
import type { UserError } from './user-errors.js';

type Nothing<T> = { [K in keyof T]: null };
type Applied<T> = (T & { change: JournalEntry; userErrors: [] }) | (Nothing<T> & { change: null; userErrors: UserError[] });

/**
 * Runs a mutation: the curator checks and commits its draft; on success the request goes on
 * reading the graph with the change in it (the payload, and any mutation after it in the same
 * operation), on any problem nothing changed and the payload says why.
 */
async function mutate<T extends object>(
  ctx: Context,
  operation: ChangeOperation,
  reason: string | null | undefined,
  draft: () => DraftResult | Promise<DraftResult>,
  payload: (ctx: Context, entry: JournalEntry) => Promise<T> | T,
  nothing: Nothing<T>,
): Promise<Applied<T>> {
  if (!ctx.curator) {
    throw new GraphQLError('This server keeps no journal (JOURNAL_DIR is unset), so it takes no changes.', { extensions: { code: ErrorCode.WRITES_DISABLED } });
  }
  const outcome = await ctx.curator.apply(operation, ctx.principal.name ?? 'anonymous', reason ?? null, draft);
  if ('errors' in outcome) return { ...nothing, change: null, userErrors: outcome.errors };
  ctx.store = outcome.store;
  ctx.loaders = createLoaders(outcome.store, ctx.work);
  return { ...(await payload(ctx, outcome.entry)), change: outcome.entry, userErrors: [] };
}

function assertBatch(ctx: Context, count: number, what: string): void {
  const limit = ctx.curator?.limits.maxBatchSize;
  if (limit !== undefined && count > limit) {
    throw limitExceeded(ErrorCode.BATCH_TOO_LARGE, `The batch holds ${count} ${what}, over the limit of ${limit} in one mutation; send it in smaller batches.`, limit, { found: count });
  }
}

export const curationResolvers = {
  DateTime: DateTimeResolver,
  Mutation: {
    addSource: (_root, { input }, ctx) => {
      const limit = ctx.curator?.limits.maxSourceLength;
      if (limit !== undefined && input.text.length > limit) {
        throw limitExceeded(ErrorCode.SOURCE_TOO_LARGE, `The source text is ${input.text.length} characters long, over the limit of ${limit}; split the source or raise MAX_SOURCE_LENGTH.`, limit, {
          found: input.text.length,
        });
      }
      return mutate(ctx, 'ADD_SOURCE', input.reason, () => draftAddSource(input), async (c) => ({ source: await loadEntity(c, `Source:${input.slug}`, 'Source') }), { source: null });
    },
    addEntities: (_root, { input }, ctx) => {
      assertBatch(ctx, input.entities.length, 'entities');
      return mutate(ctx, 'ADD_ENTITIES', input.reason, () => draftAddEntities(input), async (c, entry) => ({
        entities: await Promise.all(entry.changes.map((change) => loadEntity(c, change.key))),
      }), { entities: null });
    },
    addFacts: (_root, { input }, ctx) => {
      assertBatch(ctx, (input.relationships?.length ?? 0) + (input.attributes?.length ?? 0), 'relationships and attributes');
      return mutate(ctx, 'ADD_FACTS', input.reason, () => draftAddFacts(ctx.curator!.store, input), async (c, entry) => ({
        relationships: await Promise.all(
          entry.changes.filter((change) => change.kind === 'relationship').map(async (change) => (await c.loaders.node.load(relationshipKey(change.after!))) as never),
        ),
        entities: await Promise.all(entry.changes.filter((change) => change.kind !== 'relationship').map((change) => loadEntity(c, change.key))),
      }), { relationships: null, entities: null });
    },
    corroborate: (_root, { input }, ctx) =>
      mutate(ctx, 'CORROBORATE', input.reason, () => draftCorroborate(ctx.curator!.store, input), async (c, entry) => ({ fact: await c.loaders.node.load(entry.changes[0]!.key) }), { fact: null }),
    retractFact: (_root, { input }, ctx) =>
      mutate(ctx, 'RETRACT_FACT', input.reason, () => draftRetractFact(ctx.curator!.store, input), (_c, entry) => ({ retractedId: entry.changes[0]!.key }), { retractedId: null }),
    mergeEntities: (_root, { input }, ctx) =>
      mutate(ctx, 'MERGE_ENTITIES', input.reason, () => draftMergeEntities(ctx.curator!.store, input), async (c) => ({ survivor: await loadEntity(c, input.survivor) }), { survivor: null }),
  },
  Query: {
    changes: (_root, args, ctx) => listChanges(ctx, args, { about: args.filter?.about ?? null, operations: args.filter?.operations ?? null }),
    change: (_root, args, ctx) => findChange(ctx, args.cursor),
  },
  ChangeConnection: {
    nodes: (connection) => connection.edges.map((edge) => edge.node),
    totalCount: (connection) => connection.count(),
  },
  Change: {
    cursor: (entry) => changeCursor(entry),
    facts: (entry) => entry.changes.map(factChangeOf),
  },
  FactChange: {
    node: (fact, _args, ctx) => (fact.nodeId === null ? null : ctx.loaders.loadNode(fact.nodeId)),
    mergedInto: (fact, _args, ctx) => (fact.mergedIntoId === null ? null : loadEntity(ctx, fact.mergedIntoId)),
  },
  Relationship: {
    history: (relationship, args, ctx) => listChanges(ctx, args, { subjects: [relationship.id] }),
  },
} satisfies Resolvers;
