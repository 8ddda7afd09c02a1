import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { createLoaders } from '../loaders/index.js';

/**
 * Answers a root lookup as the graph stood at a time: the graph after the last journal entry made
 * at or before it (the seed alone before the first), read from the store's snapshot. Every field
 * under the lookup reads the same snapshot: the lookup registers a context for its response key,
 * and scopeAsOf's wrapper hands that context to every resolver below it. A server without a journal
 * has only ever had its seed, so it answers from the graph as it is.
 */
export async function atTime<T>(ctx: Context, info: GraphQLResolveInfo, asOf: Date | null | undefined, lookup: (ctx: Context) => T | Promise<T>): Promise<T> {
  if (!asOf || !ctx.curator) return lookup(ctx);
  const store = ctx.curator.store;
  const snapshot = await store.snapshotAt(await store.sequenceAt(asOf.toISOString()));
  const scoped: Context = { ...ctx, store: snapshot, loaders: createLoaders(snapshot, ctx.work), asOf: undefined };
  (ctx.asOf ??= new Map()).set(String(info.path.key), scoped);
  return lookup(scoped);
}

/** The response key of the root field a resolver runs under. */
function rootKey(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  return String(path.key);
}

/**
 * Wraps every field resolver of a resolver map so that, under a root field asked with `asOf`, it
 * receives that field's context (see atTime). A request that asks nothing as of a time pays one
 * property read per resolved field.
 */
export function scopeAsOf<T extends object>(resolvers: T): T {
  const scoped: Record<string, unknown> = {};
  for (const [type, fields] of Object.entries(resolvers)) {
    if (typeof fields !== 'object' || fields === null || Object.getPrototypeOf(fields) !== Object.prototype) {
      scoped[type] = fields;
      continue;
    }
    scoped[type] = Object.fromEntries(
      Object.entries(fields).map(([name, resolve]) => {
        if (typeof resolve !== 'function' || name.startsWith('__')) return [name, resolve];
        const field = resolve as GraphQLFieldResolver<unknown, Context>;
        return [
          name,
          (parent: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) =>
            ctx.asOf === undefined ? field(parent, args, ctx, info) : field(parent, args, ctx.asOf.get(rootKey(info)) ?? ctx, info),
        ];
      }),
    );
  }
  return scoped as T;
}
