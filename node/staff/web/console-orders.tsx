/** Orders: the order desk's list of orders (direction and status filters, keyset pages). */
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Hono } from 'hono';
import { ORDER_DIRECTIONS, ORDER_STATUSES } from '../../store/order-store.ts';
import { Status } from '../../portal/web/components.tsx';
import type { ConsoleEnv } from './console-env.ts';
import { keysetListPage } from './console-keyset-list.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { changedLines, formFieldOf, orderPage, type OrderDetail } from './console-order-page.tsx';
import { areaHref, refusalPage, requireAction, requireArea } from './console-page-kit.tsx';

const TEXT = {
  title: 'console.orders.title',
  direction: 'console.orders.direction',
  status: 'console.orders.status',
  none: 'console.orders.none',
  lines: 'console.orders.lines',
} as const satisfies Record<string, MessageKey>;

interface OrderRow {
  id: number;
  orderId: string;
  partner: { id: number; name: string | null; nodeId: string | null };
  direction: string;
  status: string;
  currency: string;
  total: string;
  lineCount: number;
  orderedAt: string | null;
}

export function createOrderPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/orders', requireArea('orders'));
  app.use('/orders/*', requireArea('orders'));
  app.get('/orders/:id{[1-9][0-9]{0,15}}', (c) => orderPage(c, c.req.param('id')));
  app.post(
    '/orders/:id{[1-9][0-9]{0,15}}/response',
    consoleFormBody(),
    csrfCheck(),
    requireAction('orders', 'answerOrder'),
    async (c) => {
      const id = c.req.param('id');
      const form = c.var.form;
      const current = await callAdminApi<OrderDetail>(c, 'GET', `/orders/${id}`);
      if (!current.ok) return refusalPage(c, current.status, current.error, 'orders');
      const code = form.code ?? '';
      const changed = code === 'CA' ? changedLines(current.data, form) : [];
      const reason = (form.reason ?? '').trim();
      const res = await callAdminApi(c, 'POST', `/orders/${id}/response`, {
        code,
        ...(code === 'CA' && { lines: changed }),
        ...(reason !== '' && { reason }),
      });
      if (!res.ok) {
        if (res.status === 403 || res.status === 404) {
          return refusalPage(c, res.status, res.error, 'orders');
        }
        const field = formFieldOf(res.error.field, changed);
        return orderPage(c, id, {
          errors: refusalAsFormError({ ...res.error, ...(field && { field }) }, 'code', {
            code: t('console.order.code'),
            reason: t('console.order.reason'),
            ...(field?.endsWith('-qty') && { [field]: t('console.order.qty') }),
            ...(field?.endsWith('-unitPrice') && { [field]: t('console.order.unitPrice') }),
          }),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'orders', `/${id}`, { done: 'answered' }), 303);
    },
  );
  app.get('/orders', (c) =>
    keysetListPage<OrderRow>(c, {
      area: 'orders',
      title: t(TEXT.title),
      api: '/orders',
      rows: 'orders',
      filters: [
        {
          name: 'direction',
          label: t(TEXT.direction),
          values: ORDER_DIRECTIONS,
          group: 'direction',
        },
        { name: 'status', label: t(TEXT.status), values: ORDER_STATUSES },
      ],
      none: t(TEXT.none),
      card: (o) => (
        <li class="card" data-order={o.id}>
          <h2>
            <a href={areaHref(c, 'orders', `/${o.id}`)}>{o.orderId}</a>
          </h2>
          <p>
            <Status value={o.status} /> {o.partner.name ?? o.partner.nodeId} ·{' '}
            {useTranslator().code('direction', o.direction)} ·{' '}
            {useTranslator().money(o.total, o.currency)} · {t(TEXT.lines, { count: o.lineCount })}
          </p>
        </li>
      ),
    }),
  );
  return app;
}
