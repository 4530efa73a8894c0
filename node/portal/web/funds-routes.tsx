/**
 * Marketing funds of the signed-in partner: its allocations and balance, the expense claim form
 * with proof file uploads, and its claims with the vendor's decisions. Records are found by their
 * wire id AND the signed-in partner (another partner's are "no such page"); filing a claim is the
 * expense.claim the partner's own node would send, checked here first against the same rules.
 */
import { Hono, type Context } from 'hono';
import { newMessageId } from '../../../protocol/index.ts';
import { AppError } from '../../errors.ts';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { partnerBalances } from '../../funds/balance.ts';
import { assertClaimAllowed, claimFieldsFrom } from '../../funds/claim-ops.ts';
import { lineSum } from '../../funds/claim-rules.ts';
import { assertValidBody } from '../../domain-kernel/send-to-partner.ts';
import { parseClaimInput } from '../../funds/input.ts';
import { allocationDetail, balancesOf } from '../../funds/queries.ts';
import { CLAIM_KIND, claimBody } from '../../funds/wire.ts';
import { Decimal } from '../../records/decimal-string.ts';
import type { ClaimFields, FundAllocation } from '../../store/fund-store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import type { FormError } from './components.tsx';
import { errorPage, refusalMessage as refusalWords } from './error-page.tsx';
import {
  AllocationPage,
  ExpensePage,
  FORM_LINES,
  FundListPage,
  NewExpensePage,
  REASON_TEXT,
} from './funds-pages.tsx';
import { uploadBody, uploadOf, type UploadedFile } from './funds-upload.ts';
import { pageCtx, sendPage } from './layout.tsx';
import { actAndReturn, formErrorOf, given } from './portal-action.ts';
import type { FormValues, PortalEnv } from './portal-env.ts';
import { csrfCheck } from './session-guard.ts';
import { afterIdOf, cutPage, PORTAL_PAGE_SIZE } from './list-pager.tsx';

/** Allocations read at a time for the totals. */
const READ_CHUNK = 500;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form field that a rule's refusal is about. */
const REFUSAL_FIELD: Record<string, string> = {
  claim_over_balance: 'total',
  total_mismatch: 'total',
  currency_mismatch: 'total',
  claim_past_deadline: 'invoiceDate',
  invoice_outside_validity: 'invoiceDate',
  activity_not_eligible: 'activity',
  allocation_withdrawn: 'invoiceNumber',
};

/** The claim form's fields in words, for the parser's problems on pages not in English. */
const FIELD_LABELS: Record<string, MessageKey> = {
  invoiceNumber: 'funds.invoiceNumber',
  invoiceDate: 'funds.invoiceDate',
  activity: 'funds.activity',
  total: 'funds.total',
  proof: 'funds.proofFiles',
  line1Description: 'field.description',
};

/** The line rows filled in, each as the parser's input; problems per form field. */
function readLines(form: FormValues, errors: FormError[]) {
  const lines: Array<{ description: string; amount: string }> = [];
  for (let i = 1; i <= FORM_LINES; i++) {
    const description = given(form[`line${i}Description`]);
    const amount = given(form[`line${i}Amount`]);
    if (description === undefined && amount === undefined) continue;
    if (description === undefined || description.length > 200) {
      errors.push({
        field: `line${i}Description`,
        message: t('funds.err.lineDescription', { line: i }),
      });
    }
    if (amount === undefined || amount.length > 40 || !DECIMAL.test(amount)) {
      errors.push({
        field: `line${i}Amount`,
        message: t('funds.err.lineAmount', { line: i }),
      });
    }
    lines.push({ description: description ?? '', amount: amount ?? '' });
  }
  if (lines.length === 0) {
    errors.push({ field: 'line1Description', message: t('funds.err.noLines') });
  }
  return lines;
}

/** Every problem of the claim form at once, or the claim's fields. */
function readClaimForm(
  allocation: FundAllocation,
  form: FormValues,
  files: UploadedFile[],
  uploadProblem: FormError | null,
): { ok: true; fields: ClaimFields } | { ok: false; errors: FormError[] } {
  const errors: FormError[] = [];
  const invoiceNumber = given(form.invoiceNumber);
  if (invoiceNumber === undefined || invoiceNumber.length > 200) {
    errors.push({
      field: 'invoiceNumber',
      message: t('funds.err.invoiceNumber'),
    });
  }
  const invoiceDate = given(form.invoiceDate);
  if (invoiceDate === undefined || !FULL_DATE.test(invoiceDate)) {
    errors.push({
      field: 'invoiceDate',
      message: t('funds.err.invoiceDate'),
    });
  }
  const activity = given(form.activity);
  if (activity === undefined || !allocation.activities.includes(activity)) {
    errors.push({ field: 'activity', message: t('funds.err.activity') });
  }
  const lines = readLines(form, errors);
  const total = given(form.total);
  if (total === undefined || total.length > 40 || !DECIMAL.test(total)) {
    errors.push({
      field: 'total',
      message: t('funds.err.total'),
    });
  }
  if (uploadProblem) errors.push(uploadProblem);
  else if (files.length === 0) {
    errors.push({ field: 'proof', message: t('funds.err.proof') });
  }
  if (errors.length > 0) return { ok: false, errors };
  const sum = lineSum(lines);
  if (!new Decimal(sum).equals(total!)) {
    return {
      ok: false,
      errors: [{ field: 'total', message: t('funds.err.totalSum', { sum }) }],
    };
  }
  try {
    const input = parseClaimInput({
      allocation: allocation.allocationId,
      invoiceNumber,
      invoiceDate,
      activity,
      lines,
      total,
      proof: files.map((f) => ({ sha256: f.sha256, name: f.name, size: f.size })),
    });
    return { ok: true, fields: claimFieldsFrom(input, allocation) };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    const field = (error.field ?? 'invoiceNumber').startsWith('proof')
      ? 'proof'
      : (error.field ?? 'invoiceNumber');
    // English pages keep the parser's own words; other languages get the problem's kind in words.
    const message =
      useTranslator().locale === 'en'
        ? error.message
        : formErrorOf(error, { [error.field ?? '']: field }, { [field]: t(FIELD_LABELS[field]!) })
            .message;
    return { ok: false, errors: [{ field, message }] };
  }
}

export function createFundRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const ctxOf = (c: Context<PortalEnv>) => pageCtx(c, deps.clock.now(), 'funds');
  const noAllocation = (c: Context<PortalEnv>) => errorPage(c, 404, t('funds.noAllocation'));
  const noClaim = (c: Context<PortalEnv>) => errorPage(c, 404, t('funds.noClaim'));

  /** An allocation the vendor (this node) made to the signed-in partner, with its balance. */
  const findAllocation = (partnerId: number, id: string) =>
    id.length > 200
      ? Promise.resolve(null)
      : deps.store.read(async (tx) => {
          const allocation = await tx.funds.findAllocation(partnerId, id);
          return allocation?.owner === 'self' ? allocationDetail(tx, allocation) : null;
        });
  const findClaim = (partnerId: number, id: string) =>
    id.length > 200
      ? Promise.resolve(null)
      : deps.store.read(async (tx) => {
          const claim = await tx.funds.findClaim(partnerId, id);
          return claim?.owner === 'partner' ? claim : null;
        });

  app.get('/funds', async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const allocationsAfter = afterIdOf(c, 'allocationsAfter');
    const claimsAfter = afterIdOf(c, 'claimsAfter');
    const view = await deps.store.read(async (tx) => {
      // The totals count every allocation and claim (the claims were read whole already), so all
      // are read, in keyset chunks; a page of each is listed, each list with its own cursor.
      const allocations: FundAllocation[] = [];
      for (let after: number | undefined; ;) {
        const chunk = await tx.funds.listAllocations(
          { partnerId, owner: 'self' },
          { limit: READ_CHUNK, ...(after !== undefined && { after }) },
        );
        allocations.push(...chunk);
        if (chunk.length < READ_CHUNK) break;
        after = chunk.at(-1)!.id;
      }
      const claims = await tx.funds.claimsOfPartner(partnerId, 'partner');
      const listed = cutPage(
        allocations.filter((a) => allocationsAfter === undefined || a.id < allocationsAfter),
        PORTAL_PAGE_SIZE,
      );
      const claimPage = cutPage(
        [...claims]
          .sort((x, y) => y.id - x.id)
          .filter((cl) => claimsAfter === undefined || cl.id < claimsAfter),
        PORTAL_PAGE_SIZE,
      );
      const balances = await balancesOf(tx, listed.shown);
      return {
        allocations: listed.shown.map((allocation) => ({
          allocation,
          balance: balances.get(allocation.id)!,
        })),
        totals: partnerBalances(allocations, claims),
        claims: claimPage.shown,
        next: { allocations: listed.nextCursor, claims: claimPage.nextCursor },
      };
    });
    return sendPage(c, <FundListPage ctx={ctxOf(c)} {...view} />);
  });

  app.get('/funds/:id', async (c) => {
    const found = await findAllocation(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noAllocation(c);
    return sendPage(c, <AllocationPage ctx={ctxOf(c)} {...found} />);
  });

  app.get('/funds/:id/claims/new', async (c) => {
    const found = await findAllocation(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noAllocation(c);
    return sendPage(c, <NewExpensePage ctx={ctxOf(c)} {...found} />);
  });

  const claimUpload = uploadBody(deps.config.maxProofBytesPerClaim);
  app.post('/funds/:id/claims', claimUpload, csrfCheck(), async (c) => {
    const found = await findAllocation(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noAllocation(c);
    const { allocation, balance } = found;
    const form = c.var.form;
    const { files, problem } = uploadOf(c);
    const sendBack = (errors: FormError[]) =>
      sendPage(
        c,
        <NewExpensePage
          ctx={ctxOf(c)}
          allocation={allocation}
          balance={balance}
          form={form}
          error={errors}
        />,
        400,
      );
    const read = readClaimForm(allocation, form, files, problem);
    if (!read.ok) return sendBack(read.errors);
    const now = deps.clock.now();
    const claimId = newMessageId();
    const body = claimBody(claimId, read.fields);
    try {
      assertValidBody(deps.schemas, CLAIM_KIND, body, { wrapper: 'claim' });
      // The rules a partner's own node checks before sending: refused here, nothing is sent.
      await deps.store.read((tx) => assertClaimAllowed(tx, allocation, read.fields, now));
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const raw = REFUSAL_FIELD[error.code] ?? error.field ?? 'invoiceNumber';
      const field = raw.startsWith('proof') ? 'proof' : raw;
      const key = REASON_TEXT[error.code];
      // English adds the rule's detail (amounts, dates) in the checker's words.
      const english = useTranslator().locale === 'en';
      const message = english
        ? key
          ? `${t(key)} ${error.message}.`
          : error.message
        : key
          ? t(key)
          : refusalWords(c, error);
      return sendBack([{ field, message }]);
    }
    // The files are kept on this node by their digest; only the digests travel in the claim.
    await deps.store.transact(async (tx) => {
      for (const f of files) {
        await tx.funds.saveProofFile({
          partnerId: c.var.viewer.partner.id,
          sha256: f.sha256,
          name: f.name,
          mediaType: f.mediaType,
          bytes: f.bytes,
          at: now,
        });
      }
    });
    return actAndReturn(
      deps,
      c,
      { kind: CLAIM_KIND, body },
      { path: `/expenses/${encodeURIComponent(claimId)}`, done: 'claim_filed' },
    );
  });

  app.get('/expenses/:id', async (c) => {
    const claim = await findClaim(c.var.viewer.partner.id, c.req.param('id'));
    if (!claim) return noClaim(c);
    return sendPage(
      c,
      <ExpensePage
        ctx={ctxOf(c)}
        claim={claim}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  app.get('/expenses/:id/proof/:sha256', async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const claim = await findClaim(partnerId, c.req.param('id'));
    const sha256 = c.req.param('sha256');
    if (!claim || !claim.proof.some((p) => p.sha256 === sha256)) return noClaim(c);
    const file = await deps.store.read(async (tx) => {
      const stored = await tx.funds.findProofFile(partnerId, sha256);
      return stored ? { stored, bytes: await tx.funds.proofFileBytes(stored.id) } : null;
    });
    if (!file?.bytes) return errorPage(c, 404, t('funds.noFile'));
    return c.body(Buffer.from(file.bytes), 200, {
      'Content-Type': file.stored.mediaType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.stored.name)}`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
