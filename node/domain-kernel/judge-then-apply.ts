/**
 * A handler whose `authorize` and `apply` rest on the same judgement of the message (is the record
 * shared with the sender, does the message fit what we hold?): `judge` runs in both, so `apply`
 * never acts on a record `authorize` did not look at, and the refusal is the same either way.
 */
import type { MessageKind } from '../../protocol/index.ts';
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';

export type Refusal = { ok: false; outcome: HandlerOutcome };

export function judgedHandler<J extends { ok: true }>(
  kind: MessageKind,
  judge: (ctx: HandlerContext, tx: StoreTx) => Promise<J | Refusal>,
  apply: (ctx: HandlerContext, tx: StoreTx, judged: J) => Promise<HandlerOutcome>,
): MessageHandler {
  return {
    kind,
    async authorize(ctx, tx) {
      const judged = await judge(ctx, tx);
      return judged.ok ? OK : judged.outcome;
    },
    async apply(ctx, tx) {
      const judged = await judge(ctx, tx);
      return judged.ok ? apply(ctx, tx, judged) : judged.outcome;
    },
  };
}
