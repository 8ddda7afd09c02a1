import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';
import { currentRequestScope } from './request-scope.js';

export type { Logger };

/**
 * JSON lines on stdout, one object per event, with ISO times. A line logged while a request is
 * being served carries its `requestId`, wherever in the code it is logged from.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'entente' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const scope = currentRequestScope();
      return scope ? { requestId: scope.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
