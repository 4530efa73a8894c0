/** The Hono environment of the staff console's routers. */
import type { Principal } from '../../domain-kernel/roles.ts';
import type { LanguageVariables } from '../../i18n/index.ts';
import type { FormValues, Site } from '../../portal/web/portal-env.ts';
import type { ConsoleViewer } from '../console-sessions.ts';
import type { AdminApi } from './console-api.ts';

export interface ConsoleSite extends Site {
  /** The node's own path: the session cookie's path, so that /api sees it too. */
  cookiePath: string;
}

export interface ConsoleEnv {
  Variables: LanguageVariables & {
    /** `site` as the portal's shared parts (forms, error pages) read it. */
    site: ConsoleSite;
    staffViewer: ConsoleViewer;
    form: FormValues;
    /** The admin API, called in-process (console-api.ts). */
    adminApi: AdminApi;
    /** The person's unread notifications, for the navigation (console-routes.tsx). */
    unreadNotifications: number;
    /** Set when the person's roles refused the request (console-page-kit.tsx, roleRefusal). */
    refusedRole?: true;
  };
}

export function principalOfViewer(viewer: ConsoleViewer): Principal {
  return {
    kind: 'session',
    staffId: viewer.user.id,
    email: viewer.user.email,
    roles: viewer.user.roles,
    tokenId: null,
  };
}

/** Where a person lands after signing in: their work queue. */
export const landingUrl = (site: Pick<ConsoleSite, 'base'>): string => `${site.base}/today`;
