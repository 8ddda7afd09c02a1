import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout, one object per event, with ISO times. Lines about a request carry its
 * `requestId`, passed explicitly: AsyncLocalStorage would do it implicitly, but on Node 20 it
 * hooks every promise, which cost a measurable share of each request (bench/RESULTS.md).
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'entente' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
