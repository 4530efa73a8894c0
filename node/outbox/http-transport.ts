/**
 * The HTTP transport: one delivery attempt of a claimed batch to a partner's node. Sign what was
 * never sent (and store the JWS before it leaves, so every retry re-sends the same bytes), post,
 * then settle each message: delivered with a verified receipt, dead-lettered when the partner
 * rejected it (a final answer that does not block the messages behind it), or back in line with
 * a backoff. Whether a failure is retried or final is the retry policy's call.
 */
import { verifyReceipt, type PublicJwk } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { crashPoint } from '../faults/crash-points.ts';
import { parseRetryAfter } from '../net/http-client.ts';
import { settleSharesOnReceipt } from '../catalog/settle-shares.ts';
import type { PartnerKeyRefresher } from '../partners/partner-keys.ts';
import type { StoreTx } from '../store/store.ts';
import type { ClaimedBatch, OutboundMessage } from '../store/types.ts';
import { parseInboxResponse, type WireResult } from './inbox-response.ts';
import { isRecentKeyRefusal } from './new-key-refusal.ts';
import { classifyAnswer, nextRetry, type RetryPolicy } from './retry-policy.ts';
import { clearRefusals, recordRefusal } from './settle-refusals.ts';
import { signRow, type SignedRow } from './sign-row.ts';
import type { DeliveryOutcome, DeliveryProgress, OutboxTransport } from './transport.ts';

export type DeliverDeps = Pick<NodeDeps, 'nodeId' | 'store' | 'clock' | 'keys' | 'http' | 'log'> & {
  partnerKeys: PartnerKeyRefresher;
  retryPolicy: RetryPolicy;
  random: () => number;
} & Pick<NodeDeps, 'metrics'> &
  // The node's default language, for portal users' e-mails (deliver-to-portal.ts).
  Partial<Pick<NodeDeps, 'config'>>;

type Signed = SignedRow;

/** Delivers to any partner's node; the composition root puts more specific transports first. */
export function createHttpTransport(deps: DeliverDeps): OutboxTransport {
  return {
    name: 'http',
    handles: () => true,
    prepare: (tx, batch) => storeSignatures(deps, tx, batch),
    deliver: (batch, progress) => deliverOverHttp(deps, batch, progress),
  };
}

async function deliverOverHttp(
  deps: DeliverDeps,
  batch: ClaimedBatch,
  progress?: DeliveryProgress,
): Promise<DeliveryOutcome> {
  const { partner } = batch;
  const signed = await signUnsent(deps, batch);
  const { send, later } = fitBody(signed, partner.maxBodyBytes);
  // A single message larger than the partner accepts can never be delivered. It is dead-lettered
  // before the others go back in line: were it back in line first, even for a moment, another
  // round could claim it and dead-letter it a second time.
  const tooLarge = send.length === 0 ? later.shift() : undefined;
  if (tooLarge) {
    await settleDead(
      deps,
      tooLarge.row,
      'payload_too_large',
      'larger than the partner accepts',
      false,
    );
  }
  if (later.length > 0) await putBack(deps, later, 'did not fit the batch');
  if (send.length === 0) return { delivered: 0, dead: tooLarge ? 1 : 0, retried: 0 };
  // Prepared while the batch before it was on its way: it leaves only after that one's answer.
  if (progress?.previous && !(await progress.previous)) {
    return putBack(deps, send, 'the batch before it was not answered');
  }
  progress?.sent?.();

  const answer = await deps.http.postJson(
    partner.inboxUrl,
    `{"messages":[${send.map((s) => JSON.stringify(s.jws)).join(',')}]}`,
  );
  crashPoint('outbox.after-send');
  if (!answer.ok) return retryAll(deps, send, answer.code, answer.detail, null);

  const { status, headers, bodyText } = answer.response;
  if (status === 200) {
    const parsed = parseInboxResponse(
      bodyText,
      send.map((s) => s.row.messageId),
    );
    if (!parsed.ok) return retryAll(deps, send, 'bad_answer', parsed.detail, null);
    const retryNewKey = await newKeyRefusals(deps, send, parsed.results);
    // Every message has its answer, and those that did not fit wait in line again: the next
    // batch may go while these receipts are checked and stored. Not when some go back in line
    // (new-key-refusal.ts): the messages behind them must not overtake them.
    if (retryNewKey.size === 0) progress?.answered();
    return settleResults(deps, batch, send, parsed.results, retryNewKey);
  }
  const action = classifyAnswer(status, send.length);
  if (action === 'retry') {
    const retryAfter = parseRetryAfter(headers['retry-after'], deps.clock.now());
    return retryAll(
      deps,
      send,
      `http_${status}`,
      `the partner answered HTTP ${status}`,
      retryAfter,
    );
  }
  if (action === 'retry-each') {
    return retryAll(
      deps,
      send,
      `http_${status}`,
      `the partner answered HTTP ${status}`,
      null,
      true,
    );
  }
  await settleDead(
    deps,
    send[0]!.row,
    `http_${status}`,
    `the partner refused the request with HTTP ${status}`,
    true,
  );
  return { delivered: 0, dead: 1, retried: 0 };
}

/**
 * Returns a batch to its queue as it was: no attempt counted, due at once. The messages before it
 * decide when it leaves again (the worker takes a queue from its head).
 */
async function putBack(deps: DeliverDeps, signed: Signed[], detail: string) {
  await deps.store.transact((tx) =>
    tx.outbox.reschedule(
      signed.map((s) => s.row.seq),
      { nextAttemptAt: deps.clock.now(), code: 'deferred', detail, countAttempt: false },
    ),
  );
  return { delivered: 0, dead: 0, retried: signed.length };
}

/** Signs the messages of a batch never sent; `now` is their `sentAt`. */
function signAll(deps: DeliverDeps, batch: ClaimedBatch, now: Date): Promise<Signed[]> {
  const key = deps.keys.signing();
  // The signatures of a batch are computed together, off the main thread.
  return Promise.all(batch.messages.map((row) => signRow(row, { nodeId: deps.nodeId, key, now })));
}

/**
 * In the claim's unit of work: signs the messages never sent and stores their JWS, so that the
 * batch's commit makes them durable with its lease. A batch that cannot be signed is returned as
 * it was, and its delivery meets the failure (and logs it) as it did before this step.
 */
async function storeSignatures(
  deps: DeliverDeps,
  tx: StoreTx,
  batch: ClaimedBatch,
): Promise<ClaimedBatch> {
  if (batch.messages.every((row) => row.jws !== null)) return batch;
  const now = deps.clock.now();
  let signed: Signed[];
  try {
    signed = await signAll(deps, batch, now);
  } catch {
    return batch;
  }
  for (const s of signed) {
    if (s.fresh) await tx.outbox.recordSigned(s.row.seq, s.jws, s.digest, now);
  }
  return {
    ...batch,
    messages: signed.map((s) =>
      s.fresh ? { ...s.row, jws: s.jws, digest: s.digest, sentAt: now } : s.row,
    ),
  };
}

/** The batch's signed bytes: those stored, and the rest signed and stored now. */
async function signUnsent(deps: DeliverDeps, batch: ClaimedBatch): Promise<Signed[]> {
  const now = deps.clock.now();
  const all = await signAll(deps, batch, now);
  const fresh = all.filter((s) => s.fresh);
  if (fresh.length > 0) {
    await deps.store.transact(async (tx) => {
      for (const s of fresh) await tx.outbox.recordSigned(s.row.seq, s.jws, s.digest, now);
    });
  }
  return all;
}

/** Keeps the longest prefix whose request body fits the partner's limit (order is kept). */
function fitBody(signed: Signed[], maxBodyBytes: number): { send: Signed[]; later: Signed[] } {
  let size = '{"messages":[]}'.length;
  let i = 0;
  for (; i < signed.length; i++) {
    // The JWS in quotes, and a comma before every one but the first.
    size += Buffer.byteLength(signed[i]!.jws) + 2 + (i > 0 ? 1 : 0);
    if (size > maxBodyBytes) break;
  }
  return { send: signed.slice(0, i), later: signed.slice(i) };
}

/**
 * The messages refused `unknown_key` that were signed with a key we rotated to within the grace
 * period: the partner has not fetched our new key yet, and they go back in line.
 */
async function newKeyRefusals(
  deps: DeliverDeps,
  send: Signed[],
  results: WireResult[],
): Promise<Set<number>> {
  const now = deps.clock.now();
  const indices = new Set<number>();
  for (const [i, result] of results.entries()) {
    if (result.status !== 'rejected' || result.code !== 'unknown_key') continue;
    if (await isRecentKeyRefusal(deps.keys, send[i]!.jws, now)) indices.add(i);
  }
  return indices;
}

async function settleResults(
  deps: DeliverDeps,
  batch: ClaimedBatch,
  send: Signed[],
  results: WireResult[],
  retryNewKey: ReadonlySet<number>,
): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  let keys: PublicJwk[] = batch.partner.keys;
  const delivered: Array<{ s: Signed; status: 'accepted' | 'duplicate'; receipt: string }> = [];
  const rejected: Array<{ s: Signed; code: string; detail: string }> = [];
  const badReceipts: Signed[] = [];
  let badReceiptDetail = '';
  const notYetKnown: Array<{ s: Signed; detail: string }> = [];

  const expectOf = (s: Signed) => ({
    receiptFor: s.row.messageId,
    from: batch.partner.nodeId,
    to: deps.nodeId,
    digest: s.digest,
  });
  // The receipts of a batch are verified together, off the main thread; those signed with a key
  // we do not know are checked again after one refetch of the partner's keys.
  const checks = await Promise.all(
    results.map((result, i) =>
      result.status === 'rejected'
        ? null
        : verifyReceipt(result.receipt, { keys, expect: expectOf(send[i]!) }),
    ),
  );
  if (checks.some((c) => c !== null && !c.ok && c.code === 'unknown_key')) {
    const fresh = await deps.partnerKeys.refresh(batch.partner);
    if (fresh) {
      keys = fresh;
      await Promise.all(
        checks.map(async (c, i) => {
          if (c === null || c.ok || c.code !== 'unknown_key') return;
          const result = results[i] as Extract<WireResult, { receipt: string }>;
          checks[i] = await verifyReceipt(result.receipt, { keys, expect: expectOf(send[i]!) });
        }),
      );
    }
  }

  for (const [i, result] of results.entries()) {
    const s = send[i]!;
    if (result.status === 'rejected') {
      if (retryNewKey.has(i)) notYetKnown.push({ s, detail: result.message });
      else rejected.push({ s, code: result.code, detail: result.message });
      continue;
    }
    const check = checks[i]!;
    if (check.ok) {
      delivered.push({ s, status: result.status, receipt: result.receipt });
    } else {
      // A receipt that does not match is not a delivery.
      badReceipts.push(s);
      badReceiptDetail = `receipt ${check.code}: ${check.detail}`;
    }
  }

  await deps.store.transact(async (tx) => {
    for (const d of delivered) {
      await tx.outbox.markDelivered(d.s.row.seq, {
        resultStatus: d.status,
        receipt: d.receipt,
        at: now,
      });
    }
    for (const r of rejected) {
      await tx.outbox.markDead(r.s.row.seq, {
        code: r.code,
        detail: r.detail,
        at: now,
        rejected: true,
      });
      await recordRefusal(tx, r.s.row, { code: r.code, reason: r.detail }, now);
    }
    await settleSharesOnReceipt(
      tx,
      delivered.map((d) => d.s.row),
      now,
    );
    await clearRefusals(
      tx,
      delivered.map((d) => d.s.row),
      now,
    );
  });
  for (const r of rejected) logDead(deps, r.s.row, r.code, r.detail);
  deps.metrics?.outbound(
    'delivered',
    now,
    delivered.map((d) => d.s.row),
  );
  deps.metrics?.outbound(
    'rejected',
    now,
    rejected.map((r) => r.s.row),
  );

  const outcome = { delivered: delivered.length, dead: rejected.length, retried: 0 };
  if (notYetKnown.length > 0) {
    // Each was refused on its own: each counts an attempt, and the backoff grows with them.
    const detail = `the partner does not know our new key yet: ${notYetKnown[0]!.detail}`;
    const r = await retryAll(
      deps,
      notYetKnown.map((n) => n.s),
      'unknown_key',
      detail,
      null,
      true,
    );
    outcome.retried += r.retried;
    outcome.dead += r.dead;
  }
  if (badReceipts.length > 0) {
    const r = await retryAll(deps, badReceipts, 'bad_receipt', badReceiptDetail, null, true);
    outcome.retried += r.retried;
    outcome.dead += r.dead;
  }
  return outcome;
}

function logDead(deps: DeliverDeps, row: OutboundMessage, code: string, detail: string): void {
  deps.log.warn(
    { id: row.messageId, kind: row.kind, to: row.toNodeId, code, detail },
    'message dead-lettered',
  );
}

async function settleDead(
  deps: DeliverDeps,
  row: OutboundMessage,
  code: string,
  detail: string,
  rejected: boolean,
): Promise<void> {
  logDead(deps, row, code, detail);
  await deps.store.transact(async (tx) => {
    await tx.outbox.markDead(row.seq, { code, detail, at: deps.clock.now(), rejected });
    if (rejected) await recordRefusal(tx, row, { code, reason: detail }, deps.clock.now());
  });
  deps.metrics?.outbound(rejected ? 'rejected' : 'dead', deps.clock.now(), [row]);
}

/**
 * Puts a failed batch back in line. Messages whose own retry horizon has passed are dead-lettered
 * instead, so they stop holding up the ones behind them.
 */
async function retryAll(
  deps: DeliverDeps,
  signed: Signed[],
  code: string,
  detail: string,
  retryAfterMs: number | null,
  /** Each message is suspect (culprit search, bad receipts), not only the head. */
  countEach = false,
): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const expired: Signed[] = [];
  const waiting: Signed[] = [];
  let delayMs = 0;
  for (const s of signed) {
    const decision = nextRetry(deps.retryPolicy, {
      attempts: s.row.attempts + 1,
      elapsedMs: now.getTime() - s.row.horizonFrom.getTime(),
      retryAfterMs,
      random: deps.random(),
    });
    if (decision === 'give-up') {
      expired.push(s);
    } else {
      waiting.push(s);
      if (waiting.length === 1) delayMs = decision.retryInMs;
    }
  }
  const lastError = `${code}: ${detail}`;
  await deps.store.transact(async (tx) => {
    for (const s of expired) {
      await tx.outbox.markDead(s.row.seq, {
        code: 'expired',
        detail: `not delivered within the retry horizon; last error ${lastError}`,
        at: now,
        rejected: false,
      });
    }
    // A failed request counts against the head only: the messages behind it go out in full
    // batches again once the head gets through, not one request each (see faults/soak.test.ts).
    const next = { nextAttemptAt: new Date(now.getTime() + delayMs), code, detail };
    const [head, ...behind] = waiting.map((s) => s.row.seq);
    if (head !== undefined) await tx.outbox.reschedule([head], { ...next, countAttempt: true });
    await tx.outbox.reschedule(behind, { ...next, countAttempt: countEach });
  });
  for (const s of expired) logDead(deps, s.row, 'expired', lastError);
  deps.metrics?.outbound(
    'dead',
    now,
    expired.map((s) => s.row),
  );
  deps.metrics?.outbound(
    'retried',
    now,
    waiting.map((s) => s.row),
  );
  if (waiting.length > 0) {
    deps.log.info(
      { to: waiting[0]!.row.toNodeId, messages: waiting.length, code, detail, retryInMs: delayMs },
      'delivery failed; will retry',
    );
  }
  return { delivered: 0, dead: expired.length, retried: waiting.length };
}
