/** Every `partner-sync leads …` command: the owner's, routing, reports and the partner side. */
import { LEADS_OWNER_COMMANDS } from './leads-owner.ts';
import { LEADS_PARTNER_COMMANDS } from './leads-partner.ts';
import { LEADS_REPORT_COMMANDS } from './leads-reports.ts';
import { LEADS_ROUTING_COMMANDS } from './leads-routing.ts';

export const LEADS_COMMANDS = [
  ...LEADS_OWNER_COMMANDS,
  ...LEADS_ROUTING_COMMANDS,
  ...LEADS_REPORT_COMMANDS,
  ...LEADS_PARTNER_COMMANDS,
];
