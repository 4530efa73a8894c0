/** The overview a portal user lands on: what awaits an answer, and what the vendor sent lately. */
import type { FC } from 'hono/jsx';
import { effectiveStatus } from '../../deals/deal-status.ts';
import type { Deal } from '../../store/deal-store.ts';
import type { PortalNotification } from '../../store/portal-store.ts';
import type { ServiceRequest } from '../../store/service-store.ts';
import { href, Layout, type PageCtx } from './layout.tsx';
import { Status } from './components.tsx';
import { formatTime, timeLeft, words } from './format.ts';
import { offerState, type OfferedLead } from './lead-pages.tsx';

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
  return (
    <Layout ctx={ctx} title="Overview">
      <h1>Welcome, {ctx.viewer?.user.name}</h1>
      <h2>Leads waiting for your answer</h2>
      {open.length === 0 ? (
        <p>None right now.</p>
      ) : (
        <ul class="cards">
          {open.map((o) => (
            <li class="card">
              <h3>
                <a href={href(ctx, `/leads/${encodeURIComponent(o.lead.id)}`)}>{o.lead.company}</a>
              </h3>
              <p class="deadline">
                Answer by {formatTime(o.offer.expiresAt)} ({timeLeft(o.offer.expiresAt, ctx.now)}{' '}
                left)
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>Leads you are working on</h2>
      <p>
        {working.length === 0
          ? 'None.'
          : `${working.length} accepted lead${working.length === 1 ? '' : 's'}: `}
        {working.length > 0 && <a href={href(ctx, '/leads')}>report progress</a>}
      </p>
      <h2>Deal registrations</h2>
      <p>
        {pendingDeals.length} waiting for the vendor's decision.{' '}
        <a href={href(ctx, '/deals')}>All deals</a>
      </p>
      <h2>Service requests</h2>
      <p>
        {openRequests.length} open. <a href={href(ctx, '/requests')}>All service requests</a>
      </p>
      <h2>Latest from the vendor</h2>
      {overview.notifications.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ul class="cards">
          {overview.notifications.map((n) => (
            <li class="card">
              <p>
                <a href={href(ctx, n.path)}>{n.subject}</a>
              </p>
              <p class="muted">
                {formatTime(n.createdAt)} · <Status value={n.type}>{words(n.type)}</Status>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
};
