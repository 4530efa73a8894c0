/**
 * Partner keys for verification. Keys are the ones pinned in the store; when a message names a
 * kid we do not know, the partner may have rotated, so its JWKS is fetched again — at most once
 * per interval per partner, whatever an attacker sends, and one fetch at a time per partner.
 */
import type { PublicJwk } from '../../protocol/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { HttpClient } from '../net/http-client.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { fetchPartnerKeys } from './partner-endpoint.ts';

export interface PartnerKeyRefresher {
  /**
   * Fresh keys for the partner; when refetching is not due, the keys as stored now (a fetch
   * within the interval may have found new ones); null when the fetch failed.
   */
  refresh(partner: Partner): Promise<PublicJwk[] | null>;
}

export function createPartnerKeyRefresher(deps: {
  store: Store;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  intervalMs: number;
}): PartnerKeyRefresher {
  const inFlight = new Map<number, Promise<PublicJwk[] | null>>();
  // Also kept in memory: the stored time is read once per batch and may already be stale.
  const lastFetch = new Map<number, number>();

  async function refetch(partner: Partner): Promise<PublicJwk[] | null> {
    const now = deps.clock.now();
    const last = Math.max(partner.keysFetchedAt.getTime(), lastFetch.get(partner.id) ?? 0);
    if (now.getTime() - last < deps.intervalMs) {
      // Not due: a fetch ran moments ago, perhaps for a message that arrived beside this one, and
      // the partner this message was checked with may predate it. The keys as stored now are
      // what that fetch found (read from the partner cache, so a flood costs no query).
      return (await deps.store.partnerByNodeId(partner.nodeId))?.keys ?? null;
    }
    lastFetch.set(partner.id, now.getTime());

    const result = await fetchPartnerKeys(deps.http, partner.jwksUrl);
    const keys = result.ok ? result.keys : null;
    await deps.store.transact((tx) => tx.partners.recordKeyFetch(partner.id, keys, now));
    if (!result.ok) {
      deps.log.warn(
        { partner: partner.nodeId, detail: result.detail },
        'partner key refetch failed',
      );
    } else {
      deps.log.info(
        { partner: partner.nodeId, kids: keys?.map((k) => k.kid) },
        'partner keys refetched',
      );
    }
    return keys;
  }

  return {
    refresh(partner) {
      const running = inFlight.get(partner.id);
      if (running) return running;
      const started = refetch(partner).finally(() => inFlight.delete(partner.id));
      inFlight.set(partner.id, started);
      return started;
    },
  };
}
