/** A value now, or a promise of it later: what a resolver may return to keep execution synchronous. */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Applies `next` to a value at once, or when its promise settles. graphql-js completes a field
 * without a microtask when its resolver returns a plain value, and runs a whole query without one
 * when every resolver does; chaining with `then` unconditionally would give that up.
 */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => U): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

/** Like Promise.all, but a list of plain values stays a plain list. */
export function allOf<T>(values: ReadonlyArray<MaybePromise<T>>): MaybePromise<T[]> {
  return values.some(isPromise) ? Promise.all(values) : (values as T[]);
}
