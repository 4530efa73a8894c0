/**
 * How a claimed batch leaves the node. The outbox worker claims, leases and retries rows; a
 * transport only delivers one batch to one partner and settles its rows (delivered, dead or back
 * in line). The composition root (`main.ts`) chooses the transports: today a partner's node over
 * HTTP, and a portal partner's notifications on this node.
 */
import type { StoreTx } from '../store/store.ts';
import type { ClaimedBatch } from '../store/types.ts';

export interface DeliveryOutcome {
  delivered: number;
  dead: number;
  retried: number;
}

export interface OutboxTransport {
  /** For logs: which transport took a batch. */
  readonly name: string;
  /** Whether this transport delivers the batch: a cheap check, no I/O. */
  handles(batch: ClaimedBatch): boolean;
  /**
   * Runs in the claim's unit of work, before it commits: writes what the batch must have stored
   * before it leaves (its signatures), so that one commit makes the lease and those writes
   * durable, and each row is rewritten once for both. Returns the batch as it now is. Never
   * throws for one batch's messages: what it cannot prepare, `deliver` meets as before.
   */
  prepare?(tx: StoreTx, batch: ClaimedBatch): Promise<ClaimedBatch>;
  /** One attempt; settles every row of the batch, or throws and the lease returns them. */
  deliver(batch: ClaimedBatch, progress?: DeliveryProgress): Promise<DeliveryOutcome>;
}

export interface DeliveryProgress {
  /**
   * Whether the partner answered the batch claimed before this one, which is still on its way:
   * this batch may be prepared meanwhile but leaves only once that resolves true. False: it was
   * not answered, and this batch goes back in line untouched. Absent: nothing to wait for.
   */
  previous?: Promise<boolean>;
  /**
   * The batch is leaving now (what did not fit it is back in line): the partner's next batch may
   * be prepared. A transport that never calls it delivers one batch of a partner at a time.
   */
  sent?(): void;
  /**
   * The partner answered for every message of the batch (it stored or refused each): the
   * messages behind them may leave while these are settled. Called at most once, and only then.
   */
  answered(): void;
}

/** The transport that takes the batch: the first that handles it (the most specific first). */
function transportOf(transports: readonly OutboxTransport[], batch: ClaimedBatch): OutboxTransport {
  const transport = transports.find((t) => t.handles(batch));
  if (!transport) throw new Error(`no transport delivers to partner ${batch.partner.id}`);
  return transport;
}

/** Prepares a batch, in its claim's unit of work, with the transport that will deliver it. */
export function prepareBatch(
  transports: readonly OutboxTransport[],
  tx: StoreTx,
  batch: ClaimedBatch,
): Promise<ClaimedBatch> {
  const transport = transports.find((t) => t.handles(batch));
  return transport?.prepare ? transport.prepare(tx, batch) : Promise.resolve(batch);
}

/** Hands the batch to the first transport that takes it (the most specific comes first). */
export function deliverBatch(
  transports: readonly OutboxTransport[],
  batch: ClaimedBatch,
  progress?: DeliveryProgress,
): Promise<DeliveryOutcome> {
  return transportOf(transports, batch).deliver(batch, progress);
}
