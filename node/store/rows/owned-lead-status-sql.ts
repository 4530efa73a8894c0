/**
 * An owned lead's derived status (node/leads/lead-status.ts, ownedLeadStatus) as a condition on
 * its offers, for both engines: the status filter of the leads list runs in the query, so a page
 * of new leads is a page of new leads however many newer leads were routed (reading a page and
 * filtering it afterwards lost every match behind the first `limit` leads).
 *
 * The rules, first match wins: withdrawn; won (an offer's stage is won); accepted (an accepted
 * offer not lost); offered (an open offer); lost (an accepted offer, all lost); new (no offer);
 * unassigned (offers, none of the above).
 */
import {
  and,
  isNotNull,
  isNull,
  not,
  or,
  sql,
  type Column,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import type { OwnedLeadCursor, OwnedLeadStatus, PartnerOfferState } from '../lead-store.ts';

/** The columns the condition reads, the same names on SQLite and PostgreSQL. */
export interface OwnedLeadColumns {
  leads: { id: Column; createdAt: Column; withdrawnAt: Column; firstOfferedAt: Column };
  offers: {
    leadId: Column;
    partnerId: Column;
    seq: Column;
    status: Column;
    stage: Column;
    expiresAt: Column;
  };
  offersTable: SQLWrapper;
}

export function ownedLeadStatusWhere(status: OwnedLeadStatus, c: OwnedLeadColumns): SQL {
  const { leads, offers } = c;
  const anyOffer = (cond?: SQL) =>
    sql`exists (select 1 from ${c.offersTable} where ${offers.leadId} = ${leads.id}${
      cond ? sql` and ${cond}` : sql``
    })`;
  const won = anyOffer(sql`${offers.stage} = 'won'`);
  const acceptedLive = anyOffer(
    sql`${offers.status} = 'accepted' and coalesce(${offers.stage}, '') <> 'lost'`,
  );
  const open = anyOffer(sql`${offers.status} = 'open'`);
  const acceptedAny = anyOffer(sql`${offers.status} = 'accepted'`);
  const live = isNull(leads.withdrawnAt);
  switch (status) {
    case 'withdrawn':
      return isNotNull(leads.withdrawnAt);
    case 'won':
      return and(live, won)!;
    case 'accepted':
      return and(live, not(won), acceptedLive)!;
    case 'offered':
      return and(live, not(won), not(acceptedLive), open)!;
    case 'lost':
      return and(live, not(won), not(acceptedLive), not(open), acceptedAny)!;
    case 'new':
      // The leads_new partial index's own condition (node/db/schema/leads.ts), word for word:
      // first_offered_at is set with a lead's first offer, so null means no offer.
      return sql`${leads.firstOfferedAt} is null and ${leads.withdrawnAt} is null`;
    case 'unassigned':
      return and(live, isNotNull(leads.firstOfferedAt), not(won), not(acceptedAny), not(open))!;
  }
}

/** Leads after `after` in newest-first order (creation time, then id). */
export function ownedLeadAfter(after: OwnedLeadCursor, c: Pick<OwnedLeadColumns, 'leads'>): SQL {
  const at = after.createdAt.getTime();
  return or(
    sql`${c.leads.createdAt} < ${at}`,
    and(sql`${c.leads.createdAt} = ${at}`, sql`${c.leads.id} < ${after.id}`),
  )!;
}

/**
 * Leads offered to `partnerId` (an offer of any state) and, with `state`, whose latest offer to it
 * stands so at `now`, by the rules of the partner's portal (offerState in
 * node/portal/web/lead-pages.tsx): a withdrawn lead or offer is withdrawn; an open offer whose time
 * ran out is expired before the expiry job marks it; otherwise the offer's own status. In the
 * query, so a page of a partner's open leads is full however many others are newer.
 */
export function offeredToPartnerWhere(
  partnerId: number,
  offer: { state: PartnerOfferState; now: Date } | undefined,
  c: OwnedLeadColumns,
): SQL {
  const { leads, offers } = c;
  const mine = sql`${offers.leadId} = ${leads.id} and ${offers.partnerId} = ${partnerId}`;
  if (offer === undefined) return sql`exists (select 1 from ${c.offersTable} where ${mine})`;
  // The inner subquery's columns name its own rows of the same table: the latest offer.
  const latest = sql`${offers.seq} = (select max(${offers.seq}) from ${c.offersTable} where ${mine})`;
  const now = offer.now.getTime();
  const live = sql`${leads.withdrawnAt} is null and ${offers.status} <> 'withdrawn'`;
  const state = {
    withdrawn: sql`(${leads.withdrawnAt} is not null or ${offers.status} = 'withdrawn')`,
    expired: sql`${live} and (${offers.status} = 'expired'
      or (${offers.status} = 'open' and ${offers.expiresAt} <= ${now}))`,
    open: sql`${live} and ${offers.status} = 'open' and ${offers.expiresAt} > ${now}`,
    accepted: sql`${live} and ${offers.status} = 'accepted'`,
    declined: sql`${live} and ${offers.status} = 'declined'`,
    recalled: sql`${live} and ${offers.status} = 'recalled'`,
  }[offer.state];
  return sql`exists (select 1 from ${c.offersTable} where ${mine} and ${latest} and ${state})`;
}
