import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';

/** Error codes of node and PostgreSQL that mean the database cannot be reached or is going away. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs: admin shutdown, crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Whether an error says the database is out of reach (connection refused, lost or shut down), not that a query was wrong. */
export function isUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  const message = (error as { message?: unknown }).message;
  // node-postgres says so in words when a connection ends or cannot be made in time.
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i.test(message);
}

/**
 * What a client is told when a query to the database fails: SERVICE_UNAVAILABLE while the database
 * cannot be reached (the service recovers by itself when it returns), REQUEST_TIMEOUT when a
 * statement ran past its time. Anything else is the service's own fault: returned as it is, so that
 * it is logged and answered as an internal error, never shown.
 */
export function databaseError(error: unknown, statementTimeoutMs: number): unknown {
  if (error instanceof GraphQLError) return error;
  if (isUnreachable(error)) {
    return new GraphQLError('The graph database cannot be reached just now; the service keeps trying, so try again shortly.', {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    });
  }
  if ((error as { code?: unknown } | null)?.code === '57014') {
    return new GraphQLError(`The graph database took longer than ${statementTimeoutMs} ms to answer; ask for less (a smaller "first", a narrower filter) and try again.`, {
      extensions: { code: ErrorCode.REQUEST_TIMEOUT, limit: statementTimeoutMs },
    });
  }
  return error;
}

/** Raised at start-up when the database holds no graph; its message says how to load one. */
export class EmptyDatabaseError extends Error {
  constructor() {
    super('The database holds no graph yet: load one with `npm run db:load -- --seed <dir>` (the same DATABASE_URL), then start the service again.');
    this.name = 'EmptyDatabaseError';
  }
}
