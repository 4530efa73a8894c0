/**
 * record.withdraw with recordKind `price_list` (recordId: the priceListId) or `product`
 * (recordId: the catalogId) or `accounting_data` (recordId: the accountingId), partner side: the owner stops sharing the list; our copy is marked
 * withdrawn (kept, but no longer used for prices). A later push from the owner shares it again.
 */
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { OK } from '../handlers/handler.ts';
import type { WithdrawTarget, WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { ACCOUNTING, CATALOG, PRICE_LIST, type ListKindSpec } from './list-kinds.ts';

function targetFor(spec: ListKindSpec): WithdrawTarget {
  return {
    async authorize(ctx, tx, request) {
      return (await tx.catalog.findList(spec.kind, ctx.partner.id, request.recordId))
        ? OK
        : NOT_SHARED;
    },
    async apply(ctx, tx, request) {
      const list = await tx.catalog.findList(spec.kind, ctx.partner.id, request.recordId);
      if (!list) return NOT_SHARED;
      if (list.withdrawnAt !== null) return OK;
      await tx.catalog.updateList(
        list.id,
        { withdrawnAt: ctx.now, withdrawnReason: request.reason },
        ctx.now,
      );
      return OK;
    },
  };
}

export const CATALOG_WITHDRAW_TARGETS: WithdrawTargets = {
  [PRICE_LIST.recordKind]: targetFor(PRICE_LIST),
  [CATALOG.recordKind]: targetFor(CATALOG),
  [ACCOUNTING.recordKind]: targetFor(ACCOUNTING),
};
