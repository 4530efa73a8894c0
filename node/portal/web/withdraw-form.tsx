/**
 * Withdrawing a record the partner owns (its deal registration, service request or warranty
 * claim): the form, and the record.withdraw its node would send. The vendor's handler for the
 * record kind decides whether the sender owns the record; the portal only offers the button where
 * it would.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { ActDeps } from '../act-as-partner.ts';
import { TextArea, type FormError, type FormErrors } from './components.tsx';
import { CsrfInput, type PageCtx } from './layout.tsx';
import { t } from '../../i18n/index.ts';
import { actAndReturn } from './portal-action.ts';
import type { PortalEnv } from './portal-env.ts';

const MAX_REASON = 500;

export const WithdrawForm: FC<{
  ctx: PageCtx;
  action: string;
  /** What is withdrawn, e.g. "registration". */
  what: string;
  explain: string;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, action, what, explain, form = {}, error }) => (
  <form method="post" action={action} novalidate>
    <CsrfInput ctx={ctx} />
    <fieldset>
      <legend>{t('withdraw.legend', { what })}</legend>
      <p class="muted">{explain}</p>
      <TextArea
        name="reason"
        label={t('field.reason')}
        hint={t('withdraw.reasonHint')}
        maxlength={MAX_REASON}
        rows={2}
        value={form.reason}
        error={error}
      />
      <button type="submit" class="danger">
        {t('withdraw.legend', { what })}
      </button>
    </fieldset>
  </form>
);

/**
 * Sends record.withdraw for the record and comes back to its page; a reason too long is sent back
 * to the page through `invalid`. An empty reason becomes `defaultReason` (the message needs one).
 */
export async function withdrawAndReturn(
  deps: ActDeps,
  c: Context<PortalEnv>,
  record: { recordKind: string; recordId: string; path: string; defaultReason: string },
  invalid: (errors: FormError[]) => Promise<Response>,
): Promise<Response> {
  const reason = (c.var.form.reason ?? '').trim() || record.defaultReason;
  if (reason.length > MAX_REASON) {
    return invalid([
      { field: 'reason', message: t('withdraw.reasonTooLong', { max: MAX_REASON }) },
    ]);
  }
  return actAndReturn(
    deps,
    c,
    {
      kind: 'record.withdraw',
      body: { recordKind: record.recordKind, recordId: record.recordId, reason },
    },
    { path: record.path, done: 'withdrawn' },
  );
}
