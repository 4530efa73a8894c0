/**
 * The contract every message kind's handler follows: authorize (may this partner say this about
 * this record?), then apply (persist, enqueue follow-ups) inside the inbound unit of work.
 */
import type { MessageKind, MessagePayload } from '../../protocol/index.ts';
import type { Clock } from '../clock.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export interface HandlerContext {
  message: MessagePayload;
  /** The exact JWS received, for handlers that keep it as proof. */
  jws: string;
  partner: Partner;
  /** This node's id. */
  self: string;
  now: Date;
}

export type HandlerOutcome =
  { ok: true } | { ok: false; code: 'forbidden' | 'conflict'; detail: string };

export interface MessageHandler {
  readonly kind: MessageKind;
  authorize(ctx: HandlerContext, tx: StoreTx): Promise<HandlerOutcome>;
  apply(ctx: HandlerContext, tx: StoreTx): Promise<HandlerOutcome>;
}

export const OK: HandlerOutcome = { ok: true };

export interface HandlerDeps {
  clock: Clock;
}
