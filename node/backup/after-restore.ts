/**
 * The first start on restored data. A restored node lacks what it acknowledged after the backup
 * was taken, and its senders will not send that again: they hold its receipts. Price lists and
 * catalogs are the kinds that can be asked for again, so for every copy it holds of a partner's
 * list the node asks the owner (sync.request, the protocol's resync): the owner answers with the
 * version in effect and every newer one, in full, and a version pushed after the backup is back.
 *
 * Portal sign-in links and sessions do not survive a restore: every unused link is spent and every
 * session ended, before anything else. The backup cannot tell which of them were revoked after it
 * was taken, and a link or session revoked since must not work again (see docs/operator.md).
 *
 * `partner-sync restore` leaves a marker file in the data directory; the requests are queued in
 * one transaction and the marker removed after it commits. A crash in between asks twice, which
 * costs one more full push and changes nothing.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { askAgain } from '../catalog/receive-version.ts';
import { SPECS } from '../catalog/list-kinds.ts';
import type { NodeDeps } from '../deps.ts';
import { LIST_KINDS, SELF_OWNER } from '../store/catalog-store.ts';
import { RESTORED_MARKER } from './backup-file.ts';

export interface AfterRestoreResult {
  /** Whether the node started on restored data (the marker was there). */
  restored: boolean;
  /** The sync.request messages queued. */
  requested: number;
  /** Portal sign-in links spent and sessions ended. */
  portal: { links: number; sessions: number };
}

export async function resyncAfterRestore(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'log' | 'notifyOutbox'>,
  dataDir: string,
): Promise<AfterRestoreResult> {
  const marker = join(dataDir, RESTORED_MARKER);
  const text = await readFile(marker, 'utf8').catch(() => null);
  if (text === null) return { restored: false, requested: 0, portal: { links: 0, sessions: 0 } };
  const portal = await endPortalAccessOfBackup(deps);
  const requested = await requestAllCopies(deps);
  await rm(marker, { force: true });
  deps.log.info(
    { requested, portal, marker: safeJson(text) },
    'started on restored data: asked the owners for the lists this node holds copies of',
  );
  if (requested > 0) deps.notifyOutbox();
  return { restored: true, requested, portal };
}

/** Spends every unused portal sign-in link and ends every portal session of the restored data. */
export async function endPortalAccessOfBackup(
  deps: Pick<NodeDeps, 'store' | 'clock'>,
): Promise<{ links: number; sessions: number }> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => ({
    links: await tx.portal.spendLinks('all', now),
    sessions: await tx.portal.endSessions('all', now),
  }));
}

/**
 * Queues a sync.request for every list copy whose owner is an active partner; returns how many.
 * A copy the owner had withdrawn is skipped: the owner would refuse the request, and a list it
 * shares again after the backup comes back with its next push.
 */
export async function requestAllCopies(deps: Pick<NodeDeps, 'store' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    let count = 0;
    for (const kind of LIST_KINDS) {
      for (const list of await tx.catalog.listLists({ kind })) {
        if (list.ownerPartnerId === SELF_OWNER || list.withdrawnAt !== null) continue;
        const partner = await tx.partners.getById(list.ownerPartnerId);
        if (!partner || partner.status !== 'active') continue;
        await askAgain(SPECS[kind], { partner, now }, tx, list);
        count++;
      }
    }
    return count;
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
