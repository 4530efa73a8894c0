/**
 * What an operator may send about the partner portal (inviting a partner, its users, moving it to
 * a node of its own, the portal settings), as zod schemas. The portal's parsers read input
 * through them, then normalize (trimmed, lower-case e-mail) and check the rest.
 */
import { LOCALES } from '../i18n/locales.ts';
import { EMAIL } from '../input/email-pattern.ts';
import { z } from 'zod';
import { MAX_INVITATION_TTL_HOURS } from '../partners/partner-schemas.ts';
import { LINK_HOURS, SESSION_HOURS } from './portal-settings.ts';

export { EMAIL };

export { LINK_HOURS, SESSION_HOURS };

export const NOTIFICATION_STATES = ['queued', 'sent', 'failed'] as const;

export const PortalUserInput = z
  .strictObject({
    email: z
      .string({ error: 'must be an e-mail address' })
      .max(254, { error: 'must be an e-mail address' })
      .refine((v) => EMAIL.test(v.trim()), { error: 'must be an e-mail address' })
      .meta({ format: 'email' }),
    name: z.string({ error: 'must be a single line of 1 to 200 characters' }).max(200),
    language: z
      .enum(LOCALES, { error: `must be one of: ${LOCALES.join(', ')}` })
      .nullable()
      .optional()
      .meta({
        description: "The user's language for pages and e-mails; the node's default when absent.",
      }),
  })
  .meta({ id: 'PortalUserInput' });

export const PortalInviteRequest = z
  .strictObject({
    name: z.string().max(200),
    partnerType: z.string().max(100).optional().meta({ description: 'Default reseller.' }),
    relationship: z.string().max(100).optional().meta({ description: 'Default strategic.' }),
    kinds: z
      .array(z.string().max(200))
      .max(1000)
      .optional()
      .meta({ description: 'Kinds it may send; defaults from its type.' }),
    user: PortalUserInput.optional(),
  })
  .meta({ id: 'PortalInviteRequest' });

export const PortalMoveRequest = z
  .strictObject({
    nodeId: z
      .string()
      .min(1)
      .max(2048)
      .meta({ description: "The partner's own node id (its URL)." }),
    ttlHours: z
      .number()
      .int()
      .min(1)
      .max(MAX_INVITATION_TTL_HOURS)
      .optional()
      .meta({ description: 'How long the invitation lasts.' }),
  })
  .meta({ id: 'PortalMoveRequest' });

const hours = (bounds: { min: number; max: number }) =>
  z
    .number({ error: `must be a whole number from ${bounds.min} to ${bounds.max}` })
    .int()
    .min(bounds.min)
    .max(bounds.max);

export const PortalSettingsPatch = z
  .strictObject({
    smtp: z
      .strictObject({
        host: z.string().max(253),
        port: z.number().int().min(1).max(65535).optional().meta({ default: 587 }),
        secure: z
          .boolean()
          .optional()
          .meta({ description: 'TLS from the start; default: port is 465.' }),
        user: z.string().max(200).nullable().optional(),
        password: z.string().max(500).nullable().optional(),
        from: z.string().max(254).meta({ format: 'email' }),
      })
      .nullable()
      .optional()
      .meta({ description: 'null turns e-mail off.' }),
    sessionHours: hours(SESSION_HOURS).optional(),
    linkHours: hours(LINK_HOURS).optional(),
  })
  .meta({ id: 'PortalSettingsPatch' });
