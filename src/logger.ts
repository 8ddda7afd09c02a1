import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout, one object per event, with ISO times. Lines about a request carry its
 * `requestId`, passed explicitly: AsyncLocalStorage would do it implicitly, but on Node 20 it
 * hooks every promise, which cost a measurable share of each request (bench/RESULTS.md).
 * No line ever carries a request header: request lines are built field by field (src/http/request-log.ts).
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'entente' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Writes out every line logged so far and closes the destination; for the end of the process.
 * pino writes stdout asynchronously, one write at a time: `flush` does not wait for a write under
 * way, and on `process.exit` pino writes what is queued synchronously, ahead of that write, so the
 * last lines could come out of order ("stopped" before "stopping"). Ending the stream waits for
 * the write under way, then writes the rest in order.
 */
export function endLogs(logger: Logger): Promise<void> {
  const stream = (logger as unknown as Record<symbol, NodeJS.WritableStream>)[pino.symbols.streamSym];
  if (!stream || typeof stream.end !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    // A destination that never says it is done (a pipe nobody reads) must not hold the exit.
    setTimeout(resolve, 2000).unref();
    stream.once('close', resolve);
    stream.once('finish', resolve);
    stream.once('error', resolve);
    stream.end();
  });
}
