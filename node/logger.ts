/**
 * Structured JSON logs through pino. Categories are child loggers (`category: 'inbox'`); message
 * bodies, tokens and keys are never logged at info level.
 *
 * Every line written while an HTTP request is handled carries its `reqId`: the request-id
 * middleware keeps the id on the request's context, and the code that logs for a request logs
 * through `requestLog(c, log)` (node/http/request-id.ts) or names the id itself. Not an
 * AsyncLocalStorage read by a mixin: the first one that runs makes Node install promise hooks
 * for the rest of the process's life, and those cost every promise the node makes.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** `log` for the lines of one request: each carries `reqId` (unchanged without an id). */
export function withRequestId(log: Logger, requestId: string | undefined): Logger {
  return requestId === undefined ? log : log.child({ reqId: requestId });
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'partner-sync' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? process.stderr,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
