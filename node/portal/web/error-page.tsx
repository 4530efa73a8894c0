/** A page that says what went wrong, in words safe to show (never internal error text). */
import type { Context } from 'hono';
import { Layout, pageCtx, sendPage, href } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: 'The form could not be read',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Not possible now',
  410: 'Link not valid',
  413: 'Too large',
  415: 'Not accepted',
  429: 'Too many attempts',
  500: 'Something went wrong',
};

/** `code`, when given, is a stable name for the refusal, shown for support and for scripts. */
export function errorPage(
  c: Context,
  status: number,
  message: string,
  code?: string,
): Promise<Response> {
  const ctx = pageCtx(c, new Date());
  const title = TITLES[status] ?? 'Something went wrong';
  return sendPage(
    c,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {code && (
        <p class="error-code">
          Code: <code>{code}</code>
        </p>
      )}
      <p>
        <a href={href(ctx, ctx.viewer ? '/home' : '/sign-in')}>
          {ctx.viewer ? 'Back to the overview' : 'Go to sign-in'}
        </a>
      </p>
    </Layout>,
    status,
  );
}
