/**
 * record.withdraw: the owner of a record stops sharing it; the counterpart marks its copy
 * withdrawn. Each domain says which record kinds it knows and how to withdraw them; a record the
 * recipient does not hold, or that the sender does not own, is `forbidden` (one code for both).
 */
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';

export interface WithdrawRequest {
  recordKind: string;
  recordId: string;
  reason: string;
}

/**
 * Withdraws the recipient's copy of one record kind. `authorize` must be side-effect free;
 * `apply` runs only when it allowed the message.
 */
export interface WithdrawTarget {
  authorize(ctx: HandlerContext, tx: StoreTx, request: WithdrawRequest): Promise<HandlerOutcome>;
  apply(ctx: HandlerContext, tx: StoreTx, request: WithdrawRequest): Promise<HandlerOutcome>;
}

export type WithdrawTargets = Readonly<Record<string, WithdrawTarget>>;

export function createWithdrawHandler(targets: WithdrawTargets): MessageHandler {
  const targetOf = (ctx: HandlerContext) => {
    const request = ctx.message.body as WithdrawRequest;
    return {
      request,
      target: Object.hasOwn(targets, request.recordKind) ? targets[request.recordKind] : undefined,
    };
  };
  return {
    kind: 'record.withdraw',
    async authorize(ctx, tx) {
      const { request, target } = targetOf(ctx);
      return target ? target.authorize(ctx, tx, request) : NOT_SHARED;
    },
    async apply(ctx, tx) {
      const { request, target } = targetOf(ctx);
      return target ? target.apply(ctx, tx, request) : NOT_SHARED;
    },
  };
}
