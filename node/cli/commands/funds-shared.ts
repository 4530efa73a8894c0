/**
 * What the funds and expenses commands share: how a bad field is reported as its flag and how a
 * balance is printed. The flags every record command reads are in ../record-flags.ts.
 */
import type { Balance } from '../../funds/balance.ts';
import type { CommandContext } from '../command.ts';
import type { Cell, Output } from '../output.ts';
import { flagReader } from '../flag-errors.ts';

/** Where each input field comes from on the command line. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  partner: '--partner',
  amount: '--amount',
  currency: '--currency',
  validFrom: '--valid-from',
  validTo: '--valid-to',
  claimDeadline: '--deadline',
  activities: '--activities',
  note: '--note',
  allocation: '--allocation',
  invoiceNumber: '--invoice',
  invoiceDate: '--invoice-date',
  activity: '--activity',
  lines: '--lines',
  total: '--total',
  proof: '--proof',
  status: '--status',
  approvedAmount: '--amount',
  reason: '--reason',
  paymentReference: '--payment-ref',
};

/** Runs `fn` and reports a bad field as the flag that carried it. */
export const asFlags = flagReader(FIELD_FLAGS);

export const BALANCE_HEADERS = [
  'CURRENCY',
  'ALLOCATED',
  'CLAIMED',
  'APPROVED',
  'PAID',
  'AVAILABLE',
];

export function balanceCells(b: Balance): Cell[] {
  return [b.currency, b.allocated, b.claimed, b.approved, b.paid, b.available];
}

export function printBalance(out: Output, b: Balance): void {
  out.fields([
    ['allocated', `${b.allocated} ${b.currency}`],
    ['claimed', `${b.claimed} ${b.currency} (awaiting a decision)`],
    ['approved', `${b.approved} ${b.currency} (not yet paid)`],
    ['paid', `${b.paid} ${b.currency}`],
    ['available', `${b.available} ${b.currency}`],
  ]);
}
