/**
 * Charges for billable shared services. When this node, as the provider, marks a request it
 * received resolved and its agreement with the requester is billable, one charge is booked for
 * the request (per request, or per hour started from receipt to resolution). The operator lists
 * charges and invoices a partner's open ones under an invoice number; totals are exact decimals.
 */
import { AppError } from '../errors.ts';
import { multiplyExact, sumExact } from '../records/decimal-string.ts';
import type { ServiceRequest } from '../store/service-store.ts';
import type { Charge } from '../store/shared-service-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import type { ServiceDeps } from './service-deps.ts';

const HOUR_MS = 3_600_000;

/** Books the request's charge if it is billable; a request is charged once, however often resolved. */
export async function bookChargeIfBillable(
  tx: StoreTx,
  request: ServiceRequest,
  at: Date,
): Promise<Charge | null> {
  if (request.owner !== 'partner') return null;
  const agreement = await tx.sharedServices.agreementOf(request.partnerId);
  if (!agreement?.billable || !agreement.price || !agreement.currency || !agreement.priceUnit) {
    return null;
  }
  const quantity =
    agreement.priceUnit === 'request'
      ? 1
      : Math.max(1, Math.ceil((at.getTime() - request.createdAt.getTime()) / HOUR_MS));
  return tx.sharedServices.insertCharge({
    requestRowId: request.id,
    partnerId: request.partnerId,
    unit: agreement.priceUnit,
    quantity,
    price: agreement.price,
    amount: multiplyExact(agreement.price, String(quantity)),
    currency: agreement.currency,
    bookedAt: at,
  });
}

export interface InvoiceResult {
  invoiceNumber: string;
  partnerId: number;
  charges: Charge[];
  totals: { currency: string; amount: string }[];
}

/**
 * Invoices the partner's open charges (all of them, or those named) under one invoice number.
 * A named charge of another partner, or one already invoiced, refuses the whole invoice.
 */
export async function invoiceCharges(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  partner: Partner,
  invoiceNumber: string,
  ids?: number[],
): Promise<InvoiceResult> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    let charges: Charge[];
    if (ids) {
      charges = [];
      for (const id of ids) {
        const charge = await tx.sharedServices.getCharge(id);
        if (!charge || charge.partnerId !== partner.id) {
          throw new AppError(404, 'not_found', `charge ${id} of partner ${partner.id}`, {
            field: 'charges',
          });
        }
        if (charge.status !== 'open') {
          throw new AppError(
            409,
            'already_invoiced',
            `charge ${id} is on invoice ${charge.invoiceNumber}`,
            {
              field: 'charges',
            },
          );
        }
        charges.push(charge);
      }
    } else {
      charges = await tx.sharedServices.listCharges(
        { partnerId: partner.id, status: 'open' },
        { limit: 10_000 },
      );
    }
    if (charges.length === 0) {
      throw new AppError(409, 'nothing_to_invoice', `partner ${partner.id} has no open charges`);
    }
    await tx.sharedServices.markInvoiced(
      charges.map((c) => c.id),
      invoiceNumber,
      now,
    );
    const currencies = [...new Set(charges.map((c) => c.currency))].sort();
    return {
      invoiceNumber,
      partnerId: partner.id,
      charges: charges.map((c) => ({ ...c, status: 'invoiced', invoiceNumber, invoicedAt: now })),
      totals: currencies.map((currency) => ({
        currency,
        amount: sumExact(charges.filter((c) => c.currency === currency).map((c) => c.amount)),
      })),
    };
  });
}

export function chargeView(c: Charge, requestId: string | null) {
  return {
    id: c.id,
    requestRowId: c.requestRowId,
    requestId,
    partnerId: c.partnerId,
    unit: c.unit,
    quantity: c.quantity,
    price: c.price,
    amount: c.amount,
    currency: c.currency,
    status: c.status,
    invoiceNumber: c.invoiceNumber,
    invoicedAt: c.invoicedAt?.toISOString() ?? null,
    bookedAt: c.bookedAt.toISOString(),
  };
}
