/**
 * `partner-sync expenses …`: expense claims against fund allocations, filed by you or filed with
 * you: list, show, file (checked against the allocation first; proof files are hashed here and
 * only their digests are sent), decide (as the vendor). Named `expenses`, not `claims`, so that
 * they are not mistaken for warranty claims (`partner-sync warranty`).
 */
import { refusalCell } from '../refusal-cell.ts';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { decideExpenseClaim, fileExpenseClaim } from '../../funds/claim-ops.ts';
import { findClaimRef } from '../../funds/find-record.ts';
import { DECISION_STATUSES, parseClaimInput, parseDecision } from '../../funds/input.ts';
import { claimView } from '../../funds/views.ts';
import { EXPENSE_STATUSES, type FundOwner } from '../../store/fund-store.ts';
import { flagInteger, flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { CliFailure } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { statusCell, truncate } from '../output.ts';
import { ownerCell, partnerCell, partnersById, printRecordListing } from '../record-listing.ts';
import { partnerFilter } from './outbox.ts';
import { asFlags } from './funds-shared.ts';
import {
  flagInput,
  notRunningHint,
  oneOfFlag,
  PARTNER_NARROWING,
  REF_ARG,
  stringFlag,
  targetOf,
} from '../record-flags.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };
const OWNERS: readonly FundOwner[] = ['self', 'partner'];
const REF_DETAILS = [
  '<ref> is the number "partner-sync expenses" shows for the claim, or its claim id.',
];

/** "Booth rental=1800.00; Brochures=420.50" → lines. */
function parseLines(text: string): Array<{ description: string; amount: string }> {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.lastIndexOf('=');
      return {
        description: part.slice(0, Math.max(at, 0)).trim(),
        amount: part.slice(at + 1).trim(),
      };
    });
}

/** Hashes the proof files named on the command line; their bytes never leave this machine. */
async function proofOf(ctx: CommandContext, list: string | undefined) {
  if (list === undefined) return [];
  const files = list
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  return Promise.all(
    files.map(async (file) => {
      const path = resolve(ctx.io.cwd, file);
      try {
        const info = await stat(path);
        const bytes = await readFile(path);
        return {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          name: basename(path),
          size: info.size,
        };
      } catch {
        throw new CliFailure(`--proof: cannot read ${file}`);
      }
    }),
  );
}

export const expensesCommand: CommandSpec = {
  name: 'expenses',
  summary: 'List expense claims, newest first, filed by you or with you',
  example: 'expenses --status submitted',
  usage: [
    'expenses [--partner REF] [--owner self|partner] [--status STATUS] [--allocation ID] [--limit N] [--json]',
  ],
  flags: [
    stringFlag('partner', 'REF', 'Only with this partner (its number or node id).'),
    stringFlag('owner', 'WHO', 'self: claims you filed; partner: claims filed with you.'),
    stringFlag('status', 'STATUS', `Only this status: ${EXPENSE_STATUSES.join(', ')}.`),
    stringFlag('allocation', 'ID', 'Only claims against this allocation (its allocation id).'),
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const owner = oneOfFlag(ctx, 'owner', OWNERS);
    const status = oneOfFlag(ctx, 'status', EXPENSE_STATUSES);
    const allocationId = flagString(ctx, 'allocation');
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const { claims, names } = await node.deps.store.read(async (tx) => ({
        claims: await tx.funds.listClaims(
          {
            ...(partnerId !== undefined && { partnerId }),
            ...(owner !== undefined && { owner }),
            ...(status !== undefined && { status }),
            ...(allocationId !== undefined && { allocationId }),
          },
          { limit },
        ),
        names: await partnersById(tx),
      }));
      return printRecordListing(ctx.out, {
        rows: claims,
        view: (c) => claimView(c, names.get(c.partnerId)),
        empty: 'No expense claims.',
        headers: ['ID', 'WITH', 'BY', 'INVOICE', 'ACTIVITY', 'TOTAL', 'APPROVED', 'STATUS'],
        cells: (c) => [
          String(c.id),
          partnerCell(names, c.partnerId),
          ownerCell(c.owner),
          truncate(c.invoiceNumber, 20),
          truncate(c.activity, 20),
          `${c.total} ${c.currency}`,
          c.approvedAmount === null ? '-' : `${c.approvedAmount} ${c.currency}`,
          c.reasonCode
            ? { text: `${c.status} (${c.reasonCode})`, style: 'red' }
            : statusCell(c.status),
        ],
      });
    });
  },
};

export const expensesShowCommand: CommandSpec = {
  name: 'expenses show',
  summary: 'Show one expense claim with its lines, proof digests and decision',
  example: 'expenses show 3',
  usage: ['expenses show <ref> [--partner REF] [--json]'],
  args: REF_ARG,
  flags: [PARTNER_NARROWING],
  json: true,
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const target = await targetOf(ctx, node);
      const view = await node.deps.store.read(async (tx) => {
        const claim = await findClaimRef(tx, target);
        return claimView(claim, (await tx.partners.getById(claim.partnerId)) ?? undefined);
      });
      const { out } = ctx;
      if (out.json) {
        out.data(view);
        return 0;
      }
      const money = (a: string | null) => (a === null ? undefined : `${a} ${view.currency}`);
      out.line(`${out.style.bold(`claim ${view.id}`)}  ${view.claimId}`);
      out.fields([
        ['status', statusCell(view.status)],
        ['refused', refusalCell(view.refusal)],
        [view.owner === 'self' ? 'vendor' : 'claimant', `${view.partner.name ?? view.partner.id}`],
        ['allocation', view.allocationId],
        ['invoice', `${view.invoiceNumber} of ${view.invoiceDate}`],
        ['activity', view.activity],
        ['total', money(view.total)],
        ['approved', money(view.approvedAmount)],
        ['paid', money(view.paidAmount)],
        ['payment ref', view.paymentReference ?? undefined],
        ['reason', view.reason ?? undefined],
        ['reason code', view.reasonCode ?? undefined],
      ]);
      out.line();
      out.table(
        ['LINE', 'AMOUNT'],
        view.lines.map((l) => [truncate(l.description, 60), l.amount]),
      );
      if (view.proof.length > 0) {
        out.line();
        out.table(
          ['PROOF', 'SHA-256', 'BYTES'],
          view.proof.map((p) => [
            truncate(p.name, 40),
            p.sha256,
            p.size === undefined ? '-' : String(p.size),
          ]),
        );
      }
      return 0;
    });
  },
};

export const expensesFileCommand: CommandSpec = {
  name: 'expenses file',
  summary: 'File an expense claim against an allocation to you (expense.claim)',
  example:
    'expenses file --allocation 1 --invoice INV-0412 --invoice-date 2027-03-18 --activity trade_show --lines "Booth=1800.00; Brochures=420.50" --total 2220.50 --proof invoice.pdf',
  usage: [
    'expenses file --allocation REF --invoice NUMBER --invoice-date DATE --activity NAME --lines "TEXT=AMOUNT; …" --total AMOUNT [--currency CODE] [--proof FILE,…]',
  ],
  flags: [
    {
      ...stringFlag('allocation', 'REF', 'The allocation: its number here or its allocation id.'),
      required: true,
    },
    { ...stringFlag('invoice', 'NUMBER', 'The expense invoice number.'), required: true },
    {
      ...stringFlag('invoice-date', 'DATE', 'The invoice date, within the validity.'),
      required: true,
    },
    { ...stringFlag('activity', 'NAME', "One of the allocation's activities."), required: true },
    {
      ...stringFlag('lines', 'LINES', 'Lines as "description=amount", separated by ";".'),
      required: true,
    },
    {
      ...stringFlag('total', 'AMOUNT', 'The total: exactly the sum of the lines.'),
      required: true,
    },
    stringFlag('currency', 'CODE', "Defaults to the allocation's currency."),
    stringFlag('proof', 'FILES', 'Proof files, comma-separated; only their SHA-256 is sent.'),
    PARTNER_NARROWING,
  ],
  details: [
    'The claim is checked first against the allocation as this node knows it: over the balance, past the deadline, an ineligible activity or another currency is refused here and nothing is sent.',
  ],
  async run(ctx) {
    const proof = await proofOf(ctx, flagString(ctx, 'proof'));
    const input = await asFlags(ctx, async () =>
      parseClaimInput({
        ...flagInput(ctx, [
          ['allocation', 'allocation'],
          ['invoice', 'invoiceNumber'],
          ['invoice-date', 'invoiceDate'],
          ['activity', 'activity'],
          ['total', 'total'],
          ['currency', 'currency'],
        ]),
        lines: parseLines(flagString(ctx, 'lines') ?? ''),
        proof,
      }),
    );
    return withNode(ctx, async (node) => {
      const vendorRef = flagString(ctx, 'partner');
      const vendor =
        vendorRef === undefined ? undefined : await findPartnerRef(node.deps.store, vendorRef);
      const claim = await asFlags(ctx, () => fileExpenseClaim(node.deps, input, vendor));
      ctx.out.line(
        `Filed expense claim ${claim.id} (${claim.claimId}) for ${claim.total} ${claim.currency}.`,
      );
      notRunningHint(ctx, node, 'the claim');
      return 0;
    });
  },
};

export const expensesDecideCommand: CommandSpec = {
  name: 'expenses decide',
  summary: 'Approve, partially approve, reject or mark paid a claim filed with you',
  example: 'expenses decide 3 --status partial --amount 1800.00 --reason "Brochures not eligible"',
  usage: [
    'expenses decide <ref> --status approved|partial|rejected|paid [--amount AMOUNT] [--reason TEXT] [--payment-ref REF]',
  ],
  args: REF_ARG,
  flags: [
    {
      ...stringFlag('status', 'STATUS', `One of ${DECISION_STATUSES.join(', ')}.`),
      required: true,
    },
    stringFlag('amount', 'AMOUNT', 'With partial: the amount approved, below the total.'),
    stringFlag('reason', 'TEXT', 'For the partner; required with partial and rejected.'),
    stringFlag('payment-ref', 'REF', 'With paid: the payment reference.'),
    PARTNER_NARROWING,
  ],
  details: [
    ...REF_DETAILS,
    'Decisions only move forward: approved, partial or rejected, then paid (approved or partial only).',
  ],
  async run(ctx) {
    const decision = await asFlags(ctx, async () =>
      parseDecision(
        flagInput(ctx, [
          ['status', 'status'],
          ['amount', 'approvedAmount'],
          ['reason', 'reason'],
          ['payment-ref', 'paymentReference'],
        ]),
      ),
    );
    return withNode(ctx, async (node) => {
      const target = await targetOf(ctx, node);
      const claim = await asFlags(ctx, () => decideExpenseClaim(node.deps, target, decision));
      ctx.out.line(`Claim ${claim.id} is ${claim.status}.`);
      notRunningHint(ctx, node, 'the decision');
      return 0;
    });
  },
};

export const EXPENSES_COMMANDS: readonly CommandSpec[] = [
  expensesCommand,
  expensesShowCommand,
  expensesFileCommand,
  expensesDecideCommand,
];
