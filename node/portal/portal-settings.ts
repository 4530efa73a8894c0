/**
 * The portal's settings, kept in the node's database (portal_settings) so that the operator
 * changes them through the admin API or the CLI without a restart: the SMTP server notifications
 * go through, and how long sessions and sign-in links last.
 */
import { invalidField, rejectUnknownFields } from '../domain-kernel/input-fields.ts';
import { EMAIL } from '../input/email-pattern.ts';
import type { StoreTx } from '../store/store.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The From address of every notification. */
  from: string;
}

export interface PortalSettings {
  smtp: SmtpSettings | null;
  sessionHours: number;
  /** How long a link the vendor makes (an invitation) stays valid. */
  linkHours: number;
}

export const DEFAULT_PORTAL_SETTINGS: Readonly<PortalSettings> = Object.freeze({
  smtp: null,
  sessionHours: 12,
  linkHours: 168,
});

export const SESSION_HOURS = { min: 1, max: 24 * 30 } as const;
export const LINK_HOURS = { min: 1, max: 24 * 30 } as const;
/** A link asked for on the sign-in page is short-lived: it waits in an inbox. */
export const REQUESTED_LINK_MINUTES = 30;

export async function readPortalSettings(tx: StoreTx): Promise<PortalSettings> {
  return { ...DEFAULT_PORTAL_SETTINGS, ...(await tx.portal.settings()) } as PortalSettings;
}

/** What an operator may see: the password only as whether one is set. */
export function settingsView(s: PortalSettings) {
  return {
    smtp:
      s.smtp === null
        ? null
        : {
            host: s.smtp.host,
            port: s.smtp.port,
            secure: s.smtp.secure,
            user: s.smtp.user,
            from: s.smtp.from,
            passwordSet: s.smtp.password !== null,
          },
    sessionHours: s.sessionHours,
    linkHours: s.linkHours,
  };
}

const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$/;
export { EMAIL };

/** A whole number within `b`, or the field's refusal. */
export function bounded(value: unknown, field: string, b: { min: number; max: number }): number {
  if (!Number.isSafeInteger(value) || (value as number) < b.min || (value as number) > b.max) {
    throw invalidField(field, `${field} must be a whole number from ${b.min} to ${b.max}`);
  }
  return value as number;
}

function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '' || value.length > max || /[\r\n]/.test(value)) {
    throw invalidField(field, `${field} must be a single line of 1 to ${max} characters`);
  }
  return value;
}

export function parseSmtp(input: unknown): SmtpSettings | null {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalidField('smtp', 'smtp must be an object, or null to turn e-mail off');
  }
  const s = input as Record<string, unknown>;
  rejectUnknownFields(s, ['host', 'port', 'secure', 'user', 'password', 'from']);
  if (typeof s.host !== 'string' || !HOST.test(s.host)) {
    throw invalidField('smtp.host', 'smtp.host must be a host name or address');
  }
  const port = s.port === undefined ? 587 : bounded(s.port, 'smtp.port', { min: 1, max: 65535 });
  if (s.secure !== undefined && typeof s.secure !== 'boolean') {
    throw invalidField('smtp.secure', 'smtp.secure must be true or false');
  }
  if (typeof s.from !== 'string' || s.from.length > 254 || !EMAIL.test(s.from)) {
    throw invalidField('smtp.from', 'smtp.from must be an e-mail address');
  }
  const user = optionalText(s.user, 'smtp.user', 200);
  const password = optionalText(s.password, 'smtp.password', 500);
  if ((user === null) !== (password === null)) {
    throw invalidField(
      user === null ? 'smtp.user' : 'smtp.password',
      'give both user and password, or neither',
    );
  }
  return {
    host: s.host,
    port,
    secure: (s.secure as boolean | undefined) ?? port === 465,
    user,
    password,
    from: s.from,
  };
}
