/**
 * Structured JSON logs through pino. Categories are child loggers (`category: 'inbox'`); message
 * bodies, tokens and keys are never logged at info level.
 *
 * Every line written while an HTTP request is handled carries its `reqId`. That comes from an
 * AsyncLocalStorage read by pino's mixin rather than from a child logger handed down, because the
 * inbox pipeline, handlers and store log through `deps.log` and should not all grow a parameter.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

interface RequestScope {
  requestId: string;
}

const REQUEST_SCOPE = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it awaits) with `requestId` on every log line. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return REQUEST_SCOPE.run({ requestId }, fn);
}

/** The id of the HTTP request being handled, if any. */
export function currentRequestId(): string | undefined {
  return REQUEST_SCOPE.getStore()?.requestId;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'partner-sync' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { reqId: requestId };
      },
    },
    destination ?? process.stderr,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
