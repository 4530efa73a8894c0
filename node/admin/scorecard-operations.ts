/**
 * GET /partners/{ref}/scorecard: how a partner has done over the last twelve months, for the
 * console's partner page (and any script). Read by whoever may read the partner itself.
 */
import { z } from 'zod';
import { listPartners } from './core-operations.ts';
import {
  defineOperation,
  errorResponses as errors,
  jsonResponse,
  operation,
  summaryOf,
} from './operation.ts';

const count = z.int().min(0);
const rate = z.number().min(0).max(1).nullable();
const Money = z.strictObject({ currency: z.string(), amount: z.string() });
const ByStatus = z.record(z.string(), count);

const PartnerScorecard = z
  .strictObject({
    partner: z.int(),
    since: z.string().meta({ description: 'The window starts here: the first of a month, UTC.' }),
    until: z.string(),
    leads: z.strictObject({
      offered: count,
      accepted: count,
      declined: count,
      expired: count,
      open: count,
      acceptanceRate: rate.meta({ description: 'Accepted of the offers answered or ended.' }),
      averageHoursToAccept: z.number().nullable(),
      won: count,
      lost: count,
      winRate: rate.meta({ description: 'Won of the accepted leads that were won or lost.' }),
      pipeline: z.array(Money).meta({ description: 'Accepted leads still worked, any age.' }),
      wonValue: z.array(Money),
    }),
    deals: z.strictObject({ registered: count, byStatus: ByStatus }),
    service: z.strictObject({
      requests: count,
      withDue: count,
      withinDue: count,
      slaCompliance: rate,
      open: count,
    }),
    warrantyClaims: z.strictObject({ filed: count, byStatus: ByStatus }),
    expenseClaims: z.strictObject({ filed: count, byStatus: ByStatus }),
    orders: z.strictObject({ count, totals: z.array(Money) }),
    messages: z.strictObject({
      delivered: count,
      pending: count,
      dead: count,
      averageDeliverySeconds: z.number().nullable(),
    }),
    months: z.array(
      z.strictObject({
        month: z.string(),
        leadsOffered: count,
        leadsAccepted: count,
        dealsRegistered: count,
        orders: count,
        serviceRequests: count,
      }),
    ),
    timeline: z.array(
      z.strictObject({
        at: z.string(),
        type: z.enum(['connected', 'profile', 'in', 'out']),
        kind: z.string().nullable(),
        ref: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PartnerScorecard' });

export const getPartnerScorecard = defineOperation({
  ...operation({
    method: 'get',
    path: '/partners/{ref}/scorecard',
    operationId: 'getPartnerScorecard',
    tag: 'partners',
    roles: summaryOf(listPartners).roles,
    summary: "A partner's scorecard over the last twelve months",
    description:
      "Lead acceptance and time to accept, win rate, pipeline and won value, deal registrations, service SLA compliance, warranty and expense claims, order volume and message delivery, over the twelve calendar months up to now (UTC), with the months for charts and the relationship's latest 20 events. A rate is null when there was nothing to rate.",
  }),
  request: {
    params: z.object({
      ref: z.string().min(1).meta({ description: 'Partner id, or its node id URL-encoded.' }),
    }),
  },
  responses: { 200: jsonResponse('The scorecard.', PartnerScorecard), 404: errors[404] },
});
