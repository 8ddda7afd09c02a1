import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RequestWork } from '../src/lib/work.js';
import { PostgresGraphStore } from '../src/store/postgres/postgres-store.js';
import { graphOn, TINY_SEED, type TestGraph } from './helpers.js';
import { createTestDatabase, withClient } from './postgres/databases.js';

/**
 * What a client is told when the database does not answer a query: a clear GraphQL error with a
 * stable code, never the database's words or a stack. The database is made to fail for real: a lock
 * held past the statement timeout, a table renamed away.
 */
let url: string;
let store: PostgresGraphStore;
let graph: TestGraph;
const internalErrors: unknown[] = [];
beforeAll(async () => {
  url = await createTestDatabase('tiny');
  store = await PostgresGraphStore.open({ url, poolSize: 2, statementTimeoutMs: 300 });
  graph = await graphOn(TINY_SEED, () => store, { onInternalError: (error) => internalErrors.push(error) });
});
afterAll(() => store.close());

const withDatabase = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => withClient(url, work);

describe('the PostgreSQL store when the database does not answer', () => {
  it('answers REQUEST_TIMEOUT, naming the limit, for a statement the database cancels at its timeout', async () => {
    await withDatabase(async (locker) => {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE entity_count IN ACCESS EXCLUSIVE MODE');
      try {
        expect(await graph.run('{ people { totalCount } }')).toEqual({
          errors: [
            {
              message: 'The graph database took longer than 300 ms to answer; ask for less (a smaller "first", a narrower filter) and try again.',
              locations: [{ line: 1, column: 3 }],
              path: ['people'],
              extensions: { code: 'REQUEST_TIMEOUT', limit: 300 },
            },
          ],
          data: null,
        });
      } finally {
        await locker.query('ROLLBACK');
      }
    });
    expect(await graph.run('{ people { totalCount } }')).toEqual({ data: { people: { totalCount: 3 } } });
  });

  it('answers INTERNAL_SERVER_ERROR without the database’s message when it refuses a query, and reports the failure', async () => {
    await withDatabase((client) => client.query('ALTER TABLE dated RENAME TO dated_elsewhere'));
    try {
      expect(await graph.run('{ timeline { totalCount } }')).toEqual({
        errors: [
          {
            message: 'The server could not complete this part of the request; the failure has been logged.',
            locations: [{ line: 1, column: 3 }],
            path: ['timeline'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
        data: null,
      });
      expect(internalErrors.map((error) => (error as Error).message)).toEqual(['relation "dated" does not exist']);
    } finally {
      await withDatabase((client) => client.query('ALTER TABLE dated_elsewhere RENAME TO dated'));
    }
  });
  it('cancels, in the database, the statement of a request that is abandoned, and starts no other for it', async () => {
    // A statement timeout far away: what stops the statement here is the request's signal.
    const patient = await PostgresGraphStore.open({ url, poolSize: 2, statementTimeoutMs: 600_000 });
    const activeStatements = () =>
      withDatabase(async (observer) => (await observer.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'entente' AND state = 'active'")).rows[0]!.n);
    try {
      await withDatabase(async (locker) => {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE entity_count IN ACCESS EXCLUSIVE MODE');
        try {
          const controller = new AbortController();
          const work = new RequestWork(controller.signal);
          const listed = patient.listEntities({ type: 'Person', condition: null, orderBy: [], first: 5, after: null }, work);
          listed.catch(() => {});
          // The statement waits for the lock in the database...
          await vi.waitFor(async () => expect(await activeStatements()).toBe(1), { timeout: 10_000, interval: 20 });
          // ...until the request is abandoned: the database cancels it, and the store says so.
          controller.abort();
          await expect(listed).rejects.toMatchObject({ extensions: { code: 'REQUEST_TIMEOUT' } });
          expect(await activeStatements()).toBe(0);
          await expect(patient.getRelationships(['Person:alice-example'], null, 'BOTH', work)).rejects.toMatchObject({ extensions: { code: 'REQUEST_TIMEOUT' } });
          expect(await activeStatements()).toBe(0);
        } finally {
          await locker.query('ROLLBACK');
        }
      });
    } finally {
      await patient.close();
    }
  });
});
