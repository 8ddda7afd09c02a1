import type { Server } from 'node:http';
import type { Lifecycle } from './http/http-server.js';

export type DrainOutcome = 'drained' | 'grace-expired';

/**
 * Stops accepting connections, lets requests in flight finish, and closes keep-alive connections
 * as they fall idle. Connections still busy when the grace period ends are cut.
 */
export async function drainServer(server: Server, lifecycle: Lifecycle, graceMs: number): Promise<DrainOutcome> {
  lifecycle.draining = true;
  let outcome: DrainOutcome = 'drained';
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Responses sent while draining carry `connection: close`; this catches sockets between requests.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const grace = setTimeout(() => {
    outcome = 'grace-expired';
    server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(grace);
  }
  return outcome;
}
