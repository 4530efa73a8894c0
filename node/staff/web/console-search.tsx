/**
 * The search box of every console page and its results: the admin API's GET /search, which
 * searches only the kinds the person may list; each hit links to its page in the console when
 * the person may open that area. A GET form, so it works without script and a search is a link.
 */
import { Hono, type Context } from 'hono';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Status, TextField } from '../../portal/web/components.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import { maySee, type AreaKey } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, sendPage, siteOf } from './console-layout.tsx';
import { areaHref } from './console-page-kit.tsx';
import { ErrorSummary } from '../../portal/web/components.tsx';

type Kind = 'partner' | 'lead' | 'deal' | 'request' | 'order';

interface Hit {
  kind: Kind;
  id: string;
  title: string;
  ref: string;
  status: string | null;
}

/** Where each kind's hits are shown, and the console page of one (leads have none of their own). */
const KINDS: Record<Kind, { heading: MessageKey; area: AreaKey; page: (h: Hit) => string }> = {
  partner: { heading: 'console.search.partners', area: 'partners', page: (h) => `/${h.id}` },
  lead: { heading: 'console.search.leads', area: 'leads', page: () => '' },
  deal: { heading: 'console.search.deals', area: 'deals', page: (h) => `/${h.id}` },
  request: { heading: 'console.search.requests', area: 'service', page: (h) => `/${h.id}` },
  order: { heading: 'console.search.orders', area: 'orders', page: (h) => `/${h.id}` },
};

/** The search form, as the search page shows it. */
export function SearchForm(props: { c: Context<ConsoleEnv>; q: string; error?: unknown }) {
  return (
    <form method="get" action={`${siteOf(props.c).base}/search`} role="search">
      <TextField
        name="q"
        label={t('console.search.label')}
        hint={t('console.search.hint')}
        type="search"
        value={props.q}
        maxlength={100}
        required
        error={props.error as never}
      />
      <button type="submit">{t('console.search.button')}</button>
    </form>
  );
}

export function createSearchPage(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const viewer = c.var.staffViewer;
    const res =
      q === ''
        ? null
        : await callAdminApi<{ kinds: Kind[]; hits: Hit[] }>(
            c,
            'GET',
            `/search?${new URLSearchParams({ q })}`,
          );
    const error = res && !res.ok ? refusalAsFormError(res.error, 'q') : undefined;
    const found = res?.ok ? res.data : null;
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout site={siteOf(c)} title={t('console.search.title')} viewer={viewer}>
        <h1>{t('console.search.title')}</h1>
        <ErrorSummary error={error} />
        <SearchForm c={c} q={q} error={error} />
        {found && found.hits.length === 0 && <p>{t('console.search.none', { q })}</p>}
        {found &&
          found.kinds.map((kind) => {
            const hits = found.hits.filter((h) => h.kind === kind);
            if (hits.length === 0) return null;
            const spec = KINDS[kind];
            const linked = maySee(viewer.user, spec.area);
            return (
              <section aria-labelledby={`search-${kind}`}>
                <h2 id={`search-${kind}`}>{t(spec.heading)}</h2>
                <ul class="cards" id={`hits-${kind}`}>
                  {hits.map((h) => (
                    <li class="card" data-hit={`${kind}/${h.id}`}>
                      <h3>
                        {linked ? (
                          <a href={areaHref(c, spec.area, spec.page(h))}>{h.title}</a>
                        ) : (
                          h.title
                        )}
                      </h3>
                      <p>
                        {h.status && <Status value={h.status} />} <code>{h.ref}</code>
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        {found && (
          <p class="muted">{t('console.search.scope', { count: tr.count(found.kinds.length) })}</p>
        )}
      </ConsoleLayout>,
      res && !res.ok ? res.status : 200,
    );
  });
  return app;
}
