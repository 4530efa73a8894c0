/** `partner-sync leads tracking|black-holes`: how partners handle the leads we give them. */
import { leadBlackHoles, leadTracking } from '../../leads/lead-queries.ts';
import { flagInteger, flagString, type CommandSpec } from '../command.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';
import { hours, PARTNER_REF_FLAG } from './leads-shared.ts';

export const leadsTrackingCommand: CommandSpec = {
  name: 'leads tracking',
  summary: 'Per partner: offers, accepted, declined, expired, time to accept, won',
  usage: ['leads tracking [--partner REF] [--json]'],
  example: 'leads tracking --partner 2',
  flags: [{ ...PARTNER_REF_FLAG, description: 'Only this partner.' }],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const ref = flagString(ctx, 'partner');
      const partnerId = ref === undefined ? undefined : (await findPartnerRef(deps.store, ref)).id;
      const rows = await leadTracking(deps.store, partnerId);
      if (ctx.out.json) {
        ctx.out.data(rows);
        return 0;
      }
      if (rows.length === 0) {
        ctx.out.line('No lead has been offered yet.');
        return 0;
      }
      ctx.out.table(
        [
          'PARTNER',
          'OFFERS',
          'ACCEPTED',
          'DECLINED',
          'EXPIRED',
          'MEDIAN ACCEPT',
          'WON',
          'WON AMOUNT',
        ],
        rows.map((r) => [
          `${r.partnerId} ${r.partnerName ?? ''}`.trim(),
          String(r.offersReceived),
          String(r.accepted),
          String(r.declined),
          String(r.expired),
          hours(r.medianTimeToAcceptMs),
          String(r.won),
          Object.entries(r.wonAmount)
            .map(([currency, sum]) => `${sum} ${currency}`)
            .join(', ') || '-',
        ]),
      );
      return 0;
    });
  },
};

export const leadsBlackHolesCommand: CommandSpec = {
  name: 'leads black-holes',
  summary: 'Accepted leads with no progress from the partner for N days',
  usage: ['leads black-holes [--days N] [--partner REF] [--json]'],
  example: 'leads black-holes --days 30',
  flags: [
    { name: 'days', type: 'string', value: 'N', description: 'Days of silence (default 14).' },
    { ...PARTNER_REF_FLAG, description: 'Only this partner.' },
  ],
  json: true,
  async run(ctx) {
    const days = flagInteger(ctx, 'days', { min: 1, max: 3650, fallback: 14 });
    return withNode(ctx, async ({ deps }) => {
      const ref = flagString(ctx, 'partner');
      const partnerId = ref === undefined ? undefined : (await findPartnerRef(deps.store, ref)).id;
      const leads = await leadBlackHoles(deps.store, deps.clock.now(), days, partnerId);
      if (ctx.out.json) {
        ctx.out.data({ days, leads });
        return 0;
      }
      if (leads.length === 0) {
        ctx.out.line(`No accepted lead has been silent for ${days} days.`);
        return 0;
      }
      ctx.out.table(
        ['LEAD', 'PARTNER', 'ACCEPTED', 'LAST PROGRESS', 'STAGE', 'SILENT DAYS'],
        leads.map((l) => [
          l.leadId,
          String(l.partnerId),
          formatTime(new Date(l.acceptedAt!)),
          l.lastProgressAt ? formatTime(new Date(l.lastProgressAt)) : '-',
          l.stage ?? '-',
          String(l.silentDays),
        ]),
      );
      return 0;
    });
  },
};

export const LEADS_REPORT_COMMANDS = [leadsTrackingCommand, leadsBlackHolesCommand];
