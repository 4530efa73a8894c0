import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../node/logger.ts';
import { rejected } from '../../../node/inbox/inbound-result.ts';
import {
  createRejectionLog,
  logEveryRejection,
  type RejectedResult,
} from '../../../node/inbox/rejection-log.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

/** A real pino logger whose lines are collected as objects. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = jsonLineSink(lines);
  return { log: createLogger('info', sink), lines };
}

const rejection = (code: 'stale' | 'bad_signature', i = 0) =>
  rejected(`id-${i}`, code, `detail ${i}`) as RejectedResult;

afterEach(() => {
  vi.useRealTimers();
});

describe('inbox › rejection-log', () => {
  it('logs every rejection at info with its id, code and detail, never the message', () => {
    const { log, lines } = capture();
    logEveryRejection(log).rejected(rejection('stale', 1));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'inbound message rejected',
      id: 'id-1',
      code: 'stale',
      detail: 'detail 1',
    });
  });

  it('logs the first perWindow rejections of a window, then one line counting the rest by code', () => {
    vi.useFakeTimers();
    const { log, lines } = capture();
    const rejections = createRejectionLog(log, { perWindow: 3, windowMs: 1_000 });
    for (let i = 0; i < 3; i++) rejections.rejected(rejection('stale', i));
    expect(lines).toHaveLength(3);
    for (let i = 3; i < 8; i++)
      rejections.rejected(rejection(i % 2 ? 'bad_signature' : 'stale', i));
    expect(lines).toHaveLength(3);

    vi.advanceTimersByTime(999);
    expect(lines).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({
      level: 40,
      msg: 'inbound messages rejected, not each logged',
      unlogged: 5,
      codes: { bad_signature: 3, stale: 2 },
      windowMs: 1_000,
    });

    // A new window logs again from the first one, and ends silently when nothing was dropped.
    rejections.rejected(rejection('stale', 9));
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatchObject({ id: 'id-9', level: 30 });
    vi.advanceTimersByTime(1_000);
    expect(lines).toHaveLength(5);
  });

  it('defaults to 100 lines per 10-second window', () => {
    vi.useFakeTimers();
    const { log, lines } = capture();
    const rejections = createRejectionLog(log);
    for (let i = 0; i < 101; i++) rejections.rejected(rejection('stale', i));
    expect(lines).toHaveLength(100);
    vi.advanceTimersByTime(9_999);
    expect(lines).toHaveLength(100);
    vi.advanceTimersByTime(1);
    expect(lines[100]).toMatchObject({ unlogged: 1, codes: { stale: 1 }, windowMs: 10_000 });
  });
});
