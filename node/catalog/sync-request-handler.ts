/**
 * sync.request: a partner we share a list with lost data, was offline past the retry horizon,
 * or could not apply a version, and asks for it again. We note what it says it holds and queue
 * the answer: the current version in full (for a price list, the version in effect now and every
 * newer one), each as pushes whose ref is the request's id. The distributor sends them.
 *
 * A resync is a full copy of a list, so one small request costs us much more than it costs the
 * sender: a repeat while one for the same list still waits is merged into it (accepted, nothing
 * more queued), and past `resyncsPerHour` answered requests a partner's further ones are
 * `conflict` (resync_limited) until the hour has passed.
 */
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import type { MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { CatalogVersion, ListKind } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';

interface SyncRequest {
  what: ListKind;
  id: string;
  haveVersion?: number;
}

const HOUR_MS = 3600_000;

async function sharedList(tx: StoreTx, partnerId: number, request: SyncRequest) {
  const list = await tx.catalog.findList(request.what, SELF_OWNER, request.id);
  if (!list) return null;
  const share = await tx.catalog.getShare(list.id, partnerId);
  return share && share.withdrawnAt === null ? list : null;
}

/** The versions a resync sends: the one in effect now and every newer one (or the latest). */
export function versionsToResend(
  versions: readonly CatalogVersion[],
  inEffect: CatalogVersion | null,
): CatalogVersion[] {
  const applied = versions.filter((v) => v.status === 'applied');
  const from = inEffect?.version ?? Math.max(0, ...applied.map((v) => v.version));
  return applied.filter((v) => v.version >= from).sort((a, b) => a.version - b.version);
}

export const syncRequestHandler: MessageHandler = {
  kind: 'sync.request',
  async authorize({ message, partner }, tx) {
    return (await sharedList(tx, partner.id, message.body as SyncRequest)) ? OK : NOT_SHARED;
  },
  async apply({ message, partner, now, limits }, tx) {
    const request = message.body as SyncRequest;
    const list = await sharedList(tx, partner.id, request);
    if (!list) return NOT_SHARED;
    const merged = await tx.catalog.hasQueuedResync(list.id, partner.id);
    if (!merged) {
      const answered = await tx.catalog.countResyncsSince(
        partner.id,
        new Date(now.getTime() - HOUR_MS),
      );
      if (answered >= limits.resyncsPerHour) {
        return {
          ok: false,
          code: 'conflict',
          detail: `resync_limited: at most ${limits.resyncsPerHour} sync.request answers an hour; ask again later`,
        };
      }
    }
    const versions = versionsToResend(
      await tx.catalog.listVersions(list.id),
      await tx.catalog.versionInEffect(list.id, now.getTime()),
    );
    // What it says it holds is the base for later deltas; what is on its way is forgotten.
    await tx.catalog.saveShare({
      listRowId: list.id,
      partnerId: partner.id,
      heldVersion: request.haveVersion ?? null,
      pendingVersion: null,
      pendingMessageIds: [],
      at: now,
    });
    // The full copies already waiting answer this request too.
    if (merged) return OK;
    await tx.catalog.insertDistributions(
      versions.map((v) => ({
        listRowId: list.id,
        versionRowId: v.id,
        partnerId: partner.id,
        ref: message.id,
        forceFull: true,
      })),
      now,
    );
    return OK;
  },
};
