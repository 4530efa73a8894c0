/**
 * A service request's page: its facts and timeline, with internal notes marked so no one takes
 * them for what the partner reads, and (for service agents) the update form: a status, a comment,
 * and whom the comment is for, chosen every time (the API has no default, on purpose). The
 * update is the API's POST /service/requests/:id/updates.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import {
  errorOf,
  ErrorSummary,
  SelectField,
  Status,
  TextArea,
  type FormErrors,
} from '../../portal/web/components.tsx';
import { REQUEST_STATUSES } from '../../store/service-store.ts';
import { callAdminApi } from './console-api.ts';
import { mayAct } from './console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { areaHref, refusalPage } from './console-page-kit.tsx';
import { PartnerRefusal, type PartnerRefusalView } from './console-partner-refusal.tsx';

const TEXT = {
  status: 'Status',
  partner: 'Partner',
  priority: 'Priority',
  due: 'Due',
  overdue: 'Overdue',
  description: 'Description',
  timeline: 'Timeline',
  internal: 'Internal note: the partner never sees this',
  external: 'Visible to the partner',
  updateTitle: 'Update the request',
  keepStatus: 'Keep the status',
  comment: 'Comment',
  visibility: 'Who may read the comment',
  forPartner: 'The partner (sent to them)',
  forInternal: 'Only our staff (internal note)',
  send: 'Save the update',
  updated: 'Your update was saved.',
};

interface TimelineEvent {
  type: string;
  side: string;
  at: string;
  status: string | null;
  comment: { text: string; visibility: 'partner' | 'internal' } | null;
}
export interface RequestDetail {
  refusal?: PartnerRefusalView | null;
  id: number;
  subject: string;
  description: string;
  partner: { name: string | null; nodeId: string | null };
  priority: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  withdrawn: boolean;
  timeline: TimelineEvent[];
}

const VisibilityField: FC<{ value: string | undefined; errors?: FormErrors }> = (p) => {
  const error = errorOf(p.errors, 'visibility');
  return (
    <fieldset id="f-visibility" class={error ? 'field invalid' : 'field'}>
      <legend>{TEXT.visibility}</legend>
      {error && <p class="field-error">{error.message}</p>}
      {(
        [
          ['partner', TEXT.forPartner],
          ['internal', TEXT.forInternal],
        ] as const
      ).map(([value, label]) => (
        <label>
          <input type="radio" name="visibility" value={value} checked={p.value === value} /> {label}
        </label>
      ))}
    </fieldset>
  );
};

export async function requestPage(
  c: Context<ConsoleEnv>,
  id: string,
  opts: { errors?: FormErrors; form?: Record<string, string>; status?: number } = {},
): Promise<Response> {
  const res = await callAdminApi<RequestDetail>(c, 'GET', `/service/requests/${id}`);
  if (!res.ok) return refusalPage(c, res.status, res.error, 'service');
  const r = res.data;
  const viewer = c.var.staffViewer;
  const form = opts.form ?? {};
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={r.subject} viewer={viewer} area="service">
      <ErrorSummary error={opts.errors} />
      {c.req.query('done') === 'updated' && (
        <div class="notice done" role="status">
          <p>{TEXT.updated}</p>
        </div>
      )}
      <h1>{r.subject}</h1>
      <PartnerRefusal refusal={r.refusal} />
      <dl class="facts">
        <dt>{TEXT.status}</dt>
        <dd>
          <Status value={r.status} />
          {r.overdue && <strong class="deadline"> {TEXT.overdue}</strong>}
        </dd>
        <dt>{TEXT.partner}</dt>
        <dd>{r.partner.name ?? r.partner.nodeId}</dd>
        <dt>{TEXT.priority}</dt>
        <dd>{r.priority}</dd>
        <dt>{TEXT.due}</dt>
        <dd>{r.dueAt ?? '—'}</dd>
      </dl>
      <h2>{TEXT.description}</h2>
      <p class="prewrap">{r.description}</p>
      <h2>{TEXT.timeline}</h2>
      <ol class="timeline">
        {r.timeline.map((e) => (
          <li class={e.comment?.visibility === 'internal' ? 'internal' : undefined}>
            <p class="meta">
              {e.at} · {e.type} · {e.side}
              {e.status ? ` · ${e.status}` : ''}
            </p>
            {e.comment && (
              <>
                <p class="visibility" data-visibility={e.comment.visibility}>
                  <strong>
                    {e.comment.visibility === 'internal' ? TEXT.internal : TEXT.external}
                  </strong>
                </p>
                <p class="prewrap">{e.comment.text}</p>
              </>
            )}
          </li>
        ))}
      </ol>
      {mayAct(viewer.user, 'service') && !r.withdrawn && (
        <form method="post" action={areaHref(c, 'service', `/${r.id}/updates`)} novalidate>
          <h2>{TEXT.updateTitle}</h2>
          <Csrf viewer={viewer} />
          <SelectField
            name="status"
            label={TEXT.status}
            value={form.status ?? ''}
            options={[
              ['', TEXT.keepStatus],
              ...REQUEST_STATUSES.map((s) => [s, s.replaceAll('_', ' ')] as const),
            ]}
            error={opts.errors}
          />
          <TextArea
            name="comment"
            label={TEXT.comment}
            value={form.comment ?? ''}
            maxlength={5000}
            error={opts.errors}
          />
          <VisibilityField value={form.visibility} errors={opts.errors} />
          <button type="submit">{TEXT.send}</button>
        </form>
      )}
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}
