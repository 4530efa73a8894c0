/**
 * Shared services on the portal (PROTOCOL.md 10.4): a portal partner attaches one of its orders
 * (the order, its shipment, invoice or receivable) to a service request, and the request's page
 * shows the documents it carries and the charge the vendor booked for it. The snapshot is taken
 * from the vendor's own record of the partner's order, only ever an order of the signed-in
 * partner; a revision carries the documents held, since every version replaces the set.
 */
import type { FC } from 'hono/jsx';
import { rich, t } from '../../i18n/index.ts';
import { AppError } from '../../errors.ts';
import {
  attachmentsToWire,
  snapshotOfOrder,
  type AttachmentWire,
} from '../../service/attachments.ts';
import type { Order } from '../../store/order-store.ts';
import {
  ATTACHMENT_TYPES,
  type Attachment,
  type AttachmentType,
  type Charge,
} from '../../store/shared-service-store.ts';
import type { StoreTx } from '../../store/store.ts';
import { SelectField, TextField, type FormError, type FormErrors } from './components.tsx';
import { money, Time } from './format.ts';
import { given } from './portal-action.ts';
import type { FormValues } from './portal-env.ts';

/**
 * The orders suggested for attaching: the partner's newest first, as many as a list shows. Any
 * other of its orders is attached by typing its number.
 */
export const ATTACHABLE_ORDERS = 50;

export const AttachFields: FC<{
  orders: readonly Order[];
  form: Record<string, string>;
  error?: FormErrors;
}> = ({ orders, form, error }) => (
  <>
    <TextField
      name="attachOrder"
      label={t('service.attach.order')}
      hint={t('service.attach.orderHint')}
      value={form.attachOrder ?? ''}
      maxlength={200}
      autocomplete="off"
      suggestions={orders.map(
        (o) => [o.orderId, `${o.orderId} · ${money(o.total, o.currency)}`] as const,
      )}
      error={error}
    />
    <SelectField
      name="attachType"
      label={t('service.attach.what')}
      value={form.attachType ?? 'order'}
      options={ATTACHMENT_TYPES.map((type) => [type, t('service.attach.type', { type })] as const)}
      error={error}
    />
  </>
);

export type AttachResult = { ok: true; wire: AttachmentWire[] } | { ok: false; error: FormError };

/** The form's attachment as the wire's documents: none, or one snapshot of the partner's order. */
export async function attachmentsFromForm(
  tx: StoreTx,
  partnerId: number,
  form: FormValues,
  now: Date,
): Promise<AttachResult> {
  const orderId = given(form.attachOrder);
  if (orderId === undefined) return { ok: true, wire: [] };
  const type = (form.attachType ?? 'order') as AttachmentType;
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      error: { field: 'attachType', message: t('form.oneOf', { label: t('service.attach.what') }) },
    };
  }
  // Only the signed-in partner's own orders: another partner's order is simply not found.
  const order = orderId.length > 200 ? null : await tx.orders.findOrder(partnerId, orderId);
  if (!order)
    return { ok: false, error: { field: 'attachOrder', message: t('service.attach.unknown') } };
  try {
    return { ok: true, wire: attachmentsToWire([await snapshotOfOrder(tx, type, order, now)]) };
  } catch (e) {
    if (e instanceof AppError && e.code === 'attachment_unavailable') {
      return {
        ok: false,
        error: { field: 'attachType', message: t('service.attach.unavailable') },
      };
    }
    throw e;
  }
}

/** What the request carries and what it costs, on its page. */
export const RequestDocuments: FC<{
  attachments: readonly Attachment[];
  charge: Charge | null;
}> = ({ attachments, charge }) =>
  attachments.length === 0 && !charge ? null : (
    <>
      <h2>{t('service.attach.heading')}</h2>
      {attachments.length > 0 && (
        <ul class="documents">
          {attachments.map((a) => (
            <li>
              {rich('service.attached', {
                type: a.type,
                order: a.recordId,
                time: <Time at={a.takenAt} />,
              })}
            </li>
          ))}
        </ul>
      )}
      {charge && (
        <dl class="facts">
          <dt>{t('service.charge')}</dt>
          <dd>
            {t('service.chargeLine', {
              amount: money(charge.amount, charge.currency),
              status: charge.status,
              invoice: charge.invoiceNumber ?? '',
            })}
          </dd>
        </dl>
      )}
    </>
  );
