/** The leads offered to the signed-in partner: the list, and one lead with its answers. */
import type { FC } from 'hono/jsx';
import {
  PARTNER_OFFER_STATES,
  type LeadOffer,
  type OwnedLead,
  type PartnerOfferState,
} from '../../store/lead-store.ts';
import { NextListPage, StatusFilter } from './list-pager.tsx';
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
import { rich, t, type MessageKey } from '../../i18n/index.ts';
import { money, Time, timeLeft, words } from './format.ts';

export interface OfferedLead {
  lead: OwnedLead;
  offer: LeadOffer;
}

/**
 * Where the offer stands for the partner, as of `now`. The list's status filter applies the same
 * rules in the query (offeredToPartnerWhere in node/store/rows/owned-lead-status-sql.ts).
 */
export function offerState(o: OfferedLead, now: Date): string {
  if (o.lead.withdrawnAt || o.offer.status === 'withdrawn') return 'withdrawn';
  if (o.offer.status === 'open' && o.offer.expiresAt.getTime() <= now.getTime()) return 'expired';
  return o.offer.status;
}

export const DECLINE_REASONS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['', 'lead.reason.choose'],
  ['not_interested', 'lead.reason.not_interested'],
  ['no_capacity', 'lead.reason.no_capacity'],
  ['out_of_territory', 'lead.reason.out_of_territory'],
  ['duplicate', 'lead.reason.duplicate'],
  ['spam', 'lead.reason.spam'],
];

export const STAGES: ReadonlyArray<readonly [string, MessageKey]> = [
  ['contacted', 'lead.stage.contacted'],
  ['qualified', 'lead.stage.qualified'],
  ['proposal', 'lead.stage.proposal'],
  ['won', 'lead.stage.won'],
  ['lost', 'lead.stage.lost'],
];

/** Select options in the request's language. */
export const options = (list: ReadonlyArray<readonly [string, MessageKey]>) =>
  list.map(([value, key]) => [value, t(key)] as const);

const Deadline: FC<{ o: OfferedLead; now: Date }> = ({ o, now }) =>
  offerState(o, now) === 'open' ? (
    <p class="deadline">
      {rich('lead.answerBy', {
        time: <Time at={o.offer.expiresAt} />,
        left: timeLeft(o.offer.expiresAt, now),
      })}
    </p>
  ) : null;

export const LeadListPage: FC<{
  ctx: PageCtx;
  leads: OfferedLead[];
  status: PartnerOfferState | undefined;
  nextCursor: string | null;
}> = ({ ctx, leads, status, nextCursor }) => (
  <Layout ctx={ctx} title={t('nav.leads')}>
    <h1>{t('lead.listHeading')}</h1>
    <StatusFilter ctx={ctx} path="/leads" value={status} values={PARTNER_OFFER_STATES} />
    {leads.length === 0 ? (
      <p>{t('lead.none')}</p>
    ) : (
      <ul class="cards">
        {leads.map((o) => (
          <li class="card" data-lead={o.lead.id}>
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
    <NextListPage ctx={ctx} path="/leads" status={status} cursor={nextCursor} />
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
        <a href={href(ctx, '/leads')}>{t('lead.all')}</a>
      </p>
      <h1>{lead.company}</h1>
      <Notice done={done} error={refused} />
      <ErrorSummary error={error} />
      <p>
        <Status value={state} />
        {offer.exclusive && ` · ${t('lead.exclusive')}`}
      </p>
      <Deadline o={o} now={ctx.now} />
      <dl class="facts">
        <dt>{t('lead.region')}</dt>
        <dd>{lead.region}</dd>
        <dt>{t('lead.interest')}</dt>
        <dd>{lead.interest.join(t('format.listSeparator'))}</dd>
        <dt>{t('lead.estimatedValue')}</dt>
        <dd>{money(lead.estimatedValue, lead.currency)}</dd>
        <dt>{t('lead.contact')}</dt>
        <dd>
          {lead.contact.name}
          {lead.contact.email && <>, {lead.contact.email}</>}
          {lead.contact.phone && <>, {lead.contact.phone}</>}
        </dd>
        {lead.domain && (
          <>
            <dt>{t('lead.domain')}</dt>
            <dd>{lead.domain}</dd>
          </>
        )}
        <dt>{t('lead.source')}</dt>
        <dd>{lead.source}</dd>
        {lead.notes && (
          <>
            <dt>{t('lead.notes')}</dt>
            <dd>{lead.notes}</dd>
          </>
        )}
        <dt>{t('lead.offered')}</dt>
        <dd>
          <Time at={offer.offeredAt} />
        </dd>
        {offer.declineReason && (
          <>
            <dt>{t('lead.youDeclined')}</dt>
            <dd>{words(offer.declineReason)}</dd>
          </>
        )}
        {offer.progress.stage && (
          <>
            <dt>{t('lead.yourProgress')}</dt>
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
            <button type="submit">{t('lead.accept')}</button>
          </form>
          <form method="post" action={action('decline')}>
            <CsrfInput ctx={ctx} />
            <fieldset>
              <legend>{t('lead.declineHeading')}</legend>
              <SelectField
                name="reasonCode"
                label={t('field.reason')}
                required
                value={form.reasonCode}
                options={options(DECLINE_REASONS)}
                error={error}
              />
              <TextArea
                name="comment"
                label={t('field.comment')}
                maxlength={500}
                rows={3}
                value={form.comment}
                error={error}
              />
              <button type="submit" class="danger">
                {t('lead.decline')}
              </button>
            </fieldset>
          </form>
        </div>
      )}

      {state === 'accepted' && (
        <form method="post" action={action('progress')}>
          <CsrfInput ctx={ctx} />
          <fieldset>
            <legend>{t('lead.progressHeading')}</legend>
            <SelectField
              name="stage"
              label={t('field.stage')}
              required
              value={form.stage ?? offer.progress.stage ?? ''}
              options={options(STAGES)}
              error={error}
            />
            <TextField
              name="amount"
              label={t('field.amount')}
              hint={t('lead.amountHint')}
              inputmode="decimal"
              maxlength={40}
              value={form.amount}
              error={error}
            />
            <TextField
              name="currency"
              label={t('field.currency')}
              hint={
                lead.currency
                  ? t('lead.currencyHintOf', { currency: lead.currency })
                  : t('field.currencyHint')
              }
              maxlength={3}
              value={form.currency}
              error={error}
            />
            <TextArea
              name="note"
              label={t('field.note')}
              maxlength={500}
              rows={3}
              value={form.note}
              error={error}
            />
            <button type="submit">{t('lead.sendProgress')}</button>
          </fieldset>
        </form>
      )}
    </Layout>
  );
};
