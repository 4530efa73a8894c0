/** The leads offered to the signed-in partner: the list, and one lead with its answers. */
import type { FC } from 'hono/jsx';
import type { LeadOffer, OwnedLead } from '../../store/lead-store.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import {
  ErrorSummary,
  Notice,
  SelectField,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from './components.tsx';
import { formatTime, money, timeLeft, words } from './format.ts';

export interface OfferedLead {
  lead: OwnedLead;
  offer: LeadOffer;
}

/** Where the offer stands for the partner, as of `now`. */
export function offerState(o: OfferedLead, now: Date): string {
  if (o.lead.withdrawnAt || o.offer.status === 'withdrawn') return 'withdrawn';
  if (o.offer.status === 'open' && o.offer.expiresAt.getTime() <= now.getTime()) return 'expired';
  return o.offer.status;
}

export const DECLINE_REASONS = [
  ['', 'Choose a reason'],
  ['not_interested', 'Not interested'],
  ['no_capacity', 'No capacity'],
  ['out_of_territory', 'Out of our territory'],
  ['duplicate', 'We know this customer already'],
  ['spam', 'Spam or not a real lead'],
] as const;

export const STAGES = [
  ['contacted', 'Contacted'],
  ['qualified', 'Qualified'],
  ['proposal', 'Proposal made'],
  ['won', 'Won'],
  ['lost', 'Lost'],
] as const;

const Deadline: FC<{ o: OfferedLead; now: Date }> = ({ o, now }) =>
  offerState(o, now) === 'open' ? (
    <p class="deadline">
      Answer by {formatTime(o.offer.expiresAt)} ({timeLeft(o.offer.expiresAt, now)} left)
    </p>
  ) : null;

export const LeadListPage: FC<{ ctx: PageCtx; leads: OfferedLead[] }> = ({ ctx, leads }) => (
  <Layout ctx={ctx} title="Leads">
    <h1>Leads offered to you</h1>
    {leads.length === 0 ? (
      <p>No leads have been offered to you yet.</p>
    ) : (
      <ul class="cards">
        {leads.map((o) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/leads/${encodeURIComponent(o.lead.id)}`)}>{o.lead.company}</a>
            </h3>
            <p>
              <Status value={offerState(o, ctx.now)} />
              {o.offer.progress.stage && <> · {words(o.offer.progress.stage)}</>} · {o.lead.region}
            </p>
            <Deadline o={o} now={ctx.now} />
          </li>
        ))}
      </ul>
    )}
  </Layout>
);

export interface LeadPageProps {
  ctx: PageCtx;
  o: OfferedLead;
  done?: string | undefined;
  refused?: string | undefined;
  error?: FormErrors;
  form?: Record<string, string>;
}

export const LeadPage: FC<LeadPageProps> = ({ ctx, o, done, refused, error, form = {} }) => {
  const { lead, offer } = o;
  const state = offerState(o, ctx.now);
  const action = (verb: string) => href(ctx, `/leads/${encodeURIComponent(lead.id)}/${verb}`);
  return (
    <Layout ctx={ctx} title={lead.company}>
      <p>
        <a href={href(ctx, '/leads')}>All leads</a>
      </p>
      <h1>{lead.company}</h1>
      <Notice done={done} error={refused} />
      <ErrorSummary error={error} />
      <p>
        <Status value={state} />
        {offer.exclusive && ' · exclusive offer'}
      </p>
      <Deadline o={o} now={ctx.now} />
      <dl class="facts">
        <dt>Region</dt>
        <dd>{lead.region}</dd>
        <dt>Interested in</dt>
        <dd>{lead.interest.join(', ')}</dd>
        <dt>Estimated value</dt>
        <dd>{money(lead.estimatedValue, lead.currency)}</dd>
        <dt>Contact</dt>
        <dd>
          {lead.contact.name}
          {lead.contact.email && <>, {lead.contact.email}</>}
          {lead.contact.phone && <>, {lead.contact.phone}</>}
        </dd>
        {lead.domain && (
          <>
            <dt>Web domain</dt>
            <dd>{lead.domain}</dd>
          </>
        )}
        <dt>Source</dt>
        <dd>{lead.source}</dd>
        {lead.notes && (
          <>
            <dt>Notes</dt>
            <dd>{lead.notes}</dd>
          </>
        )}
        <dt>Offered</dt>
        <dd>{formatTime(offer.offeredAt)}</dd>
        {offer.declineReason && (
          <>
            <dt>You declined</dt>
            <dd>{words(offer.declineReason)}</dd>
          </>
        )}
        {offer.progress.stage && (
          <>
            <dt>Your progress</dt>
            <dd>
              {words(offer.progress.stage)}
              {offer.progress.amount && (
                <> · {money(offer.progress.amount, offer.progress.amountCurrency)}</>
              )}
              {offer.progress.note && <> · {offer.progress.note}</>}
            </dd>
          </>
        )}
      </dl>

      {state === 'open' && (
        <div class="actions">
          <form method="post" action={action('accept')}>
            <CsrfInput ctx={ctx} />
            <button type="submit">Accept the lead</button>
          </form>
          <form method="post" action={action('decline')}>
            <CsrfInput ctx={ctx} />
            <fieldset>
              <legend>Decline the lead</legend>
              <SelectField
                name="reasonCode"
                label="Reason"
                required
                value={form.reasonCode}
                options={DECLINE_REASONS}
                error={error}
              />
              <TextArea
                name="comment"
                label="Comment"
                maxlength={500}
                rows={3}
                value={form.comment}
                error={error}
              />
              <button type="submit" class="danger">
                Decline
              </button>
            </fieldset>
          </form>
        </div>
      )}

      {state === 'accepted' && (
        <form method="post" action={action('progress')}>
          <CsrfInput ctx={ctx} />
          <fieldset>
            <legend>Report progress</legend>
            <SelectField
              name="stage"
              label="Stage"
              required
              value={form.stage ?? offer.progress.stage ?? ''}
              options={STAGES}
              error={error}
            />
            <TextField
              name="amount"
              label="Amount"
              hint="Expected, or booked when won; digits with an optional decimal point, e.g. 12500.00"
              inputmode="decimal"
              maxlength={40}
              value={form.amount}
              error={error}
            />
            <TextField
              name="currency"
              label="Currency"
              hint={`Three letters, e.g. EUR${lead.currency ? `; the lead's is ${lead.currency}` : ''}`}
              maxlength={3}
              value={form.currency}
              error={error}
            />
            <TextArea
              name="note"
              label="Note"
              maxlength={500}
              rows={3}
              value={form.note}
              error={error}
            />
            <button type="submit">Send progress</button>
          </fieldset>
        </form>
      )}
    </Layout>
  );
};
