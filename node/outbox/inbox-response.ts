/**
 * Reads a partner's answer to a batch: `{ results: [...] }`, one per message in order. Anything
 * else (wrong count, wrong ids, unreadable) is treated as no answer: the batch is retried.
 */
import { isRejectionCode, type RejectionCode } from '../../protocol/index.ts';

export type WireResult =
  | { id: string; status: 'accepted' | 'duplicate'; receipt: string }
  | { id: string; status: 'rejected'; code: RejectionCode | 'unknown'; message: string };

export function parseInboxResponse(
  bodyText: string,
  sentIds: string[],
): { ok: true; results: WireResult[] } | { ok: false; detail: string } {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { ok: false, detail: 'the answer is not JSON' };
  }
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results) || results.length !== sentIds.length) {
    return { ok: false, detail: 'the answer has no result for each message' };
  }
  const parsed: WireResult[] = [];
  for (const [i, r] of results.entries()) {
    const item = r as Record<string, unknown> | null;
    const id = sentIds[i]!;
    if (typeof item !== 'object' || item === null || item.id !== id) {
      return { ok: false, detail: `result ${i} does not answer message ${id}` };
    }
    if (
      (item.status === 'accepted' || item.status === 'duplicate') &&
      typeof item.receipt === 'string'
    ) {
      parsed.push({ id, status: item.status, receipt: item.receipt });
    } else if (item.status === 'rejected') {
      parsed.push({
        id,
        status: 'rejected',
        code: isRejectionCode(item.code) ? item.code : 'unknown',
        message: typeof item.message === 'string' ? item.message.slice(0, 500) : '',
      });
    } else {
      return { ok: false, detail: `result ${i} has no valid status or receipt` };
    }
  }
  return { ok: true, results: parsed };
}
