/** Service: the service desk's queue of requests (status, category, overdue; keyset pages). */
import { rich, t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
import { Hono } from 'hono';
import { REQUEST_STATUSES } from '../../store/service-store.ts';
import { Status } from '../../portal/web/components.tsx';
import type { ConsoleEnv } from './console-env.ts';
import { keysetListPage } from './console-keyset-list.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { areaHref, refusalPage, requireAct, requireArea } from './console-page-kit.tsx';
import { requestPage } from './console-service-request.tsx';

const TEXT = {
  title: 'console.service.title',
  status: 'console.service.status',
  overdue: 'console.service.overdue',
  isOverdue: 'console.service.isOverdue',
  due: 'console.service.due',
  none: 'console.service.none',
} as const satisfies Record<string, MessageKey>;

interface RequestRow {
  id: number;
  requestId: string;
  partner: { id: number; name: string | null; nodeId: string | null };
  subject: string;
  priority: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
}

export function createServicePages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/service', requireArea('service'));
  app.use('/service/*', requireArea('service'));
  app.get('/service/:id{[1-9][0-9]{0,15}}', (c) => requestPage(c, c.req.param('id')));
  app.post(
    '/service/:id{[1-9][0-9]{0,15}}/updates',
    consoleFormBody(),
    csrfCheck(),
    requireAct('service'),
    async (c) => {
      const id = c.req.param('id');
      const form = c.var.form;
      const comment = (form.comment ?? '').trim();
      const res = await callAdminApi(c, 'POST', `/service/requests/${id}/updates`, {
        ...(form.status && { status: form.status }),
        ...(comment !== '' && { comment }),
        ...(form.visibility && { visibility: form.visibility }),
      });
      if (!res.ok) {
        if (res.status === 403 || res.status === 404) {
          return refusalPage(c, res.status, res.error, 'service');
        }
        return requestPage(c, id, {
          errors: refusalAsFormError(res.error, 'comment', {
            status: t('console.request.status'),
            comment: t('console.request.comment'),
            visibility: t('console.request.visibility'),
          }),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'service', `/${id}`, { done: 'updated' }), 303);
    },
  );
  app.get('/service', (c) =>
    keysetListPage<RequestRow>(c, {
      area: 'service',
      title: t(TEXT.title),
      api: '/service/requests',
      rows: 'requests',
      filters: [
        { name: 'status', label: t(TEXT.status), values: REQUEST_STATUSES },
        { name: 'overdue', label: t(TEXT.overdue), values: ['true', 'false'], group: 'boolean' },
      ],
      none: t(TEXT.none),
      card: (r) => (
        <li class="card" data-request={r.id}>
          <h2>
            <a href={areaHref(c, 'service', `/${r.id}`)}>{r.subject}</a>
          </h2>
          <p>
            <Status value={r.status} /> {r.partner.name ?? r.partner.nodeId} ·{' '}
            {t('service.priority', { priority: useTranslator().code('priority', r.priority) })}
            {r.dueAt && <> · {rich(TEXT.due, { time: <Time at={r.dueAt} /> })}</>}
            {r.overdue && (
              <>
                {' · '}
                <strong class="deadline">{t(TEXT.isOverdue)}</strong>
              </>
            )}
          </p>
        </li>
      ),
    }),
  );
  return app;
}
