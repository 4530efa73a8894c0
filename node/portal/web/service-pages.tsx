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
import { formatDate, formatTime, money, words } from './format.ts';
import { WithdrawForm } from './withdraw-form.tsx';

const options = (values: readonly string[]) => values.map((v) => [v, words(v)] as const);
const who = (side: string) =>
  side === 'partner' ? 'You' : side === 'self' ? 'The vendor' : 'The system';

/** What the partner may see of a request's timeline: never an internal comment. */
export function partnerVisible(events: readonly ServiceEvent[]): ServiceEvent[] {
  return events.filter(
    (e) => e.type !== 'comment' && e.type !== 'overdue' && e.comment?.visibility !== 'internal',
  );
}

export const RequestListPage: FC<{ ctx: PageCtx; requests: ServiceRequest[] }> = ({
  ctx,
  requests,
}) => (
  <Layout ctx={ctx} title="Service requests">
    <h1>Service requests</h1>
    <p>
      <a href={href(ctx, '/requests/new')}>Open a service request</a>
    </p>
    {requests.length === 0 ? (
      <p>No service requests yet.</p>
    ) : (
      <ul class="cards">
        {requests.map((r) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/requests/${encodeURIComponent(r.requestId)}`)}>{r.subject}</a>
            </h3>
            <p>
              <Status value={r.withdrawnAt ? 'withdrawn' : r.status} /> · {words(r.category)} ·{' '}
              {words(r.priority)} priority{isOverdue(r, ctx.now) && ' · overdue'}
            </p>
            <p class="muted">
              Opened by {r.owner === 'partner' ? 'you' : 'the vendor'} on {formatDate(r.createdAt)}
            </p>
          </li>
        ))}
      </ul>
    )}
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
      label="Category"
      required
      value={form.category ?? 'technical'}
      options={options(REQUEST_CATEGORIES)}
      error={error}
    />
    <TextField
      name="subject"
      label="Subject"
      required
      maxlength={200}
      value={form.subject}
      error={error}
    />
    <TextArea
      name="description"
      label="Description"
      required
      maxlength={5000}
      rows={6}
      value={form.description}
      error={error}
    />
    <SelectField
      name="priority"
      label="Priority"
      required
      value={form.priority ?? 'normal'}
      options={options(REQUEST_PRIORITIES)}
      error={error}
    />
    <TextField name="product" label="Product" maxlength={200} value={form.product} error={error} />
    <TextField
      name="serial"
      label="Serial number"
      maxlength={200}
      value={form.serial}
      error={error}
    />
  </>
);

export const NewRequestPage: FC<{
  ctx: PageCtx;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, form = {}, error }) => (
  <NewRecordPage
    ctx={ctx}
    title="Open a service request"
    listPath="/requests"
    listLabel="All service requests"
    submit="Send the request"
    error={error}
  >
    <RequestInputs form={form} error={error} />
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
  done?: string | undefined;
  refused?: string | undefined;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, request: r, events, done, refused, form = {}, error }) => (
  <Layout ctx={ctx} title={r.subject}>
    <p>
      <a href={href(ctx, '/requests')}>All service requests</a>
    </p>
    <h1>{r.subject}</h1>
    <Notice done={done} error={refused} />
    <ErrorSummary error={error} />
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <Status value={r.withdrawnAt ? 'withdrawn' : r.status} />
        {isOverdue(r, ctx.now) && ' · overdue'}
      </dd>
      <dt>Category</dt>
      <dd>{words(r.category)}</dd>
      <dt>Priority</dt>
      <dd>{words(r.priority)}</dd>
      {r.product && (
        <>
          <dt>Product</dt>
          <dd>{r.product}</dd>
        </>
      )}
      {r.serial && (
        <>
          <dt>Serial number</dt>
          <dd>{r.serial}</dd>
        </>
      )}
      {r.dueAt && (
        <>
          <dt>Due</dt>
          <dd>{formatTime(r.dueAt)}</dd>
        </>
      )}
      <dt>Opened</dt>
      <dd>
        {formatTime(r.createdAt)} by {r.owner === 'partner' ? 'you' : 'the vendor'}
      </dd>
    </dl>
    <h2>Description</h2>
    <p class="prewrap">{r.description}</p>
    <h2>History</h2>
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p class="meta">
            {formatTime(e.at)} · {who(e.side)}
          </p>
          <p>
            {e.type === 'opened' && 'Opened the request.'}
            {e.type === 'revised' && 'Changed the request.'}
            {e.type === 'update' && e.status && <>Status: {words(e.status)}.</>}
            {e.type === 'withdrawn' && <>Withdrew the request{e.reason && `: ${e.reason}`}.</>}
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
          <legend>Comment or change the status</legend>
          <SelectField
            name="status"
            label="Status"
            value={form.status ?? ''}
            options={[['', `Keep: ${words(r.status)}`], ...options(REQUEST_STATUSES)]}
            error={error}
          />
          <TextArea
            name="comment"
            label="Comment"
            hint="The vendor sees it."
            maxlength={5000}
            value={form.comment}
            error={error}
          />
          <button type="submit">Send</button>
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
            <legend>Change the request</legend>
            <RequestInputs
              form={form.subject === undefined ? requestFormValues(r) : form}
              error={error}
            />
            <button type="submit">Send the changed request</button>
          </fieldset>
        </form>
        <WithdrawForm
          ctx={ctx}
          action={href(ctx, `/requests/${encodeURIComponent(r.requestId)}/withdraw`)}
          what="request"
          explain="If you no longer need help, withdraw the request; the vendor closes it."
          form={form}
          error={error}
        />
      </>
    )}
  </Layout>
);
