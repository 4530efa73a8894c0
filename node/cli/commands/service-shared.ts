/**
 * `partner-sync service agreements|agreement|set-agreement|remove-agreement|charges|invoice`: shared services as a provider.
 * The agreement with each partner (categories offered, response and resolution SLA, billing),
 * the charges of billable requests resolved, and invoicing them. Input goes through the same
 * parsers as the admin API.
 */
import { agreementView, parseAgreement } from '../../service/agreements.ts';
import { chargeView, invoiceCharges } from '../../service/charges.ts';
import { parseInput } from '../../input/parse-input.ts';
import { ServiceInvoiceRequest } from '../../service/service-schemas.ts';
import { notFound } from '../../errors.ts';
import { REQUEST_CATEGORIES } from '../../store/service-store.ts';
import type { Agreement } from '../../store/shared-service-store.ts';
import { flagInteger, flagSet, flagString, type CommandSpec } from '../command.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';
import { oneOfFlag, stringFlag } from '../record-flags.ts';
import { partnerFilter } from './outbox.ts';
import { flagReader } from '../flag-errors.ts';

/** The agreement fields' flags, so that a bad value is named as the operator typed it. */
const AGREEMENT_FLAGS: Record<string, string> = {
  categories: '--categories',
  responseHours: '--response-hours',
  resolutionHours: '--resolution-hours',
  billable: '--billable',
  price: '--price',
  currency: '--currency',
  priceUnit: '--per',
};

/** Agreement and invoice input read as the admin API reads it; an error names the flag. */
const readAgreementFlags = flagReader(AGREEMENT_FLAGS);

const INVOICE_FLAGS: Record<string, string> = { invoiceNumber: '--number', charges: '--charges' };

const readInvoiceFlags = flagReader(INVOICE_FLAGS);

const PARTNER_ARG = [{ name: 'partner', required: true }] as const;
const LIMIT = { min: 1, max: 500, fallback: 50 };

function agreementLines(a: Agreement): Array<[string, string]> {
  return [
    ['categories', a.categories.join(', ')],
    ['response', a.responseHours === null ? 'no target' : `${a.responseHours} h`],
    ['resolution', a.resolutionHours === null ? 'no target' : `${a.resolutionHours} h`],
    ['billable', a.billable ? `${a.price} ${a.currency} per ${a.priceUnit}` : 'no'],
  ];
}

export const serviceAgreementsCommand: CommandSpec = {
  name: 'service agreements',
  summary: 'List the service agreements you keep with the partners you serve',
  usage: ['service agreements [--json]'],
  example: 'service agreements --json',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const agreements = await node.deps.store.read((tx) => tx.sharedServices.listAgreements());
      if (ctx.out.json) {
        ctx.out.data(agreements.map(agreementView));
        return 0;
      }
      if (agreements.length === 0) {
        ctx.out.line('No service agreements: partners may open requests in any category.');
        return 0;
      }
      ctx.out.table(
        ['PARTNER', 'CATEGORIES', 'RESPONSE', 'RESOLUTION', 'BILLABLE'],
        agreements.map((a) => [String(a.partnerId), ...agreementLines(a).map(([, v]) => v)]),
      );
      return 0;
    });
  },
};

export const serviceAgreementCommand: CommandSpec = {
  name: 'service agreement',
  summary: 'Show the service agreement with one partner',
  usage: ['service agreement <partner> [--json]'],
  example: 'service agreement 2',
  args: PARTNER_ARG,
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, ctx.args[0] ?? '');
      const agreement = await node.deps.store.read((tx) =>
        tx.sharedServices.agreementOf(partner.id),
      );
      if (!agreement) throw notFound(`service agreement with partner ${partner.id}`);
      if (ctx.out.json) ctx.out.data(agreementView(agreement));
      else ctx.out.fields(agreementLines(agreement));
      return 0;
    });
  },
};

export const serviceAgreementSetCommand: CommandSpec = {
  name: 'service set-agreement',
  summary: "Set a partner's service agreement: categories offered, SLA, billing",
  usage: [
    'service set-agreement <partner> --categories LIST [--response-hours N] [--resolution-hours N] [--billable --price DECIMAL --currency CODE --per request|hour] [--json]',
  ],
  example:
    'service set-agreement 2 --categories shipping,accounting --response-hours 4 --resolution-hours 48 --billable --price 25.00 --currency EUR --per request',
  args: PARTNER_ARG,
  flags: [
    {
      ...stringFlag(
        'categories',
        'LIST',
        `Comma-separated categories offered: ${REQUEST_CATEGORIES.join(', ')}.`,
      ),
      required: true,
    },
    stringFlag('response-hours', 'N', 'First answer due N hours after a request arrives.'),
    stringFlag(
      'resolution-hours',
      'N',
      'Resolution due N hours after it arrives (drives overdue).',
    ),
    { name: 'billable', type: 'boolean', description: 'Resolved requests are charged.' },
    stringFlag('price', 'DECIMAL', 'The price, with --billable.'),
    stringFlag('currency', 'CODE', 'ISO 4217 currency of the price.'),
    stringFlag('per', 'UNIT', 'request: one price per request; hour: per hour started.'),
  ],
  details: [
    'The whole agreement is replaced. Requests in other categories are refused',
    '(forbidden, service_not_offered); without an agreement every category is offered.',
  ],
  json: true,
  async run(ctx) {
    const hours = (name: string) =>
      flagString(ctx, name) === undefined
        ? undefined
        : flagInteger(ctx, name, { min: 1, max: 8760, fallback: 1 });
    const input: Record<string, unknown> = {
      categories: (flagString(ctx, 'categories') ?? '').split(',').map((c) => c.trim()),
      responseHours: hours('response-hours'),
      resolutionHours: hours('resolution-hours'),
      billable: flagSet(ctx, 'billable'),
      price: flagString(ctx, 'price'),
      currency: flagString(ctx, 'currency'),
      priceUnit: flagString(ctx, 'per'),
    };
    const fields = await readAgreementFlags(ctx, () => parseAgreement(input));
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, ctx.args[0] ?? '');
      const now = node.deps.clock.now();
      const agreement = await node.deps.store.transact((tx) =>
        tx.sharedServices.putAgreement(partner.id, fields, now),
      );
      if (ctx.out.json) ctx.out.data(agreementView(agreement));
      else ctx.out.line(`Service agreement with ${partner.name} set.`);
      return 0;
    });
  },
};

export const serviceAgreementRemoveCommand: CommandSpec = {
  name: 'service remove-agreement',
  summary: "Remove a partner's agreement: every category offered, no SLA, no charge",
  usage: ['service remove-agreement <partner> [--json]'],
  example: 'service remove-agreement 2',
  args: PARTNER_ARG,
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, ctx.args[0] ?? '');
      const removed = await node.deps.store.transact((tx) =>
        tx.sharedServices.deleteAgreement(partner.id),
      );
      if (!removed) throw notFound(`service agreement with partner ${partner.id}`);
      if (ctx.out.json) ctx.out.data({ partnerId: partner.id, removed: true });
      else ctx.out.line(`Service agreement with ${partner.name} removed.`);
      return 0;
    });
  },
};

export const serviceChargesCommand: CommandSpec = {
  name: 'service charges',
  summary: 'List the charges of billable requests you resolved, newest first',
  usage: ['service charges [--partner REF] [--status open|invoiced] [--limit N] [--json]'],
  example: 'service charges --status open',
  flags: [
    stringFlag('partner', 'REF', 'Only this partner’s (its number or node id).'),
    stringFlag('status', 'STATUS', 'open or invoiced.'),
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const status = oneOfFlag(ctx, 'status', ['open', 'invoiced'] as const);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const views = await node.deps.store.read(async (tx) => {
        const charges = await tx.sharedServices.listCharges(
          { ...(partnerId !== undefined && { partnerId }), ...(status && { status }) },
          { limit },
        );
        const out = [];
        for (const c of charges) {
          out.push(chargeView(c, (await tx.service.getRequest(c.requestRowId))?.requestId ?? null));
        }
        return out;
      });
      if (ctx.out.json) {
        ctx.out.data(views);
        return 0;
      }
      if (views.length === 0) {
        ctx.out.line('No charges.');
        return 0;
      }
      ctx.out.table(
        ['ID', 'PARTNER', 'REQUEST', 'QTY', 'AMOUNT', 'STATUS', 'INVOICE', 'BOOKED'],
        views.map((c) => [
          String(c.id),
          String(c.partnerId),
          String(c.requestRowId),
          `${c.quantity} ${c.unit}`,
          `${c.amount} ${c.currency}`,
          c.status,
          c.invoiceNumber ?? '-',
          formatTime(new Date(c.bookedAt)),
        ]),
      );
      return 0;
    });
  },
};

export const serviceInvoiceCommand: CommandSpec = {
  name: 'service invoice',
  summary: 'Invoice a partner’s open service charges under one invoice number',
  usage: ['service invoice --partner REF --number TEXT [--charges ID,ID…] [--json]'],
  example: 'service invoice --partner 2 --number SVC-2027-001',
  flags: [
    { ...stringFlag('partner', 'REF', 'The partner (its number or node id).'), required: true },
    { ...stringFlag('number', 'TEXT', 'Your invoice number.'), required: true },
    stringFlag('charges', 'IDS', 'Only these charges (comma-separated); default all open ones.'),
  ],
  json: true,
  async run(ctx) {
    // The admin API's body, read by the same schema: an error names the flag that carried it.
    const list = flagString(ctx, 'charges');
    const { invoiceNumber: number, charges: ids } = await readInvoiceFlags(ctx, () =>
      parseInput(ServiceInvoiceRequest, {
        partner: flagString(ctx, 'partner') ?? '',
        invoiceNumber: flagString(ctx, 'number') ?? '',
        ...(list !== undefined && { charges: list.split(',').map((s) => Number(s.trim())) }),
      }),
    );
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, flagString(ctx, 'partner') ?? '');
      const result = await invoiceCharges(node.deps, partner, number, ids);
      if (ctx.out.json) {
        ctx.out.data({
          invoiceNumber: result.invoiceNumber,
          partnerId: result.partnerId,
          totals: result.totals,
          charges: result.charges.map((c) => chargeView(c, null)),
        });
        return 0;
      }
      const totals = result.totals.map((t) => `${t.amount} ${t.currency}`).join(', ');
      ctx.out.line(
        `Invoice ${number}: ${result.charges.length} charge(s) for ${partner.name}, ${totals}.`,
      );
      return 0;
    });
  },
};

export const SHARED_SERVICE_COMMANDS: readonly CommandSpec[] = [
  serviceAgreementsCommand,
  serviceAgreementCommand,
  serviceAgreementSetCommand,
  serviceAgreementRemoveCommand,
  serviceChargesCommand,
  serviceInvoiceCommand,
];
