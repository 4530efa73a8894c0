/**
 * The messages a person's own changes sent that a partner refused (the admin API's
 * `GET /refusals?mine=true`), newest first: how the person at the console learns of theirs
 * without an e-mail. Every role may read it; it lists only the reader's own.
 */
import { Hono } from 'hono';
import { rich, t, useTranslator } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
import { callAdminApi } from './console-api.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, sendPage, siteOf } from './console-layout.tsx';
import { refusalPage, requireArea } from './console-page-kit.tsx';

/** Shown at once; a person's refusals are few, and each stands only until a later acceptance. */
const PAGE = 50;

interface RefusalRow {
  id: number;
  partner: { id: number; name: string | null };
  record: { kind: string; id: string } | null;
  code: string;
  reason: string;
  kind: string;
  at: string;
  seenAt: string | null;
  clearedAt: string | null;
}

export function createMyRefusalPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/today/refused', requireArea('today'), async (c) => {
    const res = await callAdminApi<{ refusals: RefusalRow[] }>(
      c,
      'GET',
      `/refusals?mine=true&all=true&limit=${PAGE}`,
    );
    if (!res.ok) return refusalPage(c, res.status, res.error, 'today');
    const tr = useTranslator();
    const rows = res.data.refusals;
    return sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={t('console.myRefusals.title')}
        viewer={c.var.staffViewer}
        area="today"
      >
        <h1>{t('console.myRefusals.title')}</h1>
        <p>{t('console.myRefusals.intro')}</p>
        {rows.length === 0 && <p>{t('console.myRefusals.none')}</p>}
        <ul class="cards" id="my-refusals">
          {rows.map((r) => (
            <li class="card" data-refusal={r.code} data-cleared={r.clearedAt ? 'true' : 'false'}>
              <h2>
                {r.partner.name ?? t('console.myRefusals.partnerNumber', { id: r.partner.id })}
              </h2>
              <p>
                {rich('console.myRefusals.answered', {
                  kind: r.kind,
                  time: <Time at={r.at} />,
                  code: r.code,
                  reason: r.reason,
                })}
              </p>
              {r.record && (
                <p>
                  {t('console.myRefusals.record', {
                    kind: tr.code('record', r.record.kind),
                    id: r.record.id,
                  })}
                </p>
              )}
              <p class="muted">
                {r.clearedAt
                  ? rich('console.myRefusals.cleared', { time: <Time at={r.clearedAt} /> })
                  : t('console.myRefusals.standing')}
              </p>
            </li>
          ))}
        </ul>
      </ConsoleLayout>,
    );
  });
  return app;
}
