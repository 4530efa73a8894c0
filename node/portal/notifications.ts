/**
 * What a portal user is told by e-mail when the vendor sends their company something: a lead
 * offered or recalled, a decision on a deal, warranty or expense claim, an answer or milestone of
 * an order, funds allocated, a replenishment proposal, a service request opened or changed, a
 * record withdrawn. One notification per user and event (its dedupe key), queued in the
 * unit of work that settles the message, so none is lost and none is sent twice.
 */
import type { Locale } from '../i18n/locales.ts';
import { isLocale, translatorFor, type MessageKey, type Translator } from '../i18n/index.ts';
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
  /**
   * The currency of the claim a decision is about, as the claim says: a decision carries the
   * approved amount only, and an amount is shown in its record's currency.
   */
  currency?: string | null;
}

const seg = (id: unknown): string => encodeURIComponent(String(id));
const yes = (v: unknown): 'yes' | 'no' => (v ? 'yes' : 'no');

const RECORD_PAGES: Record<string, { path: string; what: MessageKey }> = {
  lead: { path: '/leads/', what: 'mail.record.lead' },
  deal: { path: '/deals/', what: 'mail.record.deal' },
  service_request: { path: '/requests/', what: 'mail.record.service_request' },
  warranty_claim: { path: '/claims/', what: 'mail.record.warranty_claim' },
  price_list: { path: '/price-lists/', what: 'mail.record.price_list' },
  product: { path: '/products/', what: 'mail.record.product' },
};

/**
 * The notification a message from the vendor gives rise to, or null when it needs none; in the
 * recipient's language (`tr`, English by default).
 */
export function composeNotification(
  m: MessageFacts,
  tr: Translator = translatorFor('en'),
): NotificationContent | null {
  const b = m.body;
  const { t } = tr;
  const byMessage = `msg:${m.messageId}`;
  const named = (fallback: string) => m.label ?? fallback;
  const time = (iso: unknown): string => (typeof iso === 'string' ? tr.time(new Date(iso)) : '');
  const status = (code: unknown) => tr.code('status', String(code));
  const list = (items: unknown[]) => items.map(String).join(t('format.listSeparator'));
  switch (m.kind) {
    case 'lead.offer':
      // Later versions of the same offer update its fields; the user was told about it already.
      return {
        type: 'lead_offered',
        dedupeKey: `lead_offered:${b.lead.id}`,
        subject: t('mail.leadOffered.subject', { company: b.lead.company }),
        body: t('mail.leadOffered.body', {
          company: b.lead.company,
          region: b.lead.region,
          interest: list(b.lead.interest as string[]),
          exclusive: yes(b.exclusive),
          time: time(b.offerExpiresAt),
        }),
        path: `/leads/${seg(b.lead.id)}`,
      };
    case 'lead.recall':
      return {
        type: 'lead_closed',
        dedupeKey: byMessage,
        subject: t('mail.leadRecalled.subject', { name: named(b.leadId) }),
        body: t('mail.leadRecalled.body', {
          name: named(b.leadId),
          reason: tr.code('reason', b.reason),
        }),
        path: `/leads/${seg(b.leadId)}`,
      };
    case 'deal.decision':
      return {
        type: 'deal_decided',
        dedupeKey: byMessage,
        subject: t('mail.dealDecided.subject', {
          status: status(b.status),
          name: named(t('mail.yourDeal')),
        }),
        body: t('mail.dealDecided.body', {
          name: named(t('mail.yourDeal')),
          status: status(b.status),
          protected: yes(b.protectedUntil),
          until: time(b.protectedUntil),
          hasReason: yes(b.reason),
          reason: b.reason ?? '',
        }),
        path: `/deals/${seg(b.dealId)}`,
      };
    case 'service.request': {
      const opened = b.version === 1;
      return {
        type: 'request_changed',
        dedupeKey: byMessage,
        subject: t('mail.requestOpened.subject', {
          opened: yes(opened),
          subject: b.request.subject,
        }),
        body: opened
          ? t('mail.requestOpened.body', {
              subject: b.request.subject,
              priority: tr.code('priority', b.request.priority),
            })
          : t('mail.requestChanged.body', { subject: b.request.subject }),
        path: `/requests/${seg(b.request.id)}`,
      };
    }
    case 'service.update':
      return {
        type: 'request_changed',
        dedupeKey: byMessage,
        subject: t('mail.requestUpdated.subject', {
          status: status(b.status),
          name: named(t('mail.yourRequest')),
        }),
        body: t('mail.requestUpdated.body', {
          name: named(''),
          status: status(b.status),
          hasComment: yes(b.comment),
          comment: b.comment?.text ?? '',
        }),
        path: `/requests/${seg(b.requestId)}`,
      };
    case 'warranty.decision':
      return {
        type: 'claim_decided',
        dedupeKey: byMessage,
        subject: t('mail.warrantyDecided.subject', {
          status: status(b.status),
          name: named(t('mail.yourClaim')),
        }),
        body: t('mail.warrantyDecided.body', {
          name: named(''),
          status: status(b.status),
          hasAmount: yes(b.approvedAmount),
          amount: tr.money(b.approvedAmount, m.currency),
          hasReason: yes(b.reason),
          reason: b.reason ?? '',
        }),
        path: `/claims/${seg(b.claimId)}`,
      };
    case 'order.response': {
      if (b.code === 'AB') return null; // "received" follows the order at once: nothing to act on
      if (!['AP', 'CA', 'RE'].includes(b.code)) return null;
      return {
        type: 'order_answered',
        dedupeKey: byMessage,
        subject: t('mail.orderAnswered.subject', { code: b.code }),
        body: t('mail.orderAnswered.body', {
          code: b.code,
          order: b.orderId,
          hasReason: yes(b.reason),
          reason: b.reason ?? '',
        }),
        path: `/orders/${seg(b.orderId)}`,
      };
    }
    case 'order.status':
      return {
        type: 'order_status',
        dedupeKey: byMessage,
        subject: t('mail.orderStatus.subject', { status: status(b.status) }),
        body: t('mail.orderStatus.body', {
          order: b.orderId,
          status: status(b.status),
          hasTracking: yes(b.tracking),
          tracking: b.tracking ?? '',
        }),
        path: `/orders/${seg(b.orderId)}`,
      };
    case 'fund.allocation': {
      const a = b.allocation;
      // An amended allocation is a new version of the same one: one mail per version.
      return {
        type: 'funds_allocated',
        dedupeKey: `fund:${a.id}:${b.version}`,
        subject: t('mail.funds.subject', { money: tr.money(a.amount, a.currency) }),
        body: t('mail.funds.body', {
          first: yes(b.version === 1),
          money: tr.money(a.amount, a.currency),
          activities: list((a.activities as string[]).map((x) => tr.code('activity', x))),
          deadline: tr.date(a.claimDeadline),
        }),
        path: `/funds/${seg(a.id)}`,
      };
    }
    case 'expense.decision':
      return {
        type: 'claim_decided',
        dedupeKey: byMessage,
        subject: t('mail.expenseDecided.subject', { status: status(b.status) }),
        body: t('mail.expenseDecided.body', {
          status: status(b.status),
          hasAmount: yes(b.approvedAmount),
          amount: tr.money(b.approvedAmount, m.currency),
          hasReason: yes(b.reason),
          reason: b.reason ?? '',
        }),
        path: `/expenses/${seg(b.claimId)}`,
      };
    case 'replenishment.proposal':
      return {
        type: 'replenishment_proposed',
        dedupeKey: byMessage,
        subject: t('mail.replenishment.subject', { location: b.location }),
        body: t('mail.replenishment.body', {
          location: b.location,
          lines: (b.lines as unknown[]).length,
          time: time(b.validUntil),
        }),
        path: `/stock/proposals/${seg(b.proposalId)}`,
      };
    case 'pricelist.push':
      // A version may travel in several parts: one notification per version.
      return {
        type: 'pricelist_updated',
        dedupeKey: `pricelist:${b.priceListId}:${b.version}`,
        subject: t('mail.priceList.subject', { name: b.name }),
        body: t('mail.priceList.body', {
          version: b.version,
          name: b.name,
          hasFrom: yes(b.validFrom),
          from: b.validFrom ? tr.date(String(b.validFrom)) : '',
        }),
        path: `/price-lists/${seg(b.priceListId)}`,
      };
    case 'catalog.push':
      return {
        type: 'catalog_updated',
        dedupeKey: `catalog:${b.catalogId}:${b.version}`,
        subject: t('mail.catalog.subject', { name: named(b.catalogId) }),
        body: t('mail.catalog.body', { version: b.version, name: named(b.catalogId) }),
        path: `/products/${seg(b.catalogId)}`,
      };
    case 'record.withdraw': {
      const page = RECORD_PAGES[b.recordKind as string];
      if (!page) return null;
      return {
        type: 'record_withdrawn',
        dedupeKey: byMessage,
        subject: t('mail.withdrawn.subject', { what: t(page.what), name: named(b.recordId) }),
        body: t('mail.withdrawn.body', {
          kind: b.recordKind,
          name: named(b.recordId),
          reason: b.reason,
        }),
        path: `${page.path}${seg(b.recordId)}`,
      };
    }
    default:
      return null;
  }
}

/** What the notification names of the record a message is about. */
export interface RecordFacts {
  label: string | null;
  currency: string | null;
}

/**
 * The record's short name and, for a claim decision, the claim's currency, read from the vendor's
 * own records scoped to the partner: each record once, though a warranty decision needs both.
 */
export async function recordFactsOf(
  tx: StoreTx,
  partnerId: number,
  kind: string,
  b: Record<string, any>,
): Promise<RecordFacts> {
  const none: RecordFacts = { label: null, currency: null };
  const recordKind = kind === 'record.withdraw' ? b.recordKind : kind.split('.')[0];
  const id =
    kind === 'record.withdraw'
      ? b.recordId
      : (b.leadId ?? b.dealId ?? b.requestId ?? b.claimId ?? b.catalogId ?? b.priceListId);
  // An expense decision names no record the mail shows; only its claim's currency counts.
  if (kind === 'expense.decision') {
    if (typeof b.claimId !== 'string') return none;
    return {
      label: null,
      currency: (await tx.funds.findClaim(partnerId, b.claimId))?.currency ?? null,
    };
  }
  if (typeof id !== 'string') return none;
  const label = (name: string | null | undefined): RecordFacts => ({
    label: name ?? null,
    currency: null,
  });
  switch (recordKind) {
    case 'lead':
      return label(
        (await tx.leads.latestOffer(id, partnerId)) ? (await tx.leads.getLead(id))?.company : null,
      );
    case 'deal':
      return label((await tx.deals.find('vendor', partnerId, id))?.endCustomer.name);
    case 'service':
    case 'service_request':
      return label((await tx.service.findRequest(partnerId, id))?.subject);
    case 'warranty':
    case 'warranty_claim': {
      const claim = await tx.service.findClaim(partnerId, id);
      if (!claim) return none;
      return {
        label: `${claim.product} ${claim.serial}`,
        // A decision carries the approved amount only, shown in the claim's currency.
        currency: kind === 'warranty.decision' && b.claimId === id ? claim.currency : null,
      };
    }
    case 'catalog':
    case 'product':
      return label((await tx.catalog.findList('catalog', SELF_OWNER, id))?.name);
    case 'pricelist':
    case 'price_list':
      return label((await tx.catalog.findList('pricelist', SELF_OWNER, id))?.name);
    default:
      return none;
  }
}

/** The language a user's e-mails are written in: their own choice, else the node's default. */
export function mailLocale(user: { language: string | null }, defaultLanguage: Locale): Locale {
  return isLocale(user.language) ? user.language : defaultLanguage;
}

/** Queues the notification of a message to a portal partner for each of its active users. */
export async function notifyUsersOfMessage(
  tx: StoreTx,
  partnerId: number,
  message: { kind: string; messageId: string; body: unknown },
  now: Date,
  defaultLanguage: Locale = 'en',
): Promise<number> {
  const body = (message.body ?? {}) as Record<string, any>;
  const facts: MessageFacts = {
    kind: message.kind,
    messageId: message.messageId,
    body,
    ...(await recordFactsOf(tx, partnerId, message.kind, body)),
  };
  if (!composeNotification(facts)) return 0;
  return queueForUsers(
    tx,
    partnerId,
    (tr) => composeNotification(facts, tr)!,
    now,
    defaultLanguage,
  );
}

/** Queues one notification per active user, written in each user's language. */
export async function queueForUsers(
  tx: StoreTx,
  partnerId: number,
  compose: (tr: Translator) => NotificationContent,
  now: Date,
  defaultLanguage: Locale = 'en',
): Promise<number> {
  const portal = await tx.portal.getPartner(partnerId);
  if (!portal || portal.revokedAt) return 0;
  let queued = 0;
  for (const user of await tx.portal.listUsers(partnerId)) {
    if (user.revokedAt) continue;
    const content = compose(translatorFor(mailLocale(user, defaultLanguage)));
    if (await tx.portal.addNotification({ ...content, userId: user.id, partnerId }, now)) queued++;
  }
  return queued;
}
