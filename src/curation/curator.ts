import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { ChangeOperation, GraphStore, JournalEntry, WritableGraphStore } from '../store/graph-store.js';
import { WriteConflictError } from '../store/graph-store.js';
import { JournalWriteError } from '../store/journal-file.js';
import { SeedError } from '../store/seed.js';
import { checkDraft } from './check.js';
import type { DraftResult } from './drafts.js';
import type { UserError } from './user-errors.js';

/** The limits on one mutation, named in refusals and in the README's limits table. */
export interface CurationLimits {
  /** Longest source text accepted, in UTF-16 code units (MAX_SOURCE_LENGTH). */
  maxSourceLength: number;
  /** Most entities, or relationships and attributes, in one mutation (MAX_BATCH_SIZE). */
  maxBatchSize: number;
}

export const DEFAULT_CURATION_LIMITS: CurationLimits = { maxSourceLength: 500_000, maxBatchSize: 50 };

export type Outcome = { entry: JournalEntry; store: GraphStore } | { errors: UserError[] };

/** Tries a change checked against a journal head that moved meanwhile (another replica wrote) this many times. */
const ATTEMPTS = 5;

/**
 * Where mutations become changes: one at a time, each read into a draft against the graph as it
 * is, checked by the seed's rules (checkDraft), and committed by the store with its journal entry.
 * A draft with any problem changes nothing and returns every problem.
 */
export class Curator {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: WritableGraphStore,
    readonly limits: CurationLimits = DEFAULT_CURATION_LIMITS,
  ) {}

  apply(operation: ChangeOperation, actor: string, reason: string | null, draft: () => DraftResult | Promise<DraftResult>): Promise<Outcome> {
    const done = this.queue.then(() => this.applyNow(operation, actor, reason, draft));
    this.queue = done.catch(() => {});
    return done;
  }

  private async applyNow(operation: ChangeOperation, actor: string, reason: string | null, makeDraft: () => DraftResult | Promise<DraftResult>): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      const basedOn = await this.store.head();
      const draft = await makeDraft();
      if (Array.isArray(draft)) return { errors: draft };
      const errors = await checkDraft(this.store, draft);
      if (errors.length > 0) return { errors };
      try {
        const entry = await this.store.commit({ basedOn, operation, actor, reason, changes: draft.changes, sourceTexts: draft.sourceTexts });
        return { entry, store: this.store.snapshot?.() ?? this.store };
      } catch (error) {
        if (error instanceof WriteConflictError && attempt < ATTEMPTS) continue;
        if (error instanceof SeedError) {
          // The check passed and the whole graph did not build: nothing was applied; say why.
          return { errors: error.problems.map((problem) => ({ path: ['input'], code: 'RULE_VIOLATED', message: `${problem.record ? `${problem.record}: ` : ''}${problem.message}` })) };
        }
        if (error instanceof JournalWriteError || error instanceof WriteConflictError) {
          throw new GraphQLError('The change could not be made durable, so it was not applied; try again later.', {
            originalError: error,
            extensions: { code: ErrorCode.JOURNAL_UNAVAILABLE },
          });
        }
        throw error;
      }
    }
  }
}
