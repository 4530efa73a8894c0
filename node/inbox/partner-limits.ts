/**
 * Per-partner bounds at the inbox, counted by the signed node id once the signatures checked out:
 * the address rate limit (rate-limit.ts) cannot tell partners behind one proxy apart, and a
 * partner may send from many addresses. Two bounds:
 *
 * - a token bucket of messages per minute (`partnerMessageRateLimit`), with bursts up to the same
 *   number; a batch larger than that passes when the bucket is full;
 * - a quota on the bytes of received messages stored for the partner (`partnerStorageQuotaMib`).
 *   Crossing it is logged at warn once, shown in node status and as a metric.
 *
 * Past either, the whole request is refused with 429 and Retry-After before anything is stored:
 * the sender keeps its messages and retries, so nothing is lost (a portal partner sees the same
 * refusal as a page).
 *
 * Both are the node's: with several processes on PostgreSQL they lease the rate from one bucket
 * per partner (leased-token-buckets.ts), and each reads what the others stored for the partner at
 * most a second late (partner-storage.ts); on SQLite the one process counts both in memory.
 */
import { AppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import {
  createLeasedTokenBuckets,
  inProcessRateBuckets,
  type RateBuckets,
} from '../http/leased-token-buckets.ts';
import { createTokenBuckets } from '../http/token-buckets.ts';
import type { NodeConfig } from '../config/defaults.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { createPartnerStorage } from './partner-storage.ts';

/** How long a partner over its storage quota is told to wait before it tries again. */
const QUOTA_RETRY_AFTER_SECONDS = 3600;

export class PartnerLimitError extends AppError {
  constructor(
    code: 'partner_rate_limited' | 'partner_quota_exceeded',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
  }
}

export interface PartnerUsage {
  storedBytes: number;
  quotaBytes: number;
  overQuota: boolean;
}

export interface PartnerLimits {
  /**
   * Takes one token per message from its sender's bucket (`senders` holds the sender of each
   * message to store), or throws PartnerLimitError, taking nothing, when one of them is over its
   * rate or its storage quota.
   */
  admit(senders: readonly Partner[]): Promise<void>;
  /** Counts bytes stored for a partner after its messages were committed. */
  stored(partner: Partner, bytes: number): void;
  /** What is known of each partner's storage, by partner id (those seen since the start). */
  usage(): ReadonlyMap<number, PartnerUsage>;
}

export function createPartnerLimits(deps: {
  config: Pick<NodeConfig, 'partnerMessageRateLimit' | 'partnerStorageQuotaMib'>;
  store: Pick<Store, 'partnerStoredBytes' | 'rateBuckets'>;
  clock: Clock;
  log: Logger;
}): PartnerLimits {
  const perMinute = deps.config.partnerMessageRateLimit;
  // Keyed by partner id; every partner that writes holds a row, so their number bounds the keys.
  const bounds = { perMinute, maxKeys: 100_000 };
  const buckets: RateBuckets = deps.store.rateBuckets
    ? createLeasedTokenBuckets(deps.store.rateBuckets, deps.clock, { name: 'partner', ...bounds })
    : inProcessRateBuckets(createTokenBuckets(deps.clock, bounds));
  const quotaBytes = deps.config.partnerStorageQuotaMib * 1024 * 1024;
  const storage = createPartnerStorage({
    store: deps.store,
    clock: deps.clock,
    sharedByProcesses: deps.store.rateBuckets !== undefined,
  });
  const alerted = new Set<number>();

  const alertOnce = (partner: Partner, stored: number) => {
    if (alerted.has(partner.id)) return;
    alerted.add(partner.id);
    deps.log.warn(
      {
        category: 'inbox',
        partnerId: partner.id,
        partner: partner.nodeId,
        storedBytes: stored,
        quotaBytes,
      },
      'partner over its storage quota: its messages are refused until the quota is raised',
    );
  };

  return {
    async admit(senders) {
      const counts = new Map<number, { partner: Partner; count: number }>();
      for (const partner of senders) {
        const entry = counts.get(partner.id) ?? { partner, count: 0 };
        entry.count += 1;
        counts.set(partner.id, entry);
      }
      const taken: Array<{ partner: Partner; count: number }> = [];
      // A refused request takes no tokens: what it took for the partners before is given back.
      const refuse = (error: PartnerLimitError) => {
        for (const t of taken) buckets.refund(String(t.partner.id), t.count);
        return error;
      };
      for (const entry of counts.values()) {
        const { partner, count } = entry;
        const stored = await storage.bytes(partner.id);
        if (stored >= quotaBytes) {
          alertOnce(partner, stored);
          throw refuse(
            new PartnerLimitError(
              'partner_quota_exceeded',
              'this node stores no more messages from you for now (storage quota); retry later',
              QUOTA_RETRY_AFTER_SECONDS,
            ),
          );
        }
        const waitSeconds = await buckets.take(String(partner.id), count);
        if (waitSeconds > 0) {
          throw refuse(
            new PartnerLimitError(
              'partner_rate_limited',
              `more than ${perMinute} messages a minute from you; retry later`,
              waitSeconds,
            ),
          );
        }
        taken.push(entry);
      }
    },
    stored(partner, added) {
      const total = storage.stored(partner.id, added);
      if (total >= quotaBytes) alertOnce(partner, total);
    },
    usage() {
      const result = new Map<number, PartnerUsage>();
      for (const [id, stored] of storage.known()) {
        result.set(id, { storedBytes: stored, quotaBytes, overQuota: stored >= quotaBytes });
      }
      return result;
    },
  };
}
