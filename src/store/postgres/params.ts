/**
 * The values of one SQL statement, numbered as they are added: every value a query uses goes
 * through here and reaches PostgreSQL as a bound parameter, never as text in the statement.
 */
export class Params {
  readonly values: unknown[] = [];

  /**
   * Adds a value and returns its placeholder with its type (`$3::text[]`): stated every time, so a
   * statement never leaves PostgreSQL to guess the type of a parameter it does not use.
   */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** Fresh table aliases for nested subqueries: `e1`, `a2`, ... */
export class Aliases {
  private next = 0;

  take(prefix: string): string {
    this.next += 1;
    return `${prefix}${this.next}`;
  }
}

/**
 * Strings PostgreSQL cannot hold (a NUL character) can equal nothing stored: callers that look a
 * value up drop it; callers that compare order use the text without it.
 */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

export function withoutNul(text: string): string {
  return text.replaceAll('\u0000', '');
}
