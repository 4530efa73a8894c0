/**
 * Service agreements: what this node, as a service provider, offers each partner. An agreement
 * names the request categories offered, the response and resolution targets (SLA, in hours from
 * receipt) and whether requests are billable (a price per request or per hour started). Without
 * an agreement a partner may open a request in any category, without SLA or charge, as before.
 * The agreement is the provider's own: requesters learn of a category not offered from the
 * refusal (`forbidden`, detail `service_not_offered`), see PROTOCOL.md 10.4.
 */
import { forbidden } from '../domain-kernel/outcomes.ts';
import { badRequest } from '../errors.ts';
import type { HandlerOutcome } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { RequestCategory } from '../store/service-store.ts';
import type { Agreement, AgreementFields } from '../store/shared-service-store.ts';
import { parseInput } from '../input/parse-input.ts';
import { ServiceAgreementPut } from './service-schemas.ts';

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

/** A whole agreement (PUT): categories required; price, currency and unit exactly when billable. */
export function parseAgreement(raw: unknown): AgreementFields {
  const input = parseInput(ServiceAgreementPut, raw);
  const billable = input.billable === true;
  const price = input.price ?? null;
  const currency = input.currency ?? null;
  const priceUnit = input.priceUnit ?? null;
  if (billable) {
    if (price === null) throw invalid('price', 'a billable agreement needs a price');
    if (currency === null) throw invalid('currency', 'a billable agreement needs a currency');
    if (priceUnit === null) throw invalid('priceUnit', 'a billable agreement needs a priceUnit');
  } else {
    for (const [field, value] of [
      ['price', price],
      ['currency', currency],
      ['priceUnit', priceUnit],
    ] as const) {
      if (value !== null) throw invalid(field, `${field} applies to a billable agreement only`);
    }
  }
  return {
    categories: input.categories,
    responseHours: input.responseHours ?? null,
    resolutionHours: input.resolutionHours ?? null,
    billable,
    price,
    currency,
    priceUnit,
  };
}

/** A request in a category the agreement does not offer is refused; no agreement offers all. */
export function checkOffered(
  agreement: Agreement | null,
  category: RequestCategory,
): HandlerOutcome {
  if (agreement === null || agreement.categories.includes(category)) return OK;
  return forbidden(
    `service_not_offered: the service agreement does not offer ${category} requests`,
  );
}

/**
 * The due time the provider holds: the earlier of the opener's dueAt and the agreement's
 * resolution target counted from when the request was first received.
 */
export function slaDueAt(
  agreement: Agreement | null,
  openerDueAt: Date | null,
  receivedAt: Date,
): Date | null {
  if (agreement?.resolutionHours == null) return openerDueAt;
  const sla = new Date(receivedAt.getTime() + agreement.resolutionHours * 3_600_000);
  return openerDueAt !== null && openerDueAt < sla ? openerDueAt : sla;
}

/** When the first answer is due (response SLA), or null without a target. */
export function respondBy(agreement: Agreement | null, receivedAt: Date): Date | null {
  if (agreement?.responseHours == null) return null;
  return new Date(receivedAt.getTime() + agreement.responseHours * 3_600_000);
}

export function agreementView(a: Agreement) {
  return {
    partnerId: a.partnerId,
    categories: a.categories,
    responseHours: a.responseHours,
    resolutionHours: a.resolutionHours,
    billable: a.billable,
    price: a.price,
    currency: a.currency,
    priceUnit: a.priceUnit,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
