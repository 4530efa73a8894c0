/**
 * Operator actions about sharing: the owner withdraws a list from partners (record.withdraw),
 * and a partner asks the owner for a list again (sync.request), e.g. after its database was
 * replaced or it was offline past the retry horizon.
 */
import { sendWithdraw } from '../domain-kernel/send-withdraw.ts';
import { AppError } from '../errors.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import { assertOwn, type CatalogDeps } from './catalog-deps.ts';
import type { ListKindSpec } from './list-kinds.ts';
import { askAgain } from './receive-version.ts';

export async function withdrawList(
  deps: CatalogDeps,
  spec: ListKindSpec,
  listRowId: number,
  input: { reason: string; partnerIds?: number[] },
): Promise<{ partnerIds: number[]; messageIds: string[] }> {
  const now = deps.clock.now();
  const result = await deps.store.transact(async (tx) => {
    const list = await tx.catalog.getList(listRowId);
    if (!list) throw new AppError(404, 'not_found', `${spec.label} not found`);
    assertOwn(spec, list);
    const shares = (await tx.catalog.listShares(list.id)).filter(
      (s) =>
        s.withdrawnAt === null &&
        (input.partnerIds === undefined || input.partnerIds.includes(s.partnerId)),
    );
    const sent = { partnerIds: [] as number[], messageIds: [] as string[] };
    for (const share of shares) {
      const partner = await tx.partners.getById(share.partnerId);
      await tx.catalog.setShareWithdrawn(list.id, share.partnerId, now);
      if (!partner || partner.status === 'removed') continue;
      const notice = { recordKind: spec.recordKind, recordId: list.listId, reason: input.reason };
      sent.messageIds.push(await sendWithdraw(tx, deps.schemas, partner, notice, now));
      sent.partnerIds.push(partner.id);
    }
    // Pushes not yet cut into messages would share it again behind the withdrawal.
    await tx.catalog.cancelQueued(list.id, input.partnerIds);
    return sent;
  });
  deps.notifyOutbox();
  return result;
}

/** A partner's copy: asks its owner for the current version in full. */
export async function requestResync(
  deps: CatalogDeps,
  spec: ListKindSpec,
  listRowId: number,
): Promise<{ messageId: string }> {
  const messageId = await deps.store.transact(async (tx) => {
    const list = await tx.catalog.getList(listRowId);
    if (!list) throw new AppError(404, 'not_found', `${spec.label} not found`);
    if (list.ownerPartnerId === SELF_OWNER) {
      throw new AppError(409, 'own_list', `this node owns ${spec.label} ${list.listId}`);
    }
    const partner = await tx.partners.getById(list.ownerPartnerId);
    if (!partner || partner.status !== 'active') {
      throw new AppError(409, 'partner_not_active', 'the owner is not an active partner');
    }
    return askAgain(spec, { partner, now: deps.clock.now() }, tx, list);
  });
  deps.notifyOutbox();
  return { messageId };
}
