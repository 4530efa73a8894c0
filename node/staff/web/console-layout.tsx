/** The frame of the console's pages, with the portal's stylesheet and form parts. */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { ConsoleViewer } from '../console-sessions.ts';
import type { ConsoleSite } from './console-env.ts';

export { sendPage } from '../../portal/web/layout.tsx';

export const ConsoleLayout: FC<{
  site: ConsoleSite;
  title: string;
  viewer?: ConsoleViewer | null;
  children?: Child;
}> = ({ site, title, viewer, children }) => (
  <html lang={viewer?.user.language ?? 'en'}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · ${site.vendorName} console`}</title>
      <link rel="stylesheet" href={`${site.base}/assets/portal.css`} />
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <p class="brand">{site.vendorName} · Staff console</p>
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
    </body>
  </html>
);

/** A refusal shown on a page: the words for people, the stable code for support and scripts. */
export const Refusal: FC<{ code: string; message: string }> = ({ code, message }) => (
  <div class="notice error" role="alert" data-code={code}>
    <p>{message}</p>
    <p class="hint">Code: {code}</p>
  </div>
);

export const siteOf = (c: Context): ConsoleSite => c.get('site') as ConsoleSite;
