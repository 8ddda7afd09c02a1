import type { Lifecycle } from './http/http-server.js';
import type { Logger } from './logger.js';
import type { GraphStore } from './store/graph-store.js';

/**
 * Builds what the store would build on first use (name orders, facts by source, the search
 * index), a slice at a time while requests are served, and keeps `/ready` at 503 `warming` until
 * it is built: a load balancer sends a new replica no traffic that would wait for a build (the
 * search index of 10⁶ entities takes seconds to minutes). `/health` answers all along. A request
 * that comes first anyway waits for the same build, which goes on when that request is abandoned.
 * Should the build fail, the replica turns ready anyway and each index is built on first use.
 */
export async function warmUpBeforeReady(store: GraphStore, lifecycle: Lifecycle, logger: Logger): Promise<void> {
  if (!store.warmUp) return;
  lifecycle.warming = true;
  const started = performance.now();
  try {
    await store.warmUp();
    logger.info({ durationMs: Math.round(performance.now() - started) }, 'indexes built');
  } catch (error) {
    logger.error({ err: error }, 'building the indexes failed; they will be built on first use');
  } finally {
    lifecycle.warming = false;
  }
}
