/**
 * Domain records as the rest of the node sees them: parsed, typed, with times as Dates.
 * The store converts to and from its own representation.
 */
import type { MessageKind, PublicJwk } from '../../protocol/index.ts';

export type PartnerStatus = 'active' | 'suspended' | 'removed';

export interface PartnerProfile {
  name: string;
  partnerType: string;
  relationship: string;
  allowedKinds: string[];
}

export interface Partner extends PartnerProfile {
  id: number;
  nodeId: string;
  status: PartnerStatus;
  inboxUrl: string;
  jwksUrl: string;
  maxBatch: number;
  maxBodyBytes: number;
  keys: PublicJwk[];
  keysFetchedAt: Date;
  /** What the partner declares about itself through partner.update (name, contact, type). */
  declaredProfile: Record<string, unknown> | null;
  profileUpdatedAt: Date | null;
  invitationId: string | null;
  connectedAt: Date;
  updatedAt: Date;
}

/** What connecting learns about a partner node from its discovery document and keys. */
export interface PartnerEndpoint {
  nodeId: string;
  inboxUrl: string;
  jwksUrl: string;
  maxBatch: number;
  maxBodyBytes: number;
  keys: PublicJwk[];
}

export interface Invitation extends PartnerProfile {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedByNodeId: string | null;
  revokedAt: Date | null;
}

export type InvitationState = 'open' | 'used' | 'expired' | 'revoked';

export interface InboundMessage {
  /** Arrival order on this node. */
  seq: number;
  fromNodeId: string;
  messageId: string;
  partnerId: number;
  kind: string;
  ref: string | null;
  jws: string;
  digest: string;
  sentAt: Date;
  receivedAt: Date;
  receipt: string;
}

/**
 * A received message as a listing shows it: without the stored JWS and receipt, which can be
 * large and which no listing displays (issue 14.11: five listings of 500 rows cost 300 MiB).
 */
export type InboundSummary = Omit<InboundMessage, 'jws' | 'receipt'>;

export type OutboundStatus = 'pending' | 'in_flight' | 'delivered' | 'dead';

export interface OutboundMessage {
  seq: number;
  messageId: string;
  partnerId: number;
  toNodeId: string;
  kind: string;
  ref: string | null;
  body: unknown;
  createdAt: Date;
  jws: string | null;
  digest: string | null;
  sentAt: Date | null;
  status: OutboundStatus;
  attempts: number;
  nextAttemptAt: Date;
  horizonFrom: Date;
  leaseUntil: Date | null;
  lastErrorCode: string | null;
  lastError: string | null;
  resultStatus: string | null;
  receipt: string | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

/** An outgoing message as a listing shows it: without its body, signed JWS and receipt. */
export type OutboundSummary = Omit<OutboundMessage, 'body' | 'jws' | 'receipt'>;

/** A message to enqueue: the envelope is completed (from, to, sentAt) and signed at first send. */
export interface OutboundDraft {
  messageId: string;
  partnerId: number;
  toNodeId: string;
  kind: MessageKind;
  ref?: string | null;
  body: unknown;
}

/** A batch of consecutive messages to one partner, claimed for one delivery attempt. */
export interface ClaimedBatch {
  partner: Partner;
  messages: OutboundMessage[];
  /**
   * Whether the partner's queue held more due messages than the batch took (it was cut by the
   * batch size or the request size): a backlog, for which preparing the next batch early pays.
   */
  more?: boolean;
}

export interface Page {
  limit: number;
  /** Return rows strictly after this cursor (a seq) in the listing's order. */
  after?: number;
}
