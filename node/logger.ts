/**
 * Structured JSON logs through pino. Categories are child loggers (`category: 'inbox'`); message
 * bodies, tokens and keys are never logged at info level.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'partner-sync' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? process.stderr,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
