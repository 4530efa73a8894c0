/** How portal partners, users and notifications are shown to the operator (admin API and CLI). */
import type { PortalNotification, PortalPartner, PortalUser } from '../../store/portal-store.ts';
import type { Partner } from '../../store/types.ts';
import { iso } from '../../records/iso-time.ts';

export function portalUserView(u: PortalUser) {
  return {
    id: u.id,
    partnerId: u.partnerId,
    email: u.email,
    name: u.name,
    createdAt: iso(u.createdAt),
    revokedAt: iso(u.revokedAt),
    lastSignInAt: iso(u.lastSignInAt),
    language: u.language,
  };
}

export function portalPartnerView(partner: Partner, portal: PortalPartner, users: PortalUser[]) {
  return {
    id: partner.id,
    nodeId: partner.nodeId,
    name: partner.name,
    partnerType: partner.partnerType,
    relationship: partner.relationship,
    allowedKinds: partner.allowedKinds,
    status: partner.status,
    access: portal.revokedAt ? ('revoked' as const) : ('granted' as const),
    revokedAt: iso(portal.revokedAt),
    createdAt: iso(portal.createdAt),
    users: users.map(portalUserView),
  };
}

export function notificationState(n: PortalNotification): 'queued' | 'sent' | 'failed' {
  return n.sentAt ? 'sent' : n.failedAt ? 'failed' : 'queued';
}

export function notificationView(n: PortalNotification) {
  return {
    id: n.id,
    userId: n.userId,
    partnerId: n.partnerId,
    type: n.type,
    subject: n.subject,
    body: n.body,
    path: n.path,
    state: notificationState(n),
    attempts: n.attempts,
    createdAt: iso(n.createdAt),
    nextAttemptAt: iso(n.nextAttemptAt),
    sentAt: iso(n.sentAt),
    failedAt: iso(n.failedAt),
    lastError: n.lastError,
  };
}
