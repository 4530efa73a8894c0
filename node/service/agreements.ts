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
import { REQUEST_CATEGORIES, type RequestCategory } from '../store/service-store.ts';
import {
  PRICE_UNITS,
  type Agreement,
  type AgreementFields,
  type PriceUnit,
} from '../store/shared-service-store.ts';
import { decimal } from './input.ts';

export const AGREEMENT_FIELDS = [
  'categories',
  'responseHours',
  'resolutionHours',
  'billable',
  'price',
  'currency',
  'priceUnit',
] as const;

/** The longest SLA target: a year. */
const MAX_HOURS = 8760;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

function hours(input: Record<string, unknown>, field: string): number | null {
  const value = input[field];
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_HOURS) {
    throw invalid(field, `${field} must be a whole number of hours from 1 to ${MAX_HOURS}`);
  }
  return value as number;
}

/** A whole agreement (PUT): categories required; price, currency and unit exactly when billable. */
export function parseAgreement(input: Record<string, unknown>): AgreementFields {
  const categories = input.categories;
  if (
    !Array.isArray(categories) ||
    categories.length === 0 ||
    categories.some((c) => !(REQUEST_CATEGORIES as readonly unknown[]).includes(c)) ||
    new Set(categories).size !== categories.length
  ) {
    throw invalid(
      'categories',
      `categories must list one or more of ${REQUEST_CATEGORIES.join(', ')}, each once`,
    );
  }
  if (input.billable !== undefined && typeof input.billable !== 'boolean') {
    throw invalid('billable', 'billable must be true or false');
  }
  const billable = input.billable === true;
  const price = decimal(input, 'price') ?? null;
  const currency = input.currency ?? null;
  const priceUnit = input.priceUnit ?? null;
  if (currency !== null && (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))) {
    throw invalid('currency', 'currency must be an ISO 4217 code such as EUR');
  }
  if (priceUnit !== null && !(PRICE_UNITS as readonly unknown[]).includes(priceUnit)) {
    throw invalid('priceUnit', `priceUnit must be one of ${PRICE_UNITS.join(', ')}`);
  }
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
    categories: categories as RequestCategory[],
    responseHours: hours(input, 'responseHours'),
    resolutionHours: hours(input, 'resolutionHours'),
    billable,
    price,
    currency: currency as string | null,
    priceUnit: priceUnit as PriceUnit | null,
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
