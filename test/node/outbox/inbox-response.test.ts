import { describe, expect, it } from 'vitest';
import { parseInboxResponse } from '../../../node/outbox/inbox-response.ts';

const IDS = ['m1', 'm2'];
const parse = (body: unknown, ids = IDS) =>
  parseInboxResponse(typeof body === 'string' ? body : JSON.stringify(body), ids);

describe('outbox › inbox-response', () => {
  it('reads one result per message, in order', () => {
    expect(
      parse({
        results: [
          { id: 'm1', status: 'accepted', receipt: 'r1' },
          { id: 'm2', status: 'duplicate', receipt: 'r2', message: 'seen' },
        ],
      }),
    ).toEqual({
      ok: true,
      results: [
        { id: 'm1', status: 'accepted', receipt: 'r1' },
        { id: 'm2', status: 'duplicate', receipt: 'r2' },
      ],
    });
  });

  it('reads a rejection, keeping a known code and at most 500 characters of its message', () => {
    const r = parse({
      results: [
        { id: 'm1', status: 'rejected', code: 'stale', message: 'x'.repeat(600) },
        { id: 'm2', status: 'rejected', code: 'no_such_code' },
      ],
    });
    expect(r).toEqual({
      ok: true,
      results: [
        { id: 'm1', status: 'rejected', code: 'stale', message: 'x'.repeat(500) },
        { id: 'm2', status: 'rejected', code: 'unknown', message: '' },
      ],
    });
  });

  it('is no answer when the body is not JSON or has no results array', () => {
    expect(parse('not json')).toEqual({ ok: false, detail: 'the answer is not JSON' });
    for (const body of ['null', '{}', '{"results":{}}', '[]', '"results"']) {
      expect(parse(body), body).toEqual({
        ok: false,
        detail: 'the answer has no result for each message',
      });
    }
  });

  it('is no answer when a result is missing, extra, or for another message', () => {
    const one = { id: 'm1', status: 'accepted', receipt: 'r' };
    expect(parse({ results: [one] })).toMatchObject({ ok: false });
    expect(parse({ results: [one, { ...one, id: 'm2' }, { ...one, id: 'm3' }] })).toMatchObject({
      ok: false,
    });
    expect(parse({ results: [{ ...one, id: 'm2' }, one] })).toEqual({
      ok: false,
      detail: 'result 0 does not answer message m1',
    });
    expect(parse({ results: [one, null] })).toEqual({
      ok: false,
      detail: 'result 1 does not answer message m2',
    });
    expect(parse({ results: [one, 'm2'] })).toMatchObject({ ok: false });
  });

  it('is no answer when a result has no valid status or an acceptance has no receipt', () => {
    for (const bad of [
      { id: 'm1', status: 'accepted' },
      { id: 'm1', status: 'duplicate', receipt: 42 },
      { id: 'm1', status: 'ok', receipt: 'r' },
      { id: 'm1' },
    ]) {
      expect(parse({ results: [bad] }, ['m1']), JSON.stringify(bad)).toEqual({
        ok: false,
        detail: 'result 0 has no valid status or receipt',
      });
    }
  });
});
