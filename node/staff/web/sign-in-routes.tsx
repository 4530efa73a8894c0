/**
 * The console's sign-in pages: password (with a TOTP code when the person has one), one-time
 * links (opening one shows a button; pressing it, a POST, signs in, so that mail scanners that
 * fetch links cannot spend them), and single sign-on when an identity provider is connected.
 * Every form carries a double-submit token; a per-address limit slows down guessing, and the
 * per-account lockout is in sign-in.ts.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Clock } from '../../clock.ts';
import type { ClientAddressOf } from '../../http/client-address.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { TextField } from '../../portal/web/components.tsx';
import { errorPage } from '../../portal/web/error-page.tsx';
import { consoleFormBody } from './console-form.ts';
import { createAttemptBuckets } from '../../http/attempt-buckets.ts';
import { sameSecret } from '../../portal/tokens.ts';
import {
  signInWithLink,
  signInWithPassword,
  staffLinkIsValid,
  type SignInRefusal,
} from '../sign-in.ts';
import { EMAILED_LINK_MINUTES, mailStaffSignInLink, type SignInMailDeps } from '../sign-in-mail.ts';
import { readStaffSettings } from '../staff-settings.ts';
import { EMAIL, readPortalSettings } from '../../portal/portal-settings.ts';
import { landingUrl, type ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, Refusal, sendPage, siteOf } from './console-layout.tsx';
import { CONSOLE_PRE_COOKIE, preSessionToken, setConsoleSession } from './console-cookies.ts';

export const SIGN_IN_PER_MINUTE = 20;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const REFUSALS: Record<SignInRefusal, { status: number; message: MessageKey }> = {
  sign_in_failed: { status: 401, message: 'refusal.sign_in_failed' },
  account_locked: { status: 423, message: 'refusal.account_locked' },
  totp_required: { status: 401, message: 'refusal.totp_required' },
  totp_setup_required: { status: 403, message: 'refusal.totp_setup_required' },
  link_invalid: { status: 410, message: 'refusal.link_invalid' },
};

export interface SignInRouteOptions {
  clientAddress: ClientAddressOf;
  clock: Clock;
  /** Mounted by oidc-routes.tsx when single sign-on is available. */
  oidcStartPath: string;
}

export function createConsoleSignInRoutes(
  deps: SignInMailDeps,
  options: SignInRouteOptions,
): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  // The node's count, shared by its processes on PostgreSQL (attempt-buckets.ts).
  const buckets = createAttemptBuckets(
    { rateBuckets: deps.store.rateBuckets, clock: options.clock },
    { name: 'console-sign-in', perMinute: SIGN_IN_PER_MINUTE, maxKeys: 10_000 },
  );

  const limited: MiddlewareHandler<ConsoleEnv> = async function consoleSignInLimit(c, next) {
    const wait = await buckets.take(options.clientAddress(c));
    if (wait === 0) return next();
    c.header('Retry-After', String(wait));
    return errorPage(c, 429, t('console.tooManyAttempts', { seconds: wait }));
  };

  const preChecked: MiddlewareHandler<ConsoleEnv> = async function consolePreCsrf(c, next) {
    if (!sameSecret(c.var.form._csrf, getCookie(c, CONSOLE_PRE_COOKIE))) {
      return errorPage(c, 403, t('signIn.formExpired'));
    }
    await next();
  };

  const signInPage = async (
    c: Context<ConsoleEnv>,
    opts: { email?: string; refusal?: SignInRefusal; sent?: boolean; badEmail?: boolean },
  ) => {
    const site = siteOf(c);
    const { oidc, smtp } = await deps.store.read(async (tx) => ({
      oidc: (await readStaffSettings(tx)).oidc,
      smtp: (await readPortalSettings(tx)).smtp,
    }));
    const refusal = opts.refusal && REFUSALS[opts.refusal];
    return sendPage(
      c,
      <ConsoleLayout site={site} title={t('signIn.title')}>
        <h1>{t('console.signIn.heading')}</h1>
        {refusal && <Refusal code={opts.refusal!} message={t(refusal.message)} />}
        {opts.sent && (
          <div class="notice done" role="status">
            <p>{t('console.signIn.linkSent', { minutes: EMAILED_LINK_MINUTES })}</p>
          </div>
        )}
        {oidc && (
          <p>
            <a class="button" href={`${site.base}${options.oidcStartPath}`}>
              {t('console.signIn.oidc')}
            </a>
          </p>
        )}
        <form method="post" action={`${site.base}/sign-in`} novalidate>
          <input type="hidden" name="_csrf" value={preSessionToken(c, site)} />
          <TextField
            name="email"
            label={t('console.email')}
            type="email"
            autocomplete="username"
            value={opts.email}
            required
            maxlength={254}
          />
          <TextField
            name="password"
            label={t('console.password')}
            type="password"
            autocomplete="current-password"
            required
            maxlength={256}
          />
          <TextField
            name="code"
            label={t('console.signIn.code')}
            hint={t('console.signIn.codeHint')}
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={6}
          />
          <button type="submit">{t('signIn.button')}</button>
        </form>
        {smtp ? (
          <form method="post" action={`${site.base}/sign-in-link`} novalidate>
            <h2>{t('console.signIn.linkFormHeading')}</h2>
            <p>{t('console.signIn.linkIntro', { minutes: EMAILED_LINK_MINUTES })}</p>
            <input type="hidden" name="_csrf" value={preSessionToken(c, site)} />
            <TextField
              name="address"
              label={t('console.signIn.linkEmailLabel')}
              type="email"
              autocomplete="username"
              required
              maxlength={254}
              error={opts.badEmail ? { field: 'address', message: t('signIn.badEmail') } : null}
            />
            <button type="submit">{t('console.signIn.linkSend')}</button>
          </form>
        ) : (
          <p>{t('console.signIn.noPassword')}</p>
        )}
      </ConsoleLayout>,
      refusal?.status ?? (opts.badEmail ? 400 : 200),
    );
  };

  app.get('/sign-in', (c) => signInPage(c, { sent: c.req.query('sent') === '1' }));

  // The same answer for every well-formed address, before anything is looked up: the link is
  // made and mailed afterwards (sign-in-mail.ts), so the time taken tells nothing either.
  app.post('/sign-in-link', limited, consoleFormBody(), preChecked, async (c) => {
    // `address`, not `email`: the password form on the same page has that field.
    const email = (c.var.form.address ?? '').trim();
    if (email.length > 254 || !EMAIL.test(email)) {
      return signInPage(c, { badEmail: true });
    }
    void mailStaffSignInLink(deps, email, options.clientAddress(c));
    return c.redirect(`${siteOf(c).base}/sign-in?sent=1`, 303);
  });

  app.post('/sign-in', limited, consoleFormBody(), preChecked, async (c) => {
    const form = c.var.form;
    const email = (form.email ?? '').trim().slice(0, 254);
    const result = await signInWithPassword(deps, {
      email,
      password: form.password ?? '',
      code: form.code ?? '',
      address: options.clientAddress(c),
    });
    if (!result.ok) return signInPage(c, { email, refusal: result.code });
    setConsoleSession(c, siteOf(c), result.cookie, result.expiresAt);
    return c.redirect(landingUrl(siteOf(c)), 303);
  });

  const invalidLink = (c: Context<ConsoleEnv>) => signInPage(c, { refusal: 'link_invalid' });

  app.get('/sign-in/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token) || !(await staffLinkIsValid(deps, token))) return invalidLink(c);
    const site = siteOf(c);
    return sendPage(
      c,
      <ConsoleLayout site={site} title={t('signIn.title')}>
        <h1>{t('console.signIn.linkHeading', { vendor: site.vendorName })}</h1>
        <p>{t('signIn.linkText')}</p>
        <form method="post" action={`${site.base}/sign-in/${token}`}>
          <input type="hidden" name="_csrf" value={preSessionToken(c, site)} />
          <button type="submit">{t('signIn.button')}</button>
        </form>
      </ConsoleLayout>,
    );
  });

  app.post('/sign-in/:token', limited, consoleFormBody(), preChecked, async (c) => {
    const token = c.req.param('token');
    const result = TOKEN.test(token)
      ? await signInWithLink(deps, token, options.clientAddress(c))
      : ({ ok: false, code: 'link_invalid' } as const);
    if (!result.ok) return invalidLink(c);
    setConsoleSession(c, siteOf(c), result.cookie, result.expiresAt);
    return c.redirect(landingUrl(siteOf(c)), 303);
  });

  return app;
}
