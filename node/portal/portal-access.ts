/**
 * What the vendor does about portal access, for the admin API and the CLI alike: invite a partner
 * to the portal (a partners row like any other, with a key pair the node holds for it), add its
 * users, make one-time sign-in links, and revoke access at once (every session ends).
 */
import { randomUUID } from 'node:crypto';
import { generateKeyPair } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { invalidField } from '../domain-kernel/input-fields.ts';
import { getPartnerByRef } from '../partners/partner-ref.ts';
import { MIB } from '../config/defaults.ts';
import { isLocale, LOCALES, type Locale as Language } from '../i18n/locales.ts';
import type { LinkPurpose, PortalPartner, PortalUser } from '../store/portal-store.ts';
import { parseInput } from '../input/parse-input.ts';
import { PortalUserInput } from './portal-schemas.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner, PartnerProfile } from '../store/types.ts';
import { portalNodeId, portalUrl } from './portal-ids.ts';
import { EMAIL, readPortalSettings } from './portal-settings.ts';
import { hashToken, newToken } from './tokens.ts';

export type PortalAccessDeps = Pick<NodeDeps, 'store' | 'clock' | 'nodeId'>;

export interface UserInput {
  email: string;
  name: string;
  /** The language of the user's pages and e-mails, as the inviting company chose; null: theirs. */
  language?: Language | null;
}

export interface IssuedLink {
  /** Shown once: only its hash is kept. */
  url: string;
  expiresAt: Date;
}

/** A portal partner: its partners row and the portal's own record of it. */
export interface PortalPartnerRecord {
  partner: Partner;
  portal: PortalPartner;
}

export function parseUserInput(raw: unknown, prefix = ''): UserInput {
  const { email, name, language } = parseInput(PortalUserInput, raw);
  if (typeof email !== 'string' || email.length > 254 || !EMAIL.test(email.trim())) {
    throw invalidField(`${prefix}email`, `${prefix}email must be an e-mail address`);
  }
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200 || /[\r\n]/.test(name)) {
    throw invalidField(
      `${prefix}name`,
      `${prefix}name must be a single line of 1 to 200 characters`,
    );
  }
  if (language !== undefined && language !== null && !isLocale(language)) {
    throw invalidField(
      `${prefix}language`,
      `${prefix}language must be one of: ${LOCALES.join(', ')}`,
    );
  }
  return {
    email: email.trim().toLowerCase(),
    name: name.trim(),
    ...(language !== undefined && { language: language as Language | null }),
  };
}

/** The portal partner named by a partner id or node id; 404 for any other partner. */
export async function findPortalPartner(tx: StoreTx, ref: string): Promise<PortalPartnerRecord> {
  const partner = await getPartnerByRef(tx, ref);
  const portal = partner ? await tx.portal.getPartner(partner.id) : null;
  if (!partner || !portal) throw notFound(`portal partner ${ref}`);
  return { partner, portal };
}

export async function getPortalUser(tx: StoreTx, id: number): Promise<PortalUser> {
  const user = await tx.portal.getUser(id);
  if (!user) throw notFound(`portal user ${id}`);
  return user;
}

async function createUser(
  tx: StoreTx,
  partnerId: number,
  input: UserInput,
  now: Date,
): Promise<PortalUser> {
  if (await tx.portal.findUserByEmail(input.email)) {
    throw conflict('email_taken', `a portal user with the address ${input.email} exists already`);
  }
  return tx.portal.insertUser({
    partnerId,
    email: input.email,
    name: input.name,
    language: input.language ?? null,
    at: now,
  });
}

/** Makes a one-time link for `user`, in the caller's unit of work. */
export async function issueLinkInTx(
  tx: StoreTx,
  nodeId: string,
  user: PortalUser,
  purpose: LinkPurpose,
  now: Date,
  expiresAt: Date,
): Promise<IssuedLink> {
  const token = newToken();
  await tx.portal.insertLink({
    userId: user.id,
    tokenHash: hashToken(token),
    purpose,
    at: now,
    expiresAt,
  });
  return { url: portalUrl(nodeId, `/sign-in/${token}`), expiresAt };
}

async function inviteLink(tx: StoreTx, deps: PortalAccessDeps, user: PortalUser, now: Date) {
  const { linkHours } = await readPortalSettings(tx);
  return issueLinkInTx(
    tx,
    deps.nodeId,
    user,
    'invite',
    now,
    new Date(now.getTime() + linkHours * 3600_000),
  );
}

/**
 * Creates a portal partner: a partners row (active, its allowed kinds from its profile) whose node
 * id lies under ours and whose key pair the node generates and keeps; and, when given, its first
 * user with a sign-in link. All in one unit of work.
 */
export async function invitePortalPartner(
  deps: PortalAccessDeps,
  input: { profile: PartnerProfile; user?: UserInput },
): Promise<PortalPartnerRecord & { user: PortalUser | null; link: IssuedLink | null }> {
  const keys = await generateKeyPair();
  const uid = randomUUID();
  const nodeId = portalNodeId(deps.nodeId, uid);
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const partner = await tx.partners.saveConnected({
      endpoint: {
        nodeId,
        // Never called: messages to a portal partner are settled locally (portal-transport.ts).
        inboxUrl: `${nodeId}/inbox`,
        jwksUrl: `${nodeId}/jwks.json`,
        maxBatch: 100,
        maxBodyBytes: MIB,
        keys: [keys.publicJwk],
      },
      profile: input.profile,
      invitationId: null,
      at: now,
    });
    const portal = await tx.portal.insertPartner({
      partnerId: partner.id,
      uid,
      privateJwk: keys.privateJwk,
      at: now,
    });
    if (!input.user) return { partner, portal, user: null, link: null };
    const user = await createUser(tx, partner.id, input.user, now);
    return { partner, portal, user, link: await inviteLink(tx, deps, user, now) };
  });
}

function assertOpen(record: PortalPartnerRecord): void {
  if (record.partner.status === 'removed') {
    throw new AppError(409, 'partner_removed', `partner ${record.partner.id} was removed`);
  }
}

export async function addPortalUser(
  deps: PortalAccessDeps,
  partnerRef: string,
  input: UserInput,
): Promise<{ user: PortalUser; link: IssuedLink }> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const record = await findPortalPartner(tx, partnerRef);
    assertOpen(record);
    const user = await createUser(tx, record.partner.id, input, now);
    return { user, link: await inviteLink(tx, deps, user, now) };
  });
}

/**
 * A new one-time link for a user; the links made before stay valid until used, expired or spent by
 * a revocation.
 */
export async function issueSignInLink(deps: PortalAccessDeps, userId: number): Promise<IssuedLink> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const user = await getPortalUser(tx, userId);
    if (user.revokedAt) throw conflict('user_revoked', `portal user ${userId} was revoked`);
    const portal = await tx.portal.getPartner(user.partnerId);
    if (portal?.revokedAt) {
      throw conflict('portal_revoked', `the portal access of partner ${user.partnerId} is revoked`);
    }
    const partner = await tx.partners.getById(user.partnerId);
    if (partner) assertOpen({ partner, portal: portal! });
    return inviteLink(tx, deps, user, now);
  });
}

/** Ends a user's access for good: its sessions end now, its unused links are spent. */
export async function revokePortalUser(
  deps: PortalAccessDeps,
  userId: number,
): Promise<PortalUser> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const user = await getPortalUser(tx, userId);
    await tx.portal.revokeUser(user.id, now);
    await tx.portal.endSessions({ userId: user.id }, now);
    // Spent, not just refused while revoked: no later change of heart can revive a link.
    await tx.portal.spendLinks({ userId: user.id }, now);
    return { ...user, revokedAt: user.revokedAt ?? now };
  });
}

/**
 * Revokes (or restores) the access of every user of a portal partner; on revocation sessions end
 * and unused links are spent at once, so restoring access later revives neither.
 */
export async function setPortalAccess(
  deps: PortalAccessDeps,
  partnerRef: string,
  access: 'revoke' | 'restore',
): Promise<PortalPartnerRecord> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const record = await findPortalPartner(tx, partnerRef);
    const revokedAt = access === 'revoke' ? (record.portal.revokedAt ?? now) : null;
    await tx.portal.setPartnerRevoked(record.partner.id, revokedAt, now);
    if (access === 'revoke') {
      await tx.portal.endSessions({ partnerId: record.partner.id }, now);
      // Restoring access later must not bring back the links sent before: users ask for new ones.
      await tx.portal.spendLinks({ partnerId: record.partner.id }, now);
    }
    return { ...record, portal: { ...record.portal, revokedAt, updatedAt: now } };
  });
}
