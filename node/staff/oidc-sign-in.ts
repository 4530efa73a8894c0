/**
 * Single sign-on with OpenID Connect: authorization code flow with PKCE (S256), state and nonce,
 * through `openid-client`. The provider's groups map to roles (staff settings); at each sign-in
 * the person's roles follow their groups, a person new to the node gets an account when their
 * groups grant a role and their e-mail address is verified, and anyone else is refused.
 * Requests to the provider go through the node's SSRF guard, checked at connect time.
 */
import * as client from 'openid-client';
import { fetch as undiciFetch } from 'undici';
import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '../config/defaults.ts';
import type { Logger } from '../logger.ts';
import { createGuardedAgent } from '../net/ssrf-guard.ts';
import type { StaffUser } from '../store/staff-store.ts';
import { anonymousActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { startSession } from './console-sessions.ts';
import { DEFAULT_LANGUAGE, isActive, normalizeEmail, type StaffDeps } from './staff-accounts.ts';
import { readStaffSettings, rolesForGroups, type OidcSettings } from './staff-settings.ts';

export type OidcDeps = StaffDeps & {
  config: Pick<NodeConfig, 'allowLoopback' | 'allowPrivate'>;
  log: Logger;
};

/** What the browser must bring back: kept on the server, keyed by a cookie. */
export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

export type OidcRefusal =
  'oidc_failed' | 'oidc_no_role' | 'staff_removed' | 'oidc_email_unverified';

const DISCOVERY_TTL_MS = 10 * 60_000;

export function createOidcClient(deps: OidcDeps) {
  const agent = createGuardedAgent(
    { allowLoopback: deps.config.allowLoopback, allowPrivate: deps.config.allowPrivate },
    { connectTimeoutMs: 10_000 },
  );
  const guardedFetch: client.CustomFetch = async (url, options) =>
    undiciFetch(url, {
      ...(options as object),
      dispatcher: await agent,
    }) as unknown as Promise<Response>;
  let cached: { key: string; at: number; config: client.Configuration } | null = null;

  async function configuration(oidc: OidcSettings): Promise<client.Configuration> {
    const key = `${oidc.issuer}\n${oidc.clientId}\n${oidc.clientSecret}`;
    if (cached && cached.key === key && Date.now() - cached.at < DISCOVERY_TTL_MS)
      return cached.config;
    const issuer = new URL(oidc.issuer);
    const config = await client.discovery(
      issuer,
      oidc.clientId,
      oidc.clientSecret,
      client.ClientSecretBasic(oidc.clientSecret),
      {
        [client.customFetch]: guardedFetch,
        // Plain http only for a provider on this machine or network, as the operator allowed.
        ...(issuer.protocol === 'http:' && { execute: [client.allowInsecureRequests] }),
      },
    );
    config[client.customFetch] = guardedFetch;
    cached = { key, at: Date.now(), config };
    return config;
  }

  return {
    /** Where to send the browser, and what to remember for its return. */
    async start(oidc: OidcSettings, redirectUri: string): Promise<{ url: string; flow: OidcFlow }> {
      const config = await configuration(oidc);
      const verifier = client.randomPKCECodeVerifier();
      const flow: OidcFlow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        expiresAt: Date.now() + 10 * 60_000,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      return { url: url.href, flow };
    },

    /** Exchanges the code; the person's verified claims. Throws when the provider's answer fails a check. */
    async finish(oidc: OidcSettings, callbackUrl: URL, flow: OidcFlow) {
      const config = await configuration(oidc);
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      const claims: Record<string, unknown> = { ...info, ...idClaims };
      const raw = claims[oidc.groupsClaim] ?? info[oidc.groupsClaim];
      const groups = Array.isArray(raw)
        ? raw.filter((g): g is string => typeof g === 'string')
        : [];
      return {
        subject: `${config.serverMetadata().issuer}#${idClaims.sub}`,
        email: typeof claims.email === 'string' ? normalizeEmail(claims.email) : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name.slice(0, 200) : null,
        groups: groups.slice(0, 500),
      };
    },
  };
}

export type OidcIdentity = Awaited<ReturnType<ReturnType<typeof createOidcClient>['finish']>>;

/** Signs the person in (creating or updating their account from their groups), or refuses. */
export async function signInWithOidc(
  deps: StaffDeps,
  identity: OidcIdentity,
  address: string,
): Promise<
  { ok: true; cookie: string; expiresAt: Date; user: StaffUser } | { ok: false; code: OidcRefusal }
> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const { oidc } = await readStaffSettings(tx);
    const audit = (user: StaffUser | null, operation: string, outcome: string, detail = {}) =>
      appendAudit(tx, {
        ...anonymousActor(address, {
          staffId: user?.id ?? null,
          email: user?.email ?? identity.email,
        }),
        ...(outcome === 'ok' && { actorKind: 'session' as const }),
        at: now,
        operation,
        record: user ? `staff/${user.id}` : null,
        outcome,
        messageIds: [],
        detail,
      });
    if (!oidc) return { ok: false as const, code: 'oidc_failed' as const };
    const roles = rolesForGroups(oidc, identity.groups);
    let user =
      (await tx.staff.findUserByOidcSubject(identity.subject)) ??
      (identity.email && identity.emailVerified
        ? await tx.staff.findUserByEmail(identity.email)
        : null);
    if (user && !isActive(user)) {
      await audit(user, 'sign_in.oidc', 'staff_removed');
      return { ok: false as const, code: 'staff_removed' as const };
    }
    if (roles.length === 0) {
      await audit(user, 'sign_in.oidc', 'oidc_no_role', { groups: identity.groups.slice(0, 20) });
      return { ok: false as const, code: 'oidc_no_role' as const };
    }
    if (!user) {
      if (!identity.email || !identity.emailVerified) {
        await audit(null, 'sign_in.oidc', 'oidc_email_unverified');
        return { ok: false as const, code: 'oidc_email_unverified' as const };
      }
      user = await tx.staff.insertUser(
        {
          id: randomUUID(),
          email: identity.email,
          name: identity.name ?? identity.email,
          language: DEFAULT_LANGUAGE,
          roles,
        },
        now,
      );
      await audit(user, 'staff.add', 'ok', { email: user.email, roles, via: 'oidc' });
    } else if (user.roles.join() !== roles.join()) {
      await audit(user, 'staff.roles', 'ok', { before: user.roles, after: roles, via: 'oidc' });
    }
    await tx.staff.updateUser(user.id, { roles, oidcSubject: identity.subject }, now);
    user = (await tx.staff.getUser(user.id))!;
    const session = await startSession(tx, user, 'oidc', now);
    await audit(user, 'sign_in.oidc', 'ok');
    return { ok: true as const, ...session, user };
  });
}
