/**
 * A service request's page: its facts and timeline, with internal notes marked so no one takes
 * them for what the partner reads, and (for service agents) the update form: a status, a comment,
 * and whom the comment is for, chosen every time (the API has no default, on purpose). The
 * update is the API's POST /service/requests/:id/updates.
 */
import { rich, t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
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
import { mayAct } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { areaHref, refusalPage } from './console-page-kit.tsx';
import { PartnerRefusal, type PartnerRefusalView } from './console-partner-refusal.tsx';

const TEXT = {
  status: 'console.request.status',
  partner: 'console.request.partner',
  priority: 'console.request.priority',
  due: 'console.request.due',
  overdue: 'console.request.overdue',
  description: 'console.request.description',
  timeline: 'console.request.timeline',
  internal: 'console.request.internal',
  external: 'console.request.external',
  updateTitle: 'console.request.updateTitle',
  keepStatus: 'console.request.keepStatus',
  comment: 'console.request.comment',
  visibility: 'console.request.visibility',
  forPartner: 'console.request.forPartner',
  forInternal: 'console.request.forInternal',
  send: 'console.request.send',
  updated: 'console.request.updated',
} as const satisfies Record<string, MessageKey>;

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
      <legend>{t(TEXT.visibility)}</legend>
      {error && <p class="field-error">{error.message}</p>}
      {(
        [
          ['partner', t(TEXT.forPartner)],
          ['internal', t(TEXT.forInternal)],
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
  const tr = useTranslator();
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={r.subject} viewer={viewer} area="service">
      <ErrorSummary error={opts.errors} />
      {c.req.query('done') === 'updated' && (
        <div class="notice done" role="status">
          <p>{t(TEXT.updated)}</p>
        </div>
      )}
      <h1>{r.subject}</h1>
      <PartnerRefusal refusal={r.refusal} />
      <dl class="facts">
        <dt>{t(TEXT.status)}</dt>
        <dd>
          <Status value={r.status} />
          {r.overdue && <strong class="deadline"> {t(TEXT.overdue)}</strong>}
        </dd>
        <dt>{t(TEXT.partner)}</dt>
        <dd>{r.partner.name ?? r.partner.nodeId}</dd>
        <dt>{t(TEXT.priority)}</dt>
        <dd>{tr.code('priority', r.priority)}</dd>
        <dt>{t(TEXT.due)}</dt>
        <dd>
          <Time at={r.dueAt} />
        </dd>
      </dl>
      <h2>{t(TEXT.description)}</h2>
      <p class="prewrap">{r.description}</p>
      <h2>{t(TEXT.timeline)}</h2>
      <ol class="timeline">
        {r.timeline.map((e) => (
          <li class={e.comment?.visibility === 'internal' ? 'internal' : undefined}>
            <p class="meta">
              {rich('console.request.event', {
                time: <Time at={e.at} />,
                type: e.type,
                side: e.side,
                hasStatus: e.status ? 'yes' : 'no',
                status: tr.code('status', e.status),
              })}
            </p>
            {e.comment && (
              <>
                <p class="visibility" data-visibility={e.comment.visibility}>
                  <strong>
                    {e.comment.visibility === 'internal' ? t(TEXT.internal) : t(TEXT.external)}
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
          <h2>{t(TEXT.updateTitle)}</h2>
          <Csrf viewer={viewer} />
          <SelectField
            name="status"
            label={t(TEXT.status)}
            value={form.status ?? ''}
            options={[
              ['', t(TEXT.keepStatus)],
              ...REQUEST_STATUSES.map((s) => [s, tr.code('status', s)] as const),
            ]}
            error={opts.errors}
          />
          <TextArea
            name="comment"
            label={t(TEXT.comment)}
            value={form.comment ?? ''}
            maxlength={5000}
            error={opts.errors}
          />
          <VisibilityField value={form.visibility} errors={opts.errors} />
          <button type="submit">{t(TEXT.send)}</button>
        </form>
      )}
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}
