/**
 * The service forms read into message bodies: a request and a warranty claim, each checked with
 * the domain's own parser and the wire schema, every field's problem reported at once.
 */
import { badRequest } from '../../errors.ts';
import { parseClaimFields, parseRequestFields } from '../../service/input.ts';
import { claimBody, requestBody } from '../../service/wire.ts';
import type { ActDeps } from '../act-as-partner.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { checkForm, given, labelsIn } from './portal-action.ts';
import type { FormValues } from './portal-env.ts';

export const LABELS: Record<string, MessageKey> = {
  category: 'field.category',
  subject: 'field.subject',
  description: 'field.description',
  priority: 'field.priority',
  product: 'field.product',
  serial: 'field.serial',
  status: 'field.status',
  comment: 'field.comment',
  purchaseDate: 'field.purchaseDate',
  failureDate: 'field.failureDate',
  failure: 'field.failure',
  claimedAmount: 'field.claimedAmount',
  currency: 'field.currency',
};

/** The form's non-empty fields, as the input parsers read an operator's JSON. */
function filled(form: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((f) => (given(form[f]) ? [[f, given(form[f])!]] : [])));
}

/** Forms that pass every check: each field is judged among these (see checkForm). */
const REQUEST_SAMPLE: FormValues = {
  category: 'technical',
  subject: 'Sample',
  description: 'Sample',
  priority: 'normal',
  product: '',
  serial: '',
};
const CLAIM_SAMPLE: FormValues = {
  product: 'Sample',
  serial: 'S-1',
  purchaseDate: '2000-01-01',
  failureDate: '2000-01-01',
  failure: 'Sample',
  claimedAmount: '1',
  currency: 'EUR',
};

export function checked(deps: ActDeps, kind: string, body: unknown): void {
  const valid = deps.schemas.validateBody(kind, body);
  if (!valid.ok) {
    const field = valid.pointer.split('/').filter(Boolean).at(-1) ?? 'body';
    throw badRequest('invalid_field', `${field}: ${valid.detail}`, field);
  }
}

/** The claim form as a warranty.claim body, every field's problem at once. */
export function checkClaimForm(
  deps: ActDeps,
  form: FormValues,
  claimId: string,
  version: number,
  requestId: string | null,
) {
  return checkForm(form, {
    sample: CLAIM_SAMPLE,
    parse: (values) => {
      const input = filled(values, Object.keys(CLAIM_SAMPLE));
      if (input.currency) input.currency = input.currency.toUpperCase();
      const fields = parseClaimFields(input);
      if (fields.failureDate < fields.purchaseDate) {
        throw badRequest('invalid_field', 'failureDate is before purchaseDate', 'failureDate');
      }
      const body = claimBody(claimId, { ...fields, requestId }, version);
      checked(deps, 'warranty.claim', body);
      return body;
    },
    labels: labelsIn(LABELS),
  });
}

/** The request form as a service.request body, every field's problem at once. */
export function checkRequestForm(
  deps: ActDeps,
  form: FormValues,
  requestId: string,
  version: number,
) {
  return checkForm(form, {
    sample: REQUEST_SAMPLE,
    parse: (values) => {
      const body = requestBody(
        requestId,
        parseRequestFields(filled(values, Object.keys(REQUEST_SAMPLE))),
        version,
      );
      checked(deps, 'service.request', body);
      return body;
    },
    labels: labelsIn(LABELS),
  });
}
