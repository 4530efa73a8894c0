/** The refusals of staff accounts, sign-in and tokens, each with its stable code. */
import { AppError } from '../errors.ts';

export const STAFF_CODES = {
  unknownStaff: 'staff_not_found',
  removed: 'staff_removed',
  exists: 'staff_exists',
  badRole: 'invalid_role',
  roleNotHeld: 'role_not_held',
  lastOwner: 'last_owner',
  tokenNotFound: 'token_not_found',
  tokenRevoked: 'token_revoked',
  tokenExpired: 'token_expired',
  forbiddenRole: 'forbidden_role',
} as const;

export const staffNotFound = (email: string) =>
  new AppError(404, STAFF_CODES.unknownStaff, `no staff account with the e-mail ${email}`);
