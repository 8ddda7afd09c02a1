import { LRUCache } from 'lru-cache';

/** A budget after a charge: what it allows a minute, what is left, and the seconds until it is full again. */
export interface BudgetState {
  limit: number;
  remaining: number;
  /** Whole seconds until the window ends and the budget is full again. */
  reset: number;
}

export type Charge = { allowed: true; state: BudgetState } | { allowed: false; state: BudgetState; retryAfter: number };

const WINDOW_MS = 60_000;
/** Windows kept at once: one per key and per anonymous address seen in the last minute or so. */
const MAX_WINDOWS = 100_000;

/**
 * Cost budgets per minute, in fixed windows: a key's (or an address's) first request starts a
 * window of 60 s, each operation spends its estimated cost (`extensions.cost.requested`) from it,
 * and an operation that would overspend is refused until the window ends. An operation is charged
 * whole or not at all, so a refused one costs nothing.
 */
export class Budgets {
  private readonly windows = new LRUCache<string, { started: number; spent: number }>({ max: MAX_WINDOWS });

  constructor(private readonly now: () => number = Date.now) {}

  charge(key: string, limit: number, cost: number): Charge {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.started + WINDOW_MS) {
      window = { started: now, spent: 0 };
      this.windows.set(key, window);
    }
    const reset = Math.max(1, Math.ceil((window.started + WINDOW_MS - now) / 1000));
    if (window.spent + cost > limit) return { allowed: false, state: { limit, remaining: limit - window.spent, reset }, retryAfter: reset };
    window.spent += cost;
    return { allowed: true, state: { limit, remaining: limit - window.spent, reset } };
  }
}
