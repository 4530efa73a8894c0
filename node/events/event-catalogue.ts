/**
 * Which store writes are domain events, and of which type. The store's state-changing methods
 * are the narrowest place every domain's changes pass through (handlers, admin routes, jobs and
 * the portal all write through them), so emission lives here, once, instead of in each caller:
 * a new write method without an entry here is caught by test/events/event-catalogue.test.ts.
 *
 * Each entry names the event type and how to read the record after the change, as the admin API
 * reads it (a getter of the same repo), so the payload is the whole record, not the patch.
 * Bookkeeping writes (delivery attempts, key fetches, sessions, line tables of a version being
 * assembled, audit rows a domain keeps for itself) are listed in NOT_EVENTS with the reason.
 */
import type { StoreTx } from '../store/store.ts';
import { webhookView } from '../webhooks/webhook-view.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- the specs see each method's own args */
type Args = any[];

export interface EmitSpec {
  /** The type, or every type the method can emit (first: the default) with a chooser. */
  types: readonly [string, ...string[]];
  pick?: (args: Args, result: any) => string;
  /**
   * The record as it is after the change; default: the result, else the first argument. A record
   * the arguments already hold is returned as is, not as a promise: the emitting wrapper awaits
   * only a read.
   */
  record?: (tx: StoreTx, args: Args, result: any) => unknown;
  /**
   * For a write that changes many records at once (a timed job's expiry): each record after the
   * change, one event apiece, instead of `record`.
   */
  each?: (
    tx: StoreTx,
    args: Args,
    result: any,
  ) => Promise<Array<{ type: string; record: unknown }>>;
  /** False when the call changed nothing (e.g. a consume that lost a race). */
  changed?: (result: any, args: Args) => boolean;
}

type RepoName = Exclude<keyof StoreTx, 'nested' | 'events'>;

const when = (result: unknown): boolean =>
  result === true || (typeof result === 'number' && result > 0);
/** One event per changed record, each read back as the admin API reads it. */
const eachOf = <T>(
  type: string,
  ids: (result: any) => T[],
  read: (tx: StoreTx, id: T, args: Args) => Promise<unknown>,
): EmitSpec => ({
  types: [type],
  each: async (tx, args, result) => {
    const events = [];
    for (const id of ids(result)) {
      const record = await read(tx, id, args);
      if (record !== null && record !== undefined) events.push({ type, record });
    }
    return events;
  },
});
const byId = (result: number[]) => result;
const patch = (args: Args) => ({ id: args[0], ...(args[1] ?? {}) });

/** An endpoint change an operator made (or a 410 disable); a cursor moved by the worker is not. */
const endpointChanged = (result: unknown, args: Args): boolean =>
  result !== null && Object.keys(args[1] ?? {}).some((key) => key !== 'cursor');

export const EVENT_CATALOGUE: { [R in RepoName]?: Record<string, EmitSpec> } = {
  partners: {
    saveConnected: { types: ['partner.connected'] },
    setStatus: {
      types: ['partner.status_changed'],
      record: (tx, a) => tx.partners.getById(a[0]),
    },
    moveToNode: { types: ['partner.moved'], record: (tx, a) => tx.partners.getById(a[0]) },
    updateProfile: { types: ['partner.updated'], record: (tx, a) => tx.partners.getById(a[0]) },
    updateDeclaredProfile: {
      types: ['partner.profile_declared'],
      changed: when,
      record: (tx, a) => tx.partners.getById(a[0]),
    },
  },
  invitations: {
    create: { types: ['invitation.created'] },
    consume: {
      types: ['invitation.used'],
      changed: when,
      record: (tx, a) => tx.invitations.getById(a[0]),
    },
    revoke: {
      types: ['invitation.revoked'],
      changed: when,
      record: (tx, a) => tx.invitations.getById(a[0]),
    },
  },
  outbox: {
    markDelivered: {
      types: ['delivery.delivered'],
      record: (_tx, a) => ({ seq: a[0], resultStatus: a[1].resultStatus, at: a[1].at }),
    },
    markDead: {
      types: ['delivery.dead_lettered'],
      record: (_tx, a) => ({ seq: a[0], ...a[1] }),
    },
    retryDead: {
      types: ['delivery.dead_letters_retried'],
      changed: when,
      record: (_tx, a, r) => ({ ...a[0], count: r }),
    },
    deadLetterPending: {
      types: ['delivery.dead_lettered'],
      changed: when,
      record: (_tx, a, r) => ({ partnerId: a[0], ...a[1], count: r }),
    },
  },
  leads: {
    insertLead: { types: ['lead.created'] },
    updateLead: { types: ['lead.updated'], record: (tx, a) => tx.leads.getLead(a[0]) },
    markLeadWithdrawn: { types: ['lead.withdrawn'], record: (tx, a) => tx.leads.getLead(a[0]) },
    insertOffer: { types: ['lead.offered'] },
    updateOffer: {
      types: [
        'lead.offer_updated',
        'lead.offer_accepted',
        'lead.offer_declined',
        'lead.offer_recalled',
        'lead.offer_expired',
        'lead.offer_withdrawn',
        'lead.progress',
      ],
      pick: (a) =>
        a[1].status && a[1].status !== 'open'
          ? `lead.offer_${a[1].status}`
          : a[1].progress
            ? 'lead.progress'
            : 'lead.offer_updated',
      record: (tx, a) => tx.leads.getOffer(a[0]),
    },
    insertRule: { types: ['routing_rule.created'] },
    updateRule: { types: ['routing_rule.updated'], record: (tx, a) => tx.leads.getRule(a[0]) },
    deleteRule: {
      types: ['routing_rule.deleted'],
      changed: when,
      record: (_t, a) => ({ id: a[0] }),
    },
    setPartnerAttributes: { types: ['partner.routing_attributes_set'] },
    insertReceived: { types: ['received_lead.offered'] },
    updateReceived: {
      types: ['received_lead.updated'],
      record: (_tx, a) => ({ seq: a[0], ...a[1] }),
    },
  },
  deals: {
    insert: { types: ['deal.registered'] },
    amend: { types: ['deal.amended'], record: (tx, a) => tx.deals.get(a[0]) },
    recordDecision: { types: ['deal.decided'], record: (tx, a) => tx.deals.get(a[0]) },
    withdraw: { types: ['deal.withdrawn'], record: (tx, a) => tx.deals.get(a[0]) },
    expireProtection: eachOf('deal.protection_expired', byId, (tx, id: number) => tx.deals.get(id)),
    saveSettings: { types: ['deal.settings_updated'], record: (_t, a) => a[0] },
  },
  service: {
    insertRequest: { types: ['service_request.created'] },
    updateRequest: {
      types: ['service_request.updated'],
      record: (tx, a) => tx.service.getRequest(a[0]),
    },
    refreshOverdue: {
      types: ['service_request.overdue', 'service_request.overdue_cleared'],
      each: async (tx, _a, r: { marked: Array<{ id: number }>; cleared: number[] }) => {
        const events = [];
        for (const [type, ids] of [
          ['service_request.overdue', r.marked.map((m) => m.id)],
          ['service_request.overdue_cleared', r.cleared],
        ] as const) {
          for (const id of ids) events.push({ type, record: await tx.service.getRequest(id) });
        }
        return events;
      },
    },
    markResponseBreached: {
      types: ['service_request.response_breached'],
      changed: when,
      record: (tx, a) => tx.service.getRequest(a[0]),
    },
    insertClaim: { types: ['warranty_claim.created'] },
    updateClaim: {
      types: ['warranty_claim.updated'],
      record: (tx, a) => tx.service.getClaim(a[0]),
    },
  },
  catalog: {
    insertList: { types: ['catalog_list.created'] },
    updateList: { types: ['catalog_list.updated'], record: (tx, a) => tx.catalog.getList(a[0]) },
    insertVersion: { types: ['catalog_version.created'] },
    updateVersion: {
      types: ['catalog_version.updated'],
      record: (tx, a) => tx.catalog.getVersionById(a[0]),
    },
    saveShare: { types: ['catalog_list.shared'] },
    setShareWithdrawn: {
      types: ['catalog_list.share_withdrawn'],
      record: (tx, a) => tx.catalog.getShare(a[0], a[1]),
    },
    expireAssembling: eachOf('catalog_version.assembly_expired', byId, (tx, id: number) =>
      tx.catalog.getVersionById(id),
    ),
    finishDistribution: { types: ['catalog_list.distributed'], record: (_t, a) => patch(a) },
    cancelQueued: eachOf(
      'catalog_list.distribution_cancelled',
      (r: Array<{ id: number; partnerId: number }>) => r,
      async (_tx, d, a) => ({ ...d, listRowId: a[0], status: 'cancelled' }),
    ),
    putExtension: { types: ['catalog_extension.saved'] },
    deleteExtension: {
      types: ['catalog_extension.deleted'],
      changed: when,
      record: (_t, a) => ({ listRowId: a[0], kind: a[1], itemKey: a[2] }),
    },
  },
  orders: {
    insertOrder: { types: ['order.created'] },
    updateOrder: { types: ['order.updated'], record: (tx, a) => tx.orders.getOrder(a[0]) },
    insertReceivable: { types: ['receivable.created'] },
    updateReceivable: {
      types: ['receivable.updated'],
      record: (tx, a) => tx.orders.getReceivable(a[0]),
    },
    addPayment: { types: ['receivable.payment_recorded'] },
  },
  funds: {
    insertAllocation: { types: ['fund_allocation.created'] },
    updateAllocation: {
      types: ['fund_allocation.updated'],
      record: (tx, a) => tx.funds.getAllocation(a[0]),
    },
    insertClaim: { types: ['fund_claim.created'] },
    updateClaim: { types: ['fund_claim.updated'], record: (tx, a) => tx.funds.getClaim(a[0]) },
  },
  inventory: {
    insertReport: { types: ['inventory_report.received'] },
    putSetting: { types: ['inventory_setting.saved'] },
    deleteSetting: {
      types: ['inventory_setting.deleted'],
      changed: when,
      record: (_t, a) => ({ partnerId: a[0], sku: a[1], location: a[2] }),
    },
    insertProposal: { types: ['proposal.created'] },
    recordDecision: {
      types: ['proposal.decided'],
      record: (tx, a) => tx.inventory.getProposal(a[0]),
    },
    noteAutoAccept: {
      types: ['proposal.auto_accept_noted'],
      record: (tx, a) => tx.inventory.getProposal(a[0]),
    },
    putAutoAccept: { types: ['inventory_auto_accept.saved'] },
    putPartnerSettings: { types: ['inventory_partner_settings.saved'] },
  },
  portal: {
    insertPartner: { types: ['portal_partner.enabled'] },
    setPartnerRevoked: {
      types: ['portal_partner.revoked'],
      record: (_t, a) => ({ partnerId: a[0], revokedAt: a[1] }),
    },
    insertUser: { types: ['portal_user.created'] },
    revokeUser: { types: ['portal_user.revoked'], record: (tx, a) => tx.portal.getUser(a[0]) },
    saveSettings: { types: ['portal.settings_updated'], record: (_t, a) => a[0] },
  },
  sharedServices: {
    putAgreement: { types: ['service_agreement.saved'] },
    deleteAgreement: {
      types: ['service_agreement.deleted'],
      changed: when,
      record: (_t, a) => ({ partnerId: a[0] }),
    },
    insertCharge: { types: ['service_charge.created'] },
    markInvoiced: {
      types: ['service_charge.invoiced'],
      record: (_t, a) => ({ ids: a[0], invoiceNumber: a[1] }),
    },
  },
  webhooks: {
    create: { types: ['webhook.created'], record: (_t, _a, r) => webhookView(r) },
    update: {
      types: ['webhook.updated', 'webhook.disabled', 'webhook.enabled'],
      changed: endpointChanged,
      pick: (a) =>
        a[1].status === 'disabled'
          ? 'webhook.disabled'
          : a[1].status === 'active'
            ? 'webhook.enabled'
            : 'webhook.updated',
      record: (_t, _a, r) => webhookView(r),
    },
    rotateSecret: {
      types: ['webhook.secret_rotated'],
      changed: when,
      record: async (tx, a) => webhookView((await tx.webhooks.get(a[0]))!),
    },
    delete: {
      types: ['webhook.deleted'],
      changed: when,
      record: (_t, a) => ({ id: a[0] }),
    },
  },
};

/**
 * Writes that are not domain events, by repo, and why: the test requires every method of a repo
 * to be a read, an event, or listed here.
 */
export const NOT_EVENTS: { [R in RepoName]?: Record<string, string> } = {
  partners: { recordKeyFetch: 'key cache refresh; the partner record does not change' },
  inbox: { insert: 'the message itself; its effects are the events' },
  outbox: {
    enqueue: 'the queued message; its domain change is the event',
    claimDue: 'delivery lease',
    releaseLeases: 'delivery lease',
    wakeUnreachable: 'delivery timing',
    recordSigned: 'delivery attempt bookkeeping',
    reschedule: 'delivery attempt bookkeeping',
  },
  adminTokens: { create: 'credentials are never published' },
  leads: {
    addEvent: "the lead's own history row; the change is the event",
    setRuleCursor: 'round-robin position',
  },
  deals: { addMessage: "the deal's own history row" },
  service: {
    addEvent: "the request's own history row",
    addClaimEvent: "the claim's own history row",
  },
  catalog: {
    insertLines: 'lines of a version; the version event covers them',
    putLines: 'lines of a version',
    copyLines: 'lines of a version',
    removeSkus: 'lines of a version',
    deleteLines: 'lines of a version',
    savePart: 'a part of a version being assembled',
    deleteParts: 'a part of a version being assembled',
    insertDistributions: 'distribution queue; catalog_list.distributed reports the outcome',
  },
  orders: { addEvent: "the order's own history row" },
  funds: { saveProofFile: 'file bytes; the claim event names the proof' },
  inventory: { markChecked: 'job cursor' },
  portal: {
    recordSignIn: 'session bookkeeping',
    insertLink: 'sign-in links are credentials',
    consumeLink: 'sign-in links are credentials',
    insertSession: 'sessions are credentials',
    endSession: 'sessions are credentials',
    endSessions: 'sessions are credentials',
    addNotification: 'mail queue',
    markNotificationSent: 'mail queue',
    markNotificationFailed: 'mail queue',
    setUserLanguage: "a person's display preference",
    spendLinks: 'sign-in links are credentials',
    sealSecrets: 'encryption at rest; no record changes',
  },
  sharedServices: {
    replaceAttachments: 'part of the request: service_request.created / updated carry the change',
    eraseAttachments: 'part of the withdrawal: service_request.updated carries it',
  },
  // The company's people and their credentials: recorded in the audit trail (GET /api/audit),
  // never published to integrations, which would spread who holds which access.
  staff: {
    insertUser: 'staff accounts: audit trail',
    updateUser: 'staff accounts: audit trail',
    insertToken: 'credentials',
    revokeToken: 'credentials',
    revokeTokensOf: 'credentials',
    touchToken: 'credential bookkeeping',
    insertLink: 'credentials',
    consumeLink: 'credentials',
    insertSession: 'credentials',
    touchSession: 'credential bookkeeping',
    endSession: 'credentials',
    endSessionsOf: 'credentials',
    setSetting: 'access settings: audit trail',
    sealSecrets: 'encryption at rest; no record changes',
  },
  audit: { insert: 'the audit trail is its own append-only, hash-chained log' },
  // A delivery to the company's own systems is not an event about the business, and publishing
  // it would feed each delivery back into the queues as a new event.
  webhooks: {
    enqueue: 'webhook queue',
    claimDue: 'delivery lease',
    markDelivered: 'delivery attempt bookkeeping (GET /api/webhooks/{id}/deliveries)',
    reschedule: 'delivery attempt bookkeeping',
    markDead: 'delivery attempt bookkeeping; the endpoint delivery log shows dead letters',
    retryDead: 'delivery timing',
    releaseLeases: 'delivery lease',
    pruneDelivered: 'retention of the delivery log',
  },
  refusals: {
    record: 'a view of the refused message, which delivery.dead_lettered reports',
    clear: 'bookkeeping of that view',
    markSeen: "the operator's acknowledgement",
    markMail: "the sender's e-mail about it: mail queue",
  },
  staffNotifications: {
    add: 'derived from the events themselves (staff/notifications)',
    markRead: "a person's inbox bookkeeping",
    markMailed: 'mail queue',
    setCursor: 'job cursor',
    setDigestFrequency: "a person's notification preference",
    recordDigest: 'mail queue',
    pruneRead: 'retention of read notifications',
  },
};

/** Every type the node emits, sorted. */
export function allEventTypes(): string[] {
  const types = new Set<string>();
  for (const specs of Object.values(EVENT_CATALOGUE)) {
    for (const spec of Object.values(specs ?? {})) for (const t of spec.types) types.add(t);
  }
  return [...types].sort();
}
