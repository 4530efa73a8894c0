/**
 * Signing in and out. A sign-in link opens a page with one button: the link is used up by that
 * form (POST), not by opening it, so that mail scanners that fetch links cannot spend it. Before
 * a session exists, the forms carry a double-submit token (cookie and field).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import {
  linkIsValid,
  requestSignInLink,
  signInWithLink,
  signOut,
  type SessionDeps,
} from '../sessions.ts';
import { t } from '../../i18n/index.ts';
import { EMAIL, REQUESTED_LINK_MINUTES } from '../portal-settings.ts';
import { newToken, sameSecret } from '../tokens.ts';
import { ErrorSummary, TextField, type FormError } from './components.tsx';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { href, Layout, pageCtx, sendPage, type PageCtx } from './layout.tsx';
import type { PortalEnv } from './portal-env.ts';
import {
  clearSessionCookie,
  csrfCheck,
  PRE_SESSION_COOKIE,
  requireViewer,
  setSessionCookie,
} from './session-guard.ts';
import type { SignInLimiter } from './sign-in-limit.ts';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** A fresh double-submit token, set as a cookie for the form that carries it. */
function preSessionToken(c: Context<PortalEnv>): string {
  const token = getCookie(c, PRE_SESSION_COOKIE) ?? newToken();
  const site = c.get('site');
  setCookie(c, PRE_SESSION_COOKIE, token, {
    path: site.base,
    httpOnly: true,
    sameSite: 'Lax',
    secure: site.secure,
    maxAge: 3600,
  });
  return token;
}

const RequestLinkForm = (p: {
  ctx: PageCtx;
  pre: string;
  email?: string;
  error?: FormError | null;
}) => (
  <form method="post" action={href(p.ctx, '/sign-in')} novalidate>
    <input type="hidden" name="_csrf" value={p.pre} />
    <TextField
      name="email"
      label={t('signIn.emailLabel')}
      type="email"
      autocomplete="email"
      value={p.email}
      required
      maxlength={254}
      error={p.error}
    />
    <button type="submit">{t('signIn.sendLink')}</button>
  </form>
);

export function createSignInRoutes(deps: SessionDeps, limiter: SignInLimiter): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();

  // Before the body is read: the cheapest check first.
  const limited: MiddlewareHandler<PortalEnv> = async function signInLimitMiddleware(c, next) {
    const wait = await limiter.take(c);
    if (wait === 0) return next();
    c.header('Retry-After', String(wait));
    return errorPage(c, 429, t('error.tooManyAttempts', { seconds: wait }));
  };

  const signInPage = (
    c: Context<PortalEnv>,
    opts: { sent?: boolean; email?: string; error?: FormError | null },
    status = 200,
  ) => {
    const ctx = pageCtx(c, deps.clock.now());
    return sendPage(
      c,
      <Layout ctx={ctx} title={t('signIn.title')}>
        <h1>{t('signIn.heading')}</h1>
        {opts.sent && (
          <div class="notice done" role="status">
            <p>{t('signIn.sent', { minutes: REQUESTED_LINK_MINUTES })}</p>
          </div>
        )}
        <ErrorSummary error={opts.error} />
        <p>{t('signIn.intro')}</p>
        <RequestLinkForm ctx={ctx} pre={preSessionToken(c)} email={opts.email} error={opts.error} />
      </Layout>,
      status,
    );
  };

  app.get('/sign-in', (c) => signInPage(c, { sent: c.req.query('sent') === '1' }));

  app.post('/sign-in', limited, formBody(), async (c) => {
    const form = c.var.form;
    if (!sameSecret(form._csrf, getCookie(c, PRE_SESSION_COOKIE))) {
      return errorPage(c, 403, t('signIn.formExpired'));
    }
    const email = (form.email ?? '').trim();
    if (email.length > 254 || !EMAIL.test(email)) {
      return signInPage(
        c,
        {
          email,
          error: { field: 'email', message: t('signIn.badEmail') },
        },
        400,
      );
    }
    await requestSignInLink(deps, email);
    return c.redirect(`${c.var.site.base}/sign-in?sent=1`, 303);
  });

  const invalidLink = (c: Context<PortalEnv>) => {
    const ctx = pageCtx(c, deps.clock.now());
    return sendPage(
      c,
      <Layout ctx={ctx} title={t('error.title.410')}>
        <h1>{t('signIn.invalidHeading')}</h1>
        <p>{t('signIn.invalidText')}</p>
        <RequestLinkForm ctx={ctx} pre={preSessionToken(c)} />
      </Layout>,
      410,
    );
  };

  app.get('/sign-in/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token) || !(await linkIsValid(deps, token))) return invalidLink(c);
    const ctx = pageCtx(c, deps.clock.now());
    return sendPage(
      c,
      <Layout ctx={ctx} title={t('signIn.title')}>
        <h1>{t('signIn.linkHeading', { vendor: ctx.site.vendorName })}</h1>
        <p>{t('signIn.linkText')}</p>
        <form method="post" action={href(ctx, `/sign-in/${token}`)}>
          <input type="hidden" name="_csrf" value={preSessionToken(c)} />
          <button type="submit">{t('signIn.button')}</button>
        </form>
      </Layout>,
    );
  });

  app.post('/sign-in/:token', limited, formBody(), async (c) => {
    if (!sameSecret(c.var.form._csrf, getCookie(c, PRE_SESSION_COOKIE))) {
      return errorPage(c, 403, t('signIn.linkFormExpired'));
    }
    const token = c.req.param('token');
    const session = TOKEN.test(token) ? await signInWithLink(deps, token) : null;
    if (!session) return invalidLink(c);
    setSessionCookie(c, c.var.site, session.cookie, session.expiresAt);
    return c.redirect(`${c.var.site.base}/home`, 303);
  });

  app.post('/sign-out', requireViewer(deps), formBody(), csrfCheck(), async (c) => {
    await signOut(deps, c.var.viewer.session);
    clearSessionCookie(c, c.var.site);
    return c.redirect(`${c.var.site.base}/sign-in`, 303);
  });

  return app;
}
