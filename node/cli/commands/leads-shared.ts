/** What the `leads …` commands share: flags, list splitting, and input errors named as flags. */
import type { FlagSpec } from '../command.ts';
import { flagReader } from '../flag-errors.ts';

export const LEAD_ID_ARG = [{ name: 'id', required: true }] as const;

export const PARTNER_REF_FLAG: FlagSpec = {
  name: 'partner',
  type: 'string',
  value: 'REF',
  description: 'A partner by its number in "partner-sync partners" or its node id.',
};

export const OWNER_FLAG: FlagSpec = {
  name: 'owner',
  type: 'string',
  value: 'REF',
  description: 'The lead owner (partner number or node id), if two owners used the same lead id.',
};

export { splitList as listFlag } from '../command.ts';

/** Input fields and the flags that set them, so a refused field is named as the operator typed it. */
const FLAG_OF_FIELD: Record<string, string> = {
  'contact.name': '--contact-name',
  'contact.email': '--contact-email',
  'contact.phone': '--contact-phone',
  estimatedValue: '--value',
  offerHours: '--offer-hours',
  reasonCode: '--reason',
  productLines: '--products',
  matchPartnerRegion: '--any-region',
  matchPartnerProducts: '--any-product',
  roundRobin: '--ordered',
  lastActivityAt: '--activity-at',
  partners: '--partners',
};

const readFlags = flagReader(FLAG_OF_FIELD, { failure: true, sameNames: true });

/** Runs an action; a refused field becomes a failure that names the flag. */
export const asFlags = <T>(fn: () => Promise<T>): Promise<T> => readFlags(undefined, fn);

export function hours(ms: number | null): string {
  if (ms === null) return '-';
  const h = ms / 3_600_000;
  return h < 10 ? `${h.toFixed(1)}h` : `${Math.round(h)}h`;
}
