/**
 * An operator's change to the portal's settings (admin API, CLI), read through its zod schema.
 * Apart from portal-settings.ts, which the node's mail jobs read at every run: a node that only
 * reads its settings does not load zod for them.
 */
import { parseInput } from '../input/parse-input.ts';
import { PortalSettingsPatch } from './portal-schemas.ts';
import {
  bounded,
  LINK_HOURS,
  parseSmtp,
  SESSION_HOURS,
  type PortalSettings,
} from './portal-settings.ts';

/** The settings an operator changes: only the fields given; `smtp: null` turns e-mail off. */
export function parseSettingsChange(raw: unknown): Partial<PortalSettings> {
  const input: Record<string, unknown> = parseInput(PortalSettingsPatch, raw);
  const out: Partial<PortalSettings> = {};
  if (input.smtp !== undefined) out.smtp = parseSmtp(input.smtp);
  if (input.sessionHours !== undefined) {
    out.sessionHours = bounded(input.sessionHours, 'sessionHours', SESSION_HOURS);
  }
  if (input.linkHours !== undefined) {
    out.linkHours = bounded(input.linkHours, 'linkHours', LINK_HOURS);
  }
  return out;
}
