/**
 * Log lines for rejected inbound messages, bounded: a flood of forged messages would otherwise
 * write a line per message, synchronously, on the thread that also serves the legitimate ones.
 * The first `perWindow` rejections of each window are logged as they come; the rest are counted,
 * and one line per window reports how many went unlogged and with which codes.
 */
import type { Logger } from '../logger.ts';
import type { InboundResult } from './inbound-result.ts';

const PER_WINDOW = 100;
const WINDOW_MS = 10_000;

export type RejectedResult = Extract<InboundResult, { status: 'rejected' }>;

export interface RejectionLog {
  /** `requestId`: the HTTP request the message came in, named on the line. */
  rejected(result: RejectedResult, requestId?: string): void;
}

/** Logs every rejection (a caller that sees few, such as the portal acting for a partner). */
export function logEveryRejection(log: Logger): RejectionLog {
  return {
    rejected: (r, requestId) =>
      log.info(
        { reqId: requestId, id: r.id, code: r.code, detail: r.message },
        'inbound message rejected',
      ),
  };
}

export function createRejectionLog(
  log: Logger,
  options: { perWindow?: number; windowMs?: number } = {},
): RejectionLog {
  const perWindow = options.perWindow ?? PER_WINDOW;
  const windowMs = options.windowMs ?? WINDOW_MS;
  const every = logEveryRejection(log);
  let logged = 0;
  let unlogged: Record<string, number> = {};
  let window: NodeJS.Timeout | null = null;

  function endWindow(): void {
    window = null;
    const codes = unlogged;
    const count = Object.values(codes).reduce((a, b) => a + b, 0);
    logged = 0;
    unlogged = {};
    if (count > 0) {
      log.warn({ unlogged: count, codes, windowMs }, 'inbound messages rejected, not each logged');
    }
  }

  return {
    rejected(r, requestId) {
      // Wall-clock time on purpose: this paces log output, not protocol behaviour.
      window ??= setTimeout(endWindow, windowMs).unref();
      if (logged < perWindow) {
        logged++;
        every.rejected(r, requestId);
      } else {
        unlogged[r.code] = (unlogged[r.code] ?? 0) + 1;
      }
    },
  };
}
