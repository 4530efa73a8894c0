/**
 * An order's page: its lines, its answer, and (for the order desk, while it waits for one) the
 * answer form line by line: AP accepts as ordered, CA sends the lines whose quantity or price
 * was changed, RE rejects with a reason. The answer is the API's POST /orders/:id/response.
 */
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import type { Context } from 'hono';
import {
  ErrorSummary,
  SelectField,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from '../../portal/web/components.tsx';
import { answerWords } from '../../portal/web/orders-pages.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import { mayDo } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { areaHref, refusalPage } from './console-page-kit.tsx';
import { PartnerRefusal, type PartnerRefusalView } from './console-partner-refusal.tsx';

const TEXT = {
  status: 'console.order.status',
  partner: 'console.order.partner',
  total: 'console.order.total',
  acceptedTotal: 'console.order.acceptedTotal',
  answer: 'console.order.answer',
  linesTitle: 'console.order.linesTitle',
  line: 'console.order.line',
  sku: 'console.order.sku',
  qty: 'console.order.qty',
  unitPrice: 'console.order.unitPrice',
  answerTitle: 'console.order.answerTitle',
  code: 'console.order.code',
  reason: 'console.order.reason',
  reasonHint: 'console.order.reasonHint',
  send: 'console.order.send',
  answered: 'console.order.answered',
  changedHint: 'console.order.changedHint',
} as const satisfies Record<string, MessageKey>;

const CODES = [
  ['AP', 'console.order.code.AP'],
  ['CA', 'console.order.code.CA'],
  ['RE', 'console.order.code.RE'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

interface Line {
  line: number;
  sku: string;
  qty: string;
  unitPrice: string;
}
export interface OrderDetail {
  refusal?: PartnerRefusalView | null;
  id: number;
  orderId: string;
  partner: { id: number; name: string | null; nodeId: string | null };
  direction: string;
  status: string;
  currency: string;
  total: string;
  acceptedTotal: string | null;
  lines: Line[];
  response: { code: string; reason: string | null } | null;
}

const qtyName = (l: Line) => `line-${l.line}-qty`;
const priceName = (l: Line) => `line-${l.line}-unitPrice`;

/** The lines whose quantity or price the form changed, as CA sends them. */
export function changedLines(order: OrderDetail, form: Record<string, string>) {
  return order.lines.flatMap((l) => {
    const qty = (form[qtyName(l)] ?? l.qty).trim();
    const unitPrice = (form[priceName(l)] ?? l.unitPrice).trim();
    if (qty === l.qty && unitPrice === l.unitPrice) return [];
    return [{ line: l.line, qty, ...(unitPrice !== l.unitPrice && { unitPrice }) }];
  });
}

/** `lines[1].qty` of the API names the second changed line; the form names it by number. */
export function formFieldOf(
  field: string | undefined,
  changed: ReadonlyArray<{ line: number }>,
): string | undefined {
  const match = /^lines\[(\d+)\]\.(qty|unitPrice)$/.exec(field ?? '');
  const line = match ? changed[Number(match[1])]?.line : undefined;
  return line === undefined ? field : `line-${line}-${match![2]}`;
}

export async function orderPage(
  c: Context<ConsoleEnv>,
  id: string,
  opts: { errors?: FormErrors; form?: Record<string, string>; status?: number } = {},
): Promise<Response> {
  const res = await callAdminApi<OrderDetail>(c, 'GET', `/orders/${id}`);
  if (!res.ok) return refusalPage(c, res.status, res.error, 'orders');
  const order = res.data;
  const viewer = c.var.staffViewer;
  // Acknowledged (AB, sent on receipt) is the one status that waits for the seller's answer.
  const canAnswerNow =
    mayDo(viewer.user, 'answerOrder') &&
    order.direction === 'incoming' &&
    order.status === 'acknowledged';
  const form = opts.form ?? {};
  const tr = useTranslator();
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={order.orderId} viewer={viewer} area="orders">
      <ErrorSummary error={opts.errors} />
      {c.req.query('done') === 'answered' && (
        <div class="notice done" role="status">
          <p>{t(TEXT.answered)}</p>
        </div>
      )}
      <h1>{order.orderId}</h1>
      <PartnerRefusal refusal={order.refusal} />
      <dl class="facts">
        <dt>{t(TEXT.status)}</dt>
        <dd>
          <Status value={order.status} />
        </dd>
        <dt>{t(TEXT.partner)}</dt>
        <dd>{order.partner.name ?? order.partner.nodeId}</dd>
        <dt>{t(TEXT.total)}</dt>
        <dd>{tr.money(order.total, order.currency)}</dd>
        {order.acceptedTotal !== null && (
          <>
            <dt>{t(TEXT.acceptedTotal)}</dt>
            <dd id="accepted-total">{tr.money(order.acceptedTotal, order.currency)}</dd>
          </>
        )}
        {order.response && (
          <>
            <dt>{t(TEXT.answer)}</dt>
            <dd id="answer-code">
              {order.response.code} · {answerWords(order.response.code)}
              {order.response.reason ? ` · ${order.response.reason}` : ''}
            </dd>
          </>
        )}
      </dl>
      {canAnswerNow ? (
        <form method="post" action={areaHref(c, 'orders', `/${order.id}/response`)} novalidate>
          <h2>{t(TEXT.answerTitle)}</h2>
          <Csrf viewer={viewer} />
          <SelectField
            name="code"
            label={t(TEXT.code)}
            value={form.code ?? 'AP'}
            required
            options={CODES.map(([code, key]) => [code, t(key)] as const)}
            error={opts.errors}
          />
          <p class="hint">{t(TEXT.changedHint)}</p>
          <ul class="cards">
            {order.lines.map((l) => (
              <li class="card" data-line={l.line}>
                <fieldset>
                  <legend>{t(TEXT.line, { line: l.line, sku: l.sku })}</legend>
                  <TextField
                    name={qtyName(l)}
                    label={t(TEXT.qty)}
                    value={form[qtyName(l)] ?? l.qty}
                    inputmode="decimal"
                    maxlength={40}
                    required
                    error={opts.errors}
                  />
                  <TextField
                    name={priceName(l)}
                    label={t(TEXT.unitPrice)}
                    value={form[priceName(l)] ?? l.unitPrice}
                    inputmode="decimal"
                    maxlength={40}
                    required
                    error={opts.errors}
                  />
                </fieldset>
              </li>
            ))}
          </ul>
          <TextArea
            name="reason"
            label={t(TEXT.reason)}
            hint={t(TEXT.reasonHint)}
            value={form.reason ?? ''}
            maxlength={500}
            error={opts.errors}
          />
          <button type="submit">{t(TEXT.send)}</button>
        </form>
      ) : (
        <>
          <h2>{t(TEXT.linesTitle)}</h2>
          <ul class="cards">
            {order.lines.map((l) => (
              <li class="card" data-line={l.line}>
                {t(TEXT.line, { line: l.line, sku: l.sku })} · {tr.decimal(l.qty)} ×{' '}
                {tr.money(l.unitPrice, order.currency)}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}
