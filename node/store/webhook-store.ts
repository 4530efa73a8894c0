/** Webhook endpoints and their delivery queues: the storage side of node/webhooks. */

export type WebhookStatus = 'active' | 'disabled';
export type WebhookDeliveryStatus = 'pending' | 'in_flight' | 'delivered' | 'dead';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  description: string;
  status: WebhookStatus;
  disabledReason: string | null;
  disabledAt: Date | null;
  /** Until when the previous secret still signs too (after a rotation). */
  previousSecretUntil: Date | null;
  /** The last event seq this endpoint's queue was filled up to. */
  cursor: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
}

export interface WebhookDelivery {
  seq: number;
  webhookId: string;
  messageId: string;
  eventSeq: number | null;
  type: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  horizonFrom: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

export interface NewWebhookDelivery {
  webhookId: string;
  messageId: string;
  eventSeq: number | null;
  type: string;
  payload: string;
}

export interface WebhookRepo {
  create(input: {
    id: string;
    url: string;
    events: string[];
    description: string;
    secret: string;
    cursor: number;
    at: Date;
  }): Promise<WebhookEndpoint>;
  get(id: string): Promise<WebhookEndpoint | null>;
  secrets(id: string): Promise<WebhookSecrets | null>;
  list(): Promise<WebhookEndpoint[]>;
  update(
    id: string,
    changes: Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'description' | 'status'>> & {
      disabledReason?: string | null;
      cursor?: number;
    },
    at: Date,
  ): Promise<WebhookEndpoint | null>;
  rotateSecret(id: string, secret: string, previousUntil: Date, at: Date): Promise<boolean>;
  /** Deletes the endpoint and its queue. */
  delete(id: string): Promise<boolean>;
  enqueue(rows: NewWebhookDelivery[], at: Date): Promise<void>;
  /**
   * For each active endpoint whose queue head is due and not in flight, claims up to `batch`
   * consecutive due rows (leased until `leaseUntil`). The head is never passed: order is kept.
   */
  claimDue(input: {
    now: Date;
    leaseUntil: Date;
    batch: number;
    /** Endpoints this process is delivering to right now, whatever their leases say. */
    skip: readonly string[];
  }): Promise<
    Array<{ endpoint: WebhookEndpoint; secrets: WebhookSecrets; deliveries: WebhookDelivery[] }>
  >;
  markDelivered(seq: number, input: { status: number; at: Date }): Promise<void>;
  /** Back to pending; the attempt counts when `countAttempt`. */
  reschedule(
    seqs: number[],
    input: {
      nextAttemptAt: Date;
      status: number | null;
      error: string | null;
      countAttempt: boolean;
    },
  ): Promise<void>;
  markDead(seq: number, input: { status: number | null; error: string; at: Date }): Promise<void>;
  /** Puts an endpoint's dead deliveries back in its queue with a fresh horizon; how many. */
  retryDead(webhookId: string, at: Date): Promise<number>;
  /** Newest first. */
  listDeliveries(
    webhookId: string,
    filter: { status?: WebhookDeliveryStatus; before?: number; limit: number },
  ): Promise<WebhookDelivery[]>;
  /** Deletes up to `limit` deliveries delivered before `before`, oldest first; how many. */
  pruneDelivered(before: Date, limit: number): Promise<number>;
  /** Returns every leased row to its queue (the node holds the data directory's lock). */
  releaseLeases(): Promise<number>;
}
