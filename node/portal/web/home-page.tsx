/** The overview a portal user lands on: what awaits an answer, and what the vendor sent lately. */
import type { FC } from 'hono/jsx';
import { effectiveStatus } from '../../deals/deal-status.ts';
import type { Deal } from '../../store/deal-store.ts';
import type { PortalNotification } from '../../store/portal-store.ts';
import type { ServiceRequest } from '../../store/service-store.ts';
import { href, Layout, type PageCtx } from './layout.tsx';
import { Status } from './components.tsx';
import { offerState, type OfferedLead } from './lead-pages.tsx';
import { Time } from './format.ts';

export interface Overview {
  leads: OfferedLead[];
  deals: Deal[];
  requests: ServiceRequest[];
  notifications: PortalNotification[];
}

export const HomePage: FC<{ ctx: PageCtx; overview: Overview }> = ({ ctx, overview }) => {
  const open = overview.leads.filter((o) => offerState(o, ctx.now) === 'open');
  const working = overview.leads.filter(
    (o) =>
      offerState(o, ctx.now) === 'accepted' &&
      !['won', 'lost'].includes(o.offer.progress.stage ?? ''),
  );
  const pendingDeals = overview.deals.filter((d) =>
    ['submitted', 'returned'].includes(effectiveStatus(d, ctx.now)),
  );
  const openRequests = overview.requests.filter(
    (r) => !r.withdrawnAt && r.status !== 'resolved' && r.status !== 'closed',
  );
  const { t } = ctx.tr;
  return (
    <Layout ctx={ctx} title={t('nav.home')}>
      <h1>{t('home.welcome', { name: ctx.viewer?.user.name ?? '' })}</h1>
      <h2>{t('home.leadsWaiting')}</h2>
      {open.length === 0 ? (
        <p>{t('home.noneNow')}</p>
      ) : (
        <ul class="cards">
          {open.map((o) => (
            <li class="card">
              <h3>
                <a href={href(ctx, `/leads/${encodeURIComponent(o.lead.id)}`)}>{o.lead.company}</a>
              </h3>
              <p class="deadline">
                {ctx.tr.rich('lead.answerBy', {
                  time: <Time at={o.offer.expiresAt} />,
                  left: ctx.tr.timeLeft(o.offer.expiresAt, ctx.now),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('home.leadsWorking')}</h2>
      <p>
        {working.length === 0 ? t('home.none') : t('home.acceptedLeads', { count: working.length })}
        {working.length > 0 && <a href={href(ctx, '/leads')}>{t('home.reportProgress')}</a>}
      </p>
      <h2>{t('home.deals')}</h2>
      <p>
        {t('home.dealsWaiting', { count: pendingDeals.length })}{' '}
        <a href={href(ctx, '/deals')}>{t('home.allDeals')}</a>
      </p>
      <h2>{t('nav.requests')}</h2>
      <p>
        {t('home.requestsOpen', { count: openRequests.length })}{' '}
        <a href={href(ctx, '/requests')}>{t('home.allRequests')}</a>
      </p>
      <h2>{t('home.latest')}</h2>
      {overview.notifications.length === 0 ? (
        <p>{t('home.nothingYet')}</p>
      ) : (
        <ul class="cards">
          {overview.notifications.map((n) => (
            <li class="card">
              <p>
                <a href={href(ctx, n.path)}>{n.subject}</a>
              </p>
              <p class="muted">
                <Time at={n.createdAt} /> ·{' '}
                <Status value={n.type}>{ctx.tr.code('notification', n.type)}</Status>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
};
