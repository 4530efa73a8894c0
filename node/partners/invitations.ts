/**
 * Invitations: a one-time token that lets one company's node connect to ours with a profile we
 * chose in advance. Only the token's SHA-256 is stored; the token is shown once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PARTNER_TYPES, RELATIONSHIPS } from '../../protocol/index.ts';
import { badRequest } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Invitation, InvitationState, PartnerProfile } from '../store/types.ts';
import { defaultKinds } from './default-kinds.ts';

const TOKEN_BYTES = 32;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationState(inv: Invitation, now: Date): InvitationState {
  if (inv.revokedAt) return 'revoked';
  if (inv.usedAt) return 'used';
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

export interface InvitationInput {
  name?: unknown;
  partnerType?: unknown;
  relationship?: unknown;
  kinds?: unknown;
}

/** Checks an operator's invitation or partner profile input; every bad field is a 400 naming it. */
export function parsePartnerProfile(input: InvitationInput, knownKinds: string[]): PartnerProfile {
  const { name, partnerType, relationship, kinds } = input;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw badRequest('invalid_field', 'name must be 1 to 200 characters', 'name');
  }
  if (
    typeof partnerType !== 'string' ||
    !(PARTNER_TYPES as readonly string[]).includes(partnerType)
  ) {
    throw badRequest(
      'invalid_field',
      `partnerType must be one of ${PARTNER_TYPES.join(', ')}`,
      'partnerType',
    );
  }
  if (
    typeof relationship !== 'string' ||
    !(RELATIONSHIPS as readonly string[]).includes(relationship)
  ) {
    throw badRequest(
      'invalid_field',
      `relationship must be one of ${RELATIONSHIPS.join(', ')}`,
      'relationship',
    );
  }
  let allowedKinds = defaultKinds(partnerType, relationship);
  if (kinds !== undefined) {
    if (!Array.isArray(kinds) || kinds.some((k) => typeof k !== 'string')) {
      throw badRequest('invalid_field', 'kinds must be a list of message kinds', 'kinds');
    }
    const unknown = kinds.filter(
      (k: string) => !knownKinds.includes(k) && !allowedKinds.includes(k),
    );
    if (unknown.length > 0) {
      throw badRequest('invalid_field', `unknown message kinds: ${unknown.join(', ')}`, 'kinds');
    }
    allowedKinds = [...new Set(kinds as string[])].sort();
  }
  return { name: name.trim(), partnerType, relationship, allowedKinds };
}

export async function createInvitation(
  deps: { store: Store; now: Date; ttlMs: number },
  profile: PartnerProfile,
): Promise<{ token: string; invitation: Invitation }> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const invitation = await deps.store.transact((tx) =>
    tx.invitations.create({
      id: randomUUID(),
      tokenHash: hashToken(token),
      profile,
      createdAt: deps.now,
      expiresAt: new Date(deps.now.getTime() + deps.ttlMs),
    }),
  );
  return { token, invitation };
}
