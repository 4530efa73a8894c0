/**
 * What a portal user is told by e-mail when the vendor sends their company something: a lead
 * offered or recalled, a decision on a deal, warranty or expense claim, an answer or milestone of
 * an order, funds allocated, a replenishment proposal, a service request opened or changed, a
 * record withdrawn. One notification per user and event (its dedupe key), queued in the
 * unit of work that settles the message, so none is lost and none is sent twice.
 */
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { NewNotification } from '../store/portal-store.ts';

export type NotificationContent = Pick<
  NewNotification,
  'type' | 'dedupeKey' | 'subject' | 'body' | 'path'
>;

/** What the composer knows about the message and the records it names. */
export interface MessageFacts {
  kind: string;
  messageId: string;
  body: Record<string, any>;
  /** A short name of the record (lead company, end customer, request subject), when held. */
  label: string | null;
}

const seg = (id: unknown): string => encodeURIComponent(String(id));
const time = (iso: unknown): string =>
  typeof iso === 'string' ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
const words = (code: unknown): string => String(code).replaceAll('_', ' ');

const RECORD_PAGES: Record<string, { path: string; what: string }> = {
  lead: { path: '/leads/', what: 'Lead' },
  deal: { path: '/deals/', what: 'Deal registration' },
  service_request: { path: '/requests/', what: 'Service request' },
  warranty_claim: { path: '/claims/', what: 'Warranty claim' },
  price_list: { path: '/price-lists/', what: 'Price list' },
  product: { path: '/products/', what: 'Product catalog' },
};

/** The notification a message from the vendor gives rise to, or null when it needs none. */
export function composeNotification(m: MessageFacts): NotificationContent | null {
  const b = m.body;
  const byMessage = `msg:${m.messageId}`;
  const named = (fallback: string) => m.label ?? fallback;
  switch (m.kind) {
    case 'lead.offer':
      // Later versions of the same offer update its fields; the user was told about it already.
      return {
        type: 'lead_offered',
        dedupeKey: `lead_offered:${b.lead.id}`,
        subject: `New lead offered: ${b.lead.company}`,
        body:
          `You are offered a lead: ${b.lead.company} (${b.lead.region}), interested in ` +
          `${(b.lead.interest as string[]).join(', ')}.\n` +
          `${b.exclusive ? 'The offer is exclusive. ' : ''}Please accept or decline by ${time(b.offerExpiresAt)}.`,
        path: `/leads/${seg(b.lead.id)}`,
      };
    case 'lead.recall':
      return {
        type: 'lead_closed',
        dedupeKey: byMessage,
        subject: `Lead recalled: ${named(b.leadId)}`,
        body: `The vendor recalled the lead ${named(b.leadId)} (${words(b.reason)}).`,
        path: `/leads/${seg(b.leadId)}`,
      };
    case 'deal.decision': {
      const until = b.protectedUntil ? ` It is protected until ${time(b.protectedUntil)}.` : '';
      const reason = b.reason ? `\nReason: ${b.reason}` : '';
      return {
        type: 'deal_decided',
        dedupeKey: byMessage,
        subject: `Deal registration ${words(b.status)}: ${named('your deal')}`,
        body: `The vendor decided your deal registration for ${named('your deal')}: ${words(b.status)}.${until}${reason}`,
        path: `/deals/${seg(b.dealId)}`,
      };
    }
    case 'service.request': {
      const opened = b.version === 1;
      return {
        type: 'request_changed',
        dedupeKey: byMessage,
        subject: `${opened ? 'New service request' : 'Service request changed'}: ${b.request.subject}`,
        body: opened
          ? `The vendor opened a service request with you: ${b.request.subject} (${words(b.request.priority)} priority).`
          : `The vendor changed the service request ${b.request.subject}.`,
        path: `/requests/${seg(b.request.id)}`,
      };
    }
    case 'service.update': {
      const comment = b.comment ? `\nComment: ${b.comment.text}` : '';
      return {
        type: 'request_changed',
        dedupeKey: byMessage,
        subject: `Service request ${words(b.status)}: ${named('your request')}`,
        body: `The vendor updated the service request ${named('')}: status ${words(b.status)}.${comment}`,
        path: `/requests/${seg(b.requestId)}`,
      };
    }
    case 'warranty.decision': {
      const amount = b.approvedAmount ? ` Approved amount: ${b.approvedAmount}.` : '';
      const reason = b.reason ? `\nReason: ${b.reason}` : '';
      return {
        type: 'claim_decided',
        dedupeKey: byMessage,
        subject: `Warranty claim ${words(b.status)}: ${named('your claim')}`,
        body: `The vendor decided your warranty claim ${named('')}: ${words(b.status)}.${amount}${reason}`,
        path: `/claims/${seg(b.claimId)}`,
      };
    }
    case 'order.response': {
      if (b.code === 'AB') return null; // "received" follows the order at once: nothing to act on
      const answer = { AP: 'accepted', CA: 'accepted with changes', RE: 'rejected' }[
        b.code as 'AP' | 'CA' | 'RE'
      ];
      const reason = b.reason ? `\nReason: ${b.reason}` : '';
      return {
        type: 'order_answered',
        dedupeKey: byMessage,
        subject: `Order ${answer}`,
        body: `The vendor ${answer} your order ${b.orderId}.${reason}`,
        path: `/orders/${seg(b.orderId)}`,
      };
    }
    case 'order.status': {
      const tracking = b.tracking ? ` Tracking: ${b.tracking}.` : '';
      return {
        type: 'order_status',
        dedupeKey: byMessage,
        subject: `Order ${words(b.status)}`,
        body: `Your order ${b.orderId} is ${words(b.status)}.${tracking}`,
        path: `/orders/${seg(b.orderId)}`,
      };
    }
    case 'fund.allocation': {
      const a = b.allocation;
      // An amended allocation is a new version of the same one: one mail per version.
      return {
        type: 'funds_allocated',
        dedupeKey: `fund:${a.id}:${b.version}`,
        subject: `Marketing funds: ${a.amount} ${a.currency}`,
        body:
          `The vendor ${b.version === 1 ? 'allocated' : 'changed'} marketing funds for you: ` +
          `${a.amount} ${a.currency} for ${(a.activities as string[]).map(words).join(', ')}.\n` +
          `Claim them with expense invoices by ${a.claimDeadline}.`,
        path: `/funds/${seg(a.id)}`,
      };
    }
    case 'expense.decision': {
      const amount = b.approvedAmount ? ` Amount: ${b.approvedAmount}.` : '';
      const reason = b.reason ? `\nReason: ${b.reason}` : '';
      return {
        type: 'claim_decided',
        dedupeKey: byMessage,
        subject: `Expense claim ${words(b.status)}`,
        body: `The vendor decided your expense claim: ${words(b.status)}.${amount}${reason}`,
        path: `/expenses/${seg(b.claimId)}`,
      };
    }
    case 'replenishment.proposal':
      return {
        type: 'replenishment_proposed',
        dedupeKey: byMessage,
        subject: `Replenishment proposal for ${b.location}`,
        body:
          `The vendor proposes to refill your stock at ${b.location}: ${(b.lines as unknown[]).length} ` +
          `line(s). Please accept, change or reject it by ${time(b.validUntil)}.`,
        path: `/stock/proposals/${seg(b.proposalId)}`,
      };
    case 'pricelist.push':
      // A version may travel in several parts: one notification per version.
      return {
        type: 'pricelist_updated',
        dedupeKey: `pricelist:${b.priceListId}:${b.version}`,
        subject: `New price list version: ${b.name}`,
        body: `The vendor shared version ${b.version} of the price list ${b.name}${b.validFrom ? `, valid from ${String(b.validFrom).slice(0, 10)}` : ''}.`,
        path: `/price-lists/${seg(b.priceListId)}`,
      };
    case 'catalog.push':
      return {
        type: 'catalog_updated',
        dedupeKey: `catalog:${b.catalogId}:${b.version}`,
        subject: `New product catalog version: ${named(b.catalogId)}`,
        body: `The vendor shared version ${b.version} of the product catalog ${named(b.catalogId)}.`,
        path: `/products/${seg(b.catalogId)}`,
      };
    case 'record.withdraw': {
      const page = RECORD_PAGES[b.recordKind as string];
      if (!page) return null;
      return {
        type: 'record_withdrawn',
        dedupeKey: byMessage,
        subject: `${page.what} withdrawn: ${named(b.recordId)}`,
        body: `The vendor withdrew the ${page.what.toLowerCase()} ${named(b.recordId)}.\nReason: ${b.reason}`,
        path: `${page.path}${seg(b.recordId)}`,
      };
    }
    default:
      return null;
  }
}

/** The record's short name, read from the vendor's own records scoped to the partner. */
async function labelOf(
  tx: StoreTx,
  partnerId: number,
  kind: string,
  b: Record<string, any>,
): Promise<string | null> {
  const recordKind = kind === 'record.withdraw' ? b.recordKind : kind.split('.')[0];
  const id =
    kind === 'record.withdraw'
      ? b.recordId
      : (b.leadId ?? b.dealId ?? b.requestId ?? b.claimId ?? b.catalogId ?? b.priceListId);
  if (typeof id !== 'string') return null;
  switch (recordKind) {
    case 'lead':
      return (await tx.leads.latestOffer(id, partnerId))
        ? ((await tx.leads.getLead(id))?.company ?? null)
        : null;
    case 'deal':
      return (await tx.deals.find('vendor', partnerId, id))?.endCustomer.name ?? null;
    case 'service':
    case 'service_request':
      return (await tx.service.findRequest(partnerId, id))?.subject ?? null;
    case 'warranty':
    case 'warranty_claim': {
      const claim = await tx.service.findClaim(partnerId, id);
      return claim ? `${claim.product} ${claim.serial}` : null;
    }
    case 'catalog':
    case 'product':
      return (await tx.catalog.findList('catalog', SELF_OWNER, id))?.name ?? null;
    case 'pricelist':
    case 'price_list':
      return (await tx.catalog.findList('pricelist', SELF_OWNER, id))?.name ?? null;
    default:
      return null;
  }
}

/** Queues the notification of a message to a portal partner for each of its active users. */
export async function notifyUsersOfMessage(
  tx: StoreTx,
  partnerId: number,
  message: { kind: string; messageId: string; body: unknown },
  now: Date,
): Promise<number> {
  const body = (message.body ?? {}) as Record<string, any>;
  const content = composeNotification({
    kind: message.kind,
    messageId: message.messageId,
    body,
    label: await labelOf(tx, partnerId, message.kind, body),
  });
  return content ? queueForUsers(tx, partnerId, content, now) : 0;
}

export async function queueForUsers(
  tx: StoreTx,
  partnerId: number,
  content: NotificationContent,
  now: Date,
): Promise<number> {
  const portal = await tx.portal.getPartner(partnerId);
  if (!portal || portal.revokedAt) return 0;
  let queued = 0;
  for (const user of await tx.portal.listUsers(partnerId)) {
    if (user.revokedAt) continue;
    if (await tx.portal.addNotification({ ...content, userId: user.id, partnerId }, now)) queued++;
  }
  return queued;
}
