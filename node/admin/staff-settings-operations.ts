/**
 * The staff settings (second factor policy, session and link lifetimes, lockout), declared once:
 * read and changed by owners and admins, as `partner-sync staff settings` does from the CLI.
 * Single sign-on stays a CLI setting: its client secret should not travel through a form.
 */
import { z } from 'zod';
import { ROLES } from '../domain-kernel/roles.ts';
import { SETTING_BOUNDS } from '../staff/change-staff-settings.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from './operation.ts';
import { SENSITIVE } from './role-rule.ts';

const declare = operationsOf('node');

const bounded = (key: keyof typeof SETTING_BOUNDS, description: string) =>
  z
    .number()
    .int()
    .meta({
      description: `${description} (${SETTING_BOUNDS[key].min} to ${SETTING_BOUNDS[key].max}).`,
    });

const StaffSettings = z
  .strictObject({
    requireTotp: z.boolean().meta({ description: 'Every password sign-in needs a TOTP code.' }),
    sessionIdleMinutes: bounded('sessionIdleMinutes', 'A console session unused this long ends'),
    sessionMaxHours: bounded('sessionMaxHours', 'A console session ends this long after sign-in'),
    linkHours: bounded('linkHours', 'How long a sign-in link works'),
    lockoutThreshold: bounded('lockoutThreshold', 'Failed sign-ins in a row that lock an account'),
    lockoutMinutes: bounded('lockoutMinutes', 'How long a locked account stays locked'),
    oidc: z
      .strictObject({
        issuer: z.string(),
        clientId: z.string(),
        clientSecretSet: z.boolean(),
        groupsClaim: z.string(),
        groupRoles: z.record(z.string(), z.array(z.enum(ROLES))),
      })
      .nullable()
      .meta({ description: 'Single sign-on (set with the CLI); null when off.' }),
  })
  .meta({ id: 'StaffSettings' });

export const getStaffSettings = declare(
  {
    method: 'get',
    path: '/staff/settings',
    operationId: 'getStaffSettings',
    roles: SENSITIVE,
    summary: 'The staff settings: second factor, sessions, lockout, single sign-on',
    description:
      'How the company’s people sign in: whether a TOTP second factor is mandatory, session and sign-in link lifetimes, the per-account lockout, and single sign-on (its client secret only as whether one is set). Owners and admins only.',
  },
  { responses: { 200: jsonResponse('The staff settings.', StaffSettings) } },
);

export const changeStaffSettings = declare(
  {
    method: 'patch',
    path: '/staff/settings',
    operationId: 'changeStaffSettings',
    roles: SENSITIVE,
    body: 'required',
    summary: 'Change the staff settings (make a second factor mandatory, sessions, lockout)',
    description:
      'Changes the settings given and leaves the others; recorded in the audit trail as settings.staff with what changed. A value out of its bounds is refused with 400 invalid_setting and nothing is changed. Owners and admins only; single sign-on is set with the CLI.',
  },
  {
    request: {
      body: jsonRequest(
        z
          .strictObject({
            requireTotp: z.boolean().optional(),
            sessionIdleMinutes: z.number().int().optional(),
            sessionMaxHours: z.number().int().optional(),
            linkHours: z.number().int().optional(),
            lockoutThreshold: z.number().int().optional(),
            lockoutMinutes: z.number().int().optional(),
          })
          .meta({ id: 'StaffSettingsChange' }),
      ),
    },
    responses: {
      200: jsonResponse('The staff settings after the change.', StaffSettings),
      400: errors[400],
    },
  },
);

export const STAFF_SETTINGS_OPERATIONS = [getStaffSettings, changeStaffSettings];
