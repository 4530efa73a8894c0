/** The Hono environment of the portal's routers: what the middleware hands to the pages. */
import type { LanguageVariables } from '../../i18n/index.ts';
import type { PortalViewer } from '../sessions.ts';

/** A submitted form: one value per field. */
export type FormValues = Record<string, string>;

/** What every page needs to know about the site it is part of. */
export interface Site {
  /** The path the portal is served under, e.g. `/portal` (more when the node URL has a path). */
  base: string;
  vendorName: string;
  /** Cookies get the Secure flag when the node's URL is https. */
  secure: boolean;
}

export interface PortalEnv {
  Variables: LanguageVariables & {
    site: Site;
    viewer: PortalViewer;
    form: FormValues;
  };
}
