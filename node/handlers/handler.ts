/**
 * The contract every message kind's handler follows: authorize (may this partner say this about
 * this record?), then apply (persist, enqueue follow-ups) inside the inbound unit of work.
 */
import type { MessageKind, MessagePayload } from '../../protocol/index.ts';
import type { Clock } from '../clock.ts';
import type { NodeConfig } from '../config/defaults.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export interface HandlerContext {
  message: MessagePayload;
  /** The exact JWS received, for handlers that keep it as proof. */
  jws: string;
  partner: Partner;
  /** This node's id. */
  self: string;
  /**
   * When this node received the message. Deadlines and price validity are judged by it, never
   * by the sender's `sentAt`, which only serves the replay window: a sender could backdate it.
   */
  now: Date;
  limits: HandlerLimits;
}

/** The operator's bounds on what a partner may make this node do (settings, see node/config). */
export interface HandlerLimits {
  /** How long before it is received a cash sale's soldAt may lie. */
  cashSaleBackdateMs: number;
  /** sync.request answers per partner per hour. */
  resyncsPerHour: number;
  /** The most parts a received price list or catalog version may announce. */
  maxPartsPerVersion: number;
  /** The most proof bytes one expense claim may declare. */
  maxProofBytesPerClaim: number;
}

export function handlerLimits(
  config: Pick<
    NodeConfig,
    'cashSaleBackdateHours' | 'resyncsPerHour' | 'maxPartsPerVersion' | 'maxProofBytesPerClaim'
  >,
): HandlerLimits {
  return {
    cashSaleBackdateMs: config.cashSaleBackdateHours * 3600_000,
    resyncsPerHour: config.resyncsPerHour,
    maxPartsPerVersion: config.maxPartsPerVersion,
    maxProofBytesPerClaim: config.maxProofBytesPerClaim,
  };
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
