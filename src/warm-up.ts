import { constants, PerformanceObserver } from 'node:perf_hooks';
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
 *
 * A build on a large heap leaves V8 in the middle of a major collection of its garbage: at 10⁶
 * entities (450 MiB live after the build, more with its garbage) that collection ends seconds after
 * the build, and the first requests let in meanwhile meet its marking steps and its final pause,
 * 100 ms and more (bench/RESULTS.md, "Experiment: what holds the event loop at 10⁶ entities"; the
 * heap was then 1.6 GB, with the facts by source as objects). So above LARGE_HEAP_BYTES the replica
 * waits, still warming, for the end of the next major collection, or GC_WAIT_MS at most: no
 * collection is forced (a full one stops the process for seconds), V8 finishes its own.
 */
export async function warmUpBeforeReady(store: GraphStore, lifecycle: Lifecycle, logger: Logger): Promise<void> {
  if (!store.warmUp) return;
  lifecycle.warming = true;
  const started = performance.now();
  try {
    await store.warmUp();
    logger.info({ durationMs: Math.round(performance.now() - started) }, 'indexes built');
    if (process.memoryUsage().heapUsed > LARGE_HEAP_BYTES) {
      const waited = performance.now();
      const collected = await nextMajorCollection(GC_WAIT_MS);
      logger.info({ durationMs: Math.round(performance.now() - waited), collected }, 'waited for the collection of the build');
    }
  } catch (error) {
    logger.error({ err: error }, 'building the indexes failed; they will be built on first use');
  } finally {
    lifecycle.warming = false;
  }
}

/** A heap above which the build's garbage takes a major collection long enough to be waited out. */
const LARGE_HEAP_BYTES = 256 * 1024 * 1024;
/**
 * The longest a replica waits for that collection before it turns ready anyway: at 10⁶ entities a
 * collection under way ends within a second; one that has already ended leaves nothing to wait for.
 */
const GC_WAIT_MS = 5_000;

/** Resolves true at the end of V8's next major collection, or false after `ms` without one. */
function nextMajorCollection(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => ((entry as { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) done(true);
    });
    const timer = setTimeout(() => done(false), ms);
    function done(collected: boolean): void {
      observer.disconnect();
      clearTimeout(timer);
      resolve(collected);
    }
    observer.observe({ entryTypes: ['gc'] });
  });
}
