/**
 * Service requests of the signed-in partner: the list, the form, and one request with what both
 * sides said about it. The vendor's internal comments never appear here.
 */
import type { FC } from 'hono/jsx';
import {
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
  type ServiceEvent,
  type ServiceRequest,
} from '../../store/service-store.ts';
import { isOverdue } from '../../service/request-rules.ts';
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
import { NewRecordPage } from './new-record-page.tsx';
import { AttachFields, RequestDocuments } from './request-documents.tsx';
import type { Order } from '../../store/order-store.ts';
import type { Attachment, Charge } from '../../store/shared-service-store.ts';
import { rich, t } from '../../i18n/index.ts';
import { Day, money, Time, words } from './format.ts';
import { WithdrawForm } from './withdraw-form.tsx';
import { NextListPage } from './list-pager.tsx';

const options = (values: readonly string[]) => values.map((v) => [v, words(v)] as const);
const who = (side: string) =>
  t('service.who', {
    side: side === 'partner' ? 'partner' : side === 'self' ? 'vendor' : 'system',
  });
const byWhom = (owner: string) => (owner === 'partner' ? 'partner' : 'vendor');

/** What the partner may see of a request's timeline: never an internal comment. */
export function partnerVisible(events: readonly ServiceEvent[]): ServiceEvent[] {
  return events.filter(
    (e) => e.type !== 'comment' && e.type !== 'overdue' && e.comment?.visibility !== 'internal',
  );
}

export const RequestListPage: FC<{
  ctx: PageCtx;
  requests: ServiceRequest[];
  nextCursor: number | null;
}> = ({ ctx, requests, nextCursor }) => (
  <Layout ctx={ctx} title={t('nav.requests')}>
    <h1>{t('nav.requests')}</h1>
    <p>
      <a href={href(ctx, '/requests/new')}>{t('service.open')}</a>
    </p>
    {requests.length === 0 ? (
      <p>{t('service.none')}</p>
    ) : (
      <ul class="cards">
        {requests.map((r) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/requests/${encodeURIComponent(r.requestId)}`)}>{r.subject}</a>
            </h3>
            <p>
              <Status value={r.withdrawnAt ? 'withdrawn' : r.status} /> · {words(r.category)} ·{' '}
              {t('service.priority', { priority: words(r.priority) })}
              {isOverdue(r, ctx.now) && ` · ${t('service.overdue')}`}
            </p>
            <p class="muted">
              {rich('service.openedBy', { by: byWhom(r.owner), date: <Day day={r.createdAt} /> })}
            </p>
          </li>
        ))}
      </ul>
    )}
    <NextListPage ctx={ctx} path="/requests" cursor={nextCursor} />
  </Layout>
);

/** The request's own fields: to open one, or to change one the partner opened. */
const RequestInputs: FC<{ form: Record<string, string>; error?: FormErrors }> = ({
  form,
  error,
}) => (
  <>
    <SelectField
      name="category"
      label={t('field.category')}
      required
      value={form.category ?? 'technical'}
      options={options(REQUEST_CATEGORIES)}
      error={error}
    />
    <TextField
      name="subject"
      label={t('field.subject')}
      required
      maxlength={200}
      value={form.subject}
      error={error}
    />
    <TextArea
      name="description"
      label={t('field.description')}
      required
      maxlength={5000}
      rows={6}
      value={form.description}
      error={error}
    />
    <SelectField
      name="priority"
      label={t('field.priority')}
      required
      value={form.priority ?? 'normal'}
      options={options(REQUEST_PRIORITIES)}
      error={error}
    />
    <TextField
      name="product"
      label={t('field.product')}
      maxlength={200}
      value={form.product}
      error={error}
    />
    <TextField
      name="serial"
      label={t('field.serial')}
      maxlength={200}
      value={form.serial}
      error={error}
    />
  </>
);

export const NewRequestPage: FC<{
  ctx: PageCtx;
  /** The partner's orders it may attach (shared services). */
  orders: readonly Order[];
  form?: Record<string, string>;
  error?: FormErrors;
  refused?: string | undefined;
}> = ({ ctx, orders, form = {}, error, refused }) => (
  <NewRecordPage
    ctx={ctx}
    title={t('service.open')}
    listPath="/requests"
    listLabel={t('home.allRequests')}
    submit={t('service.send')}
    error={error}
    refused={refused}
  >
    <RequestInputs form={form} error={error} />
    <AttachFields orders={orders} form={form} error={error} />
  </NewRecordPage>
);

/** A request's fields as the form's values, to change it. */
export function requestFormValues(r: ServiceRequest): Record<string, string> {
  return {
    category: r.category,
    subject: r.subject,
    description: r.description,
    priority: r.priority,
    product: r.product ?? '',
    serial: r.serial ?? '',
  };
}

export const RequestPage: FC<{
  ctx: PageCtx;
  request: ServiceRequest;
  events: ServiceEvent[];
  attachments: readonly Attachment[];
  charge: Charge | null;
  done?: string | undefined;
  refused?: string | undefined;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, request: r, events, attachments, charge, done, refused, form = {}, error }) => (
  <Layout ctx={ctx} title={r.subject}>
    <p>
      <a href={href(ctx, '/requests')}>{t('home.allRequests')}</a>
    </p>
    <h1>{r.subject}</h1>
    <Notice done={done} error={refused} />
    <ErrorSummary error={error} />
    <dl class="facts">
      <dt>{t('field.status')}</dt>
      <dd>
        <Status value={r.withdrawnAt ? 'withdrawn' : r.status} />
        {isOverdue(r, ctx.now) && ` · ${t('service.overdue')}`}
      </dd>
      <dt>{t('field.category')}</dt>
      <dd>{words(r.category)}</dd>
      <dt>{t('field.priority')}</dt>
      <dd>{words(r.priority)}</dd>
      {r.product && (
        <>
          <dt>{t('field.product')}</dt>
          <dd>{r.product}</dd>
        </>
      )}
      {r.serial && (
        <>
          <dt>{t('field.serial')}</dt>
          <dd>{r.serial}</dd>
        </>
      )}
      {r.dueAt && (
        <>
          <dt>{t('service.due')}</dt>
          <dd>
            <Time at={r.dueAt} />
          </dd>
        </>
      )}
      <dt>{t('service.opened')}</dt>
      <dd>{rich('service.openedAt', { by: byWhom(r.owner), time: <Time at={r.createdAt} /> })}</dd>
    </dl>
    <h2>{t('field.description')}</h2>
    <p class="prewrap">{r.description}</p>
    <RequestDocuments attachments={attachments} charge={charge} />
    <h2>{t('service.history')}</h2>
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p class="meta">
            <Time at={e.at} /> · {who(e.side)}
          </p>
          <p>
            {e.type === 'opened' && t('service.event.opened')}
            {e.type === 'revised' && t('service.event.revised')}
            {e.type === 'update' &&
              e.status &&
              t('service.event.status', { status: words(e.status) })}
            {e.type === 'withdrawn' &&
              t('service.event.withdrawn', {
                hasReason: e.reason ? 'yes' : 'no',
                reason: e.reason ?? '',
              })}
          </p>
          {e.comment && <p class="prewrap">{e.comment.text}</p>}
        </li>
      ))}
    </ol>
    {!r.withdrawnAt && (
      <form
        method="post"
        action={href(ctx, `/requests/${encodeURIComponent(r.requestId)}/update`)}
        novalidate
      >
        <CsrfInput ctx={ctx} />
        <fieldset>
          <legend>{t('service.updateHeading')}</legend>
          <SelectField
            name="status"
            label={t('field.status')}
            value={form.status ?? ''}
            options={[
              ['', t('service.keep', { status: words(r.status) })],
              ...options(REQUEST_STATUSES),
            ]}
            error={error}
          />
          <TextArea
            name="comment"
            label={t('field.comment')}
            hint={t('withdraw.reasonHint')}
            maxlength={5000}
            value={form.comment}
            error={error}
          />
          <button type="submit">{t('service.sendUpdate')}</button>
        </fieldset>
      </form>
    )}
    {!r.withdrawnAt && r.owner === 'partner' && (
      <>
        <form
          method="post"
          action={href(ctx, `/requests/${encodeURIComponent(r.requestId)}/revise`)}
          novalidate
        >
          <CsrfInput ctx={ctx} />
          <fieldset>
            <legend>{t('service.change')}</legend>
            <RequestInputs
              form={form.subject === undefined ? requestFormValues(r) : form}
              error={error}
            />
            <button type="submit">{t('service.sendChanged')}</button>
          </fieldset>
        </form>
        <WithdrawForm
          ctx={ctx}
          action={href(ctx, `/requests/${encodeURIComponent(r.requestId)}/withdraw`)}
          what={t('withdraw.what.request')}
          explain={t('service.withdrawExplain')}
          form={form}
          error={error}
        />
      </>
    )}
  </Layout>
);
