import { ErrorCode, limitExceeded } from '../errors.js';

/** Bounds on the JSON of an operation's variables, checked before graphql-js reads them. */
export interface VariableLimits {
  /** Deepest nesting of objects and lists in the variables. */
  maxVariableDepth: number;
  /** Most items in any one list in the variables. */
  maxListLength: number;
}

/**
 * Refuses variables nested deeper or with longer lists than the limits allow. graphql-js coerces
 * variables recursively, and the cost estimate and every filter walk them, so a value nested a
 * hundred thousand levels deep would exhaust the stack, and a list of a hundred thousand filters
 * would hold the event loop, before any other limit could see them. This walk is a loop, stops at
 * the first value over a limit, and names where it is.
 */
export function checkVariables(variables: Readonly<Record<string, unknown>> | undefined, limits: VariableLimits): void {
  if (!variables) return;
  const pending: Array<{ value: unknown; depth: number; path: string }> = Object.entries(variables).map(([name, value]) => ({ value, depth: 1, path: `$${name}` }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxVariableDepth) {
      throw limitExceeded(
        ErrorCode.VARIABLES_TOO_DEEP,
        `The variable value at ${shorten(path)} is nested more than ${limits.maxVariableDepth} levels deep, the limit; send flatter values.`,
        limits.maxVariableDepth,
        { http: { status: 400 } },
      );
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxListLength) {
        throw limitExceeded(
          ErrorCode.LIST_TOO_LONG,
          `The list at ${shorten(path)} has ${value.length} items, over the limit of ${limits.maxListLength}; send shorter lists.`,
          limits.maxListLength,
          { http: { status: 400 } },
        );
      }
      value.forEach((item, i) => pending.push({ value: item, depth: depth + 1, path: `${path}[${i}]` }));
    } else {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, depth: depth + 1, path: `${path}.${key}` });
    }
  }
}

/** A path short enough for a message: its start and its end. */
function shorten(path: string): string {
  return path.length <= 120 ? path : `${path.slice(0, 60)}…${path.slice(-50)}`;
}
