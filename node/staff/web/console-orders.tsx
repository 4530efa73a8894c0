/** Orders: the order desk's list of orders (direction and status filters, keyset pages). */
import { Hono } from 'hono';
import { ORDER_DIRECTIONS, ORDER_STATUSES } from '../../store/order-store.ts';
import { Status } from '../../portal/web/components.tsx';
import type { ConsoleEnv } from './console-env.ts';
import { keysetListPage } from './console-keyset-list.tsx';
import { requireArea } from './console-page-kit.tsx';

const TEXT = {
  title: 'Orders',
  direction: 'Direction',
  status: 'Status',
  none: 'No order matches.',
  lines: 'lines',
};

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
  app.get('/orders', (c) =>
    keysetListPage<OrderRow>(c, {
      area: 'orders',
      title: TEXT.title,
      api: '/orders',
      rows: 'orders',
      filters: [
        { name: 'direction', label: TEXT.direction, values: ORDER_DIRECTIONS },
        { name: 'status', label: TEXT.status, values: ORDER_STATUSES },
      ],
      none: TEXT.none,
      card: (o) => (
        <li class="card" data-order={o.id}>
          <h2>{o.orderId}</h2>
          <p>
            <Status value={o.status} /> {o.partner.name ?? o.partner.nodeId} · {o.direction} ·{' '}
            {o.total} {o.currency} · {o.lineCount} {TEXT.lines}
          </p>
        </li>
      ),
    }),
  );
  return app;
}
