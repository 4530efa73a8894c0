/**
 * `partner-sync warranty …`: warranty claims filed with vendors and filed with you: list, show
 * with versions and decisions, file, amend (a new version), decide (as the vendor), withdraw.
 */
import { amendClaim, decideClaim, fileClaim, withdrawClaim } from '../../service/claim-ops.ts';
import {
  DECISION_STATUSES,
  parseClaimChanges,
  parseClaimFields,
  parseDecision,
  parseReason,
} from '../../service/input.ts';
import { claimView } from '../../service/views.ts';
import { CLAIM_STATUSES, type RecordOwner } from '../../store/service-store.ts';
import { flagInteger, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { truncate } from '../output.ts';
import { ownerCell, partnerCell, partnersById, printRecordListing } from '../record-listing.ts';
import { partnerFilter } from './outbox.ts';
import { asFlags, printClaim, recordStatusCell } from './service-output.ts';
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
const OWNERS: readonly RecordOwner[] = ['self', 'partner'];
const REF_DETAILS = [
  '<ref> is the number "partner-sync warranty" shows for the claim, or its claim id.',
];

const CLAIM_FLAGS = [
  stringFlag('product', 'SKU', 'The product that failed.'),
  stringFlag('serial', 'SERIAL', 'Its serial number.'),
  stringFlag('purchased', 'DATE', 'Purchase date, such as 2026-03-14.'),
  stringFlag('failed', 'DATE', 'Failure date, not before the purchase.'),
  stringFlag('failure', 'TEXT', 'What failed and how.'),
  stringFlag('amount', 'AMOUNT', 'Amount claimed as a decimal, such as 420.00.'),
  stringFlag('currency', 'CODE', 'ISO 4217 currency code, such as EUR.'),
  stringFlag('request', 'ID', 'The service request (its request id) this claim follows.'),
];
const CLAIM_PAIRS = [
  ['product', 'product'],
  ['serial', 'serial'],
  ['purchased', 'purchaseDate'],
  ['failed', 'failureDate'],
  ['failure', 'failure'],
  ['amount', 'claimedAmount'],
  ['currency', 'currency'],
  ['request', 'requestId'],
] as const;

export const warrantyCommand: CommandSpec = {
  name: 'warranty',
  summary: 'List warranty claims, newest first, filed by you or with you',
  usage: ['warranty [--partner REF] [--owner self|partner] [--status STATUS] [--limit N] [--json]'],
  example: 'warranty --owner partner --status submitted',
  flags: [
    stringFlag('partner', 'REF', 'Only with this partner or vendor (its number or node id).'),
    stringFlag('owner', 'WHO', 'self: claims you filed; partner: claims filed with you.'),
    stringFlag('status', 'STATUS', `Only this status: ${CLAIM_STATUSES.join(', ')}.`),
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const owner = oneOfFlag(ctx, 'owner', OWNERS);
    const status = oneOfFlag(ctx, 'status', CLAIM_STATUSES);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const { claims, names } = await node.deps.store.read(async (tx) => ({
        claims: await tx.service.listClaims(
          {
            ...(partnerId !== undefined && { partnerId }),
            ...(owner !== undefined && { owner }),
            ...(status !== undefined && { status }),
          },
          { limit },
        ),
        names: await partnersById(tx),
      }));
      return printRecordListing(ctx.out, {
        rows: claims,
        view: (c) => claimView(c, names.get(c.partnerId)),
        empty: 'No warranty claims.',
        headers: ['ID', 'WITH', 'BY', 'PRODUCT', 'SERIAL', 'CLAIMED', 'APPROVED', 'STATUS'],
        cells: (c) => [
          String(c.id),
          partnerCell(names, c.partnerId),
          ownerCell(c.owner),
          truncate(c.product, 20),
          truncate(c.serial, 24),
          `${c.claimedAmount} ${c.currency}`,
          c.approvedAmount === null ? '-' : `${c.approvedAmount} ${c.currency}`,
          recordStatusCell(c.status, c.withdrawnAt !== null),
        ],
      });
    });
  },
};

export const warrantyShowCommand: CommandSpec = {
  name: 'warranty show',
  summary: 'Show one claim with its versions and decisions',
  usage: ['warranty show <ref> [--partner REF] [--json]'],
  example: 'warranty show WC-8',
  args: REF_ARG,
  flags: [PARTNER_NARROWING],
  json: true,
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      await printClaim(ctx, node, await targetOf(ctx, node));
      return 0;
    });
  },
};

export const warrantyFileCommand: CommandSpec = {
  name: 'warranty file',
  summary: 'File a warranty claim with a vendor (sends warranty.claim)',
  usage: [
    'warranty file --vendor REF --product SKU --serial SERIAL --purchased DATE --failed DATE --failure TEXT --amount AMOUNT --currency CODE [--request ID]',
  ],
  example:
    'warranty file --vendor 1 --product FW-200 --serial SN123456 --purchased 2026-05-02 --failed 2027-01-10 --failure "power supply dead" --amount 180 --currency EUR',
  flags: [
    {
      ...stringFlag('vendor', 'REF', 'The vendor (its partner number or node id).'),
      required: true,
    },
    ...CLAIM_FLAGS.map((f) => (f.name === 'request' ? f : { ...f, required: true })),
  ],
  async run(ctx) {
    const fields = await asFlags(ctx, async () => parseClaimFields(flagInput(ctx, CLAIM_PAIRS)));
    return withNode(ctx, async (node) => {
      const vendor = await findPartnerRef(node.deps.store, flagString(ctx, 'vendor') ?? '');
      const claim = await asFlags(ctx, () => fileClaim(node.deps, vendor, fields));
      ctx.out.line(`Filed claim ${claim.id} (${claim.claimId}) with ${vendor.name}.`);
      notRunningHint(ctx, node, 'the claim');
      return 0;
    });
  },
};

export const warrantyAmendCommand: CommandSpec = {
  name: 'warranty amend',
  summary: 'Amend a claim you filed while undecided or asked for more information',
  usage: ['warranty amend <ref> [--product …] [--serial …] [--failure …] [--amount …] [… ]'],
  example: 'warranty amend WC-8 --amount 160',
  args: REF_ARG,
  flags: [...CLAIM_FLAGS, PARTNER_NARROWING],
  details: [...REF_DETAILS, 'Only the fields given change; the claim is submitted again.'],
  async run(ctx) {
    const input = flagInput(ctx, CLAIM_PAIRS);
    if (Object.keys(input).length === 0) {
      throw new UsageError('nothing to change: give at least one field flag', ctx.spec.name);
    }
    const changes = await asFlags(ctx, async () => parseClaimChanges(input));
    return withNode(ctx, async (node) => {
      const target = await targetOf(ctx, node);
      const claim = await asFlags(ctx, () => amendClaim(node.deps, target, changes));
      ctx.out.line(`Claim ${claim.id} is at version ${claim.version}, submitted again.`);
      notRunningHint(ctx, node, 'the amendment');
      return 0;
    });
  },
};

export const warrantyDecideCommand: CommandSpec = {
  name: 'warranty decide',
  summary: 'Decide a claim filed with you (sends warranty.decision)',
  usage: ['warranty decide <ref> --status STATUS [--amount AMOUNT] [--reason TEXT]'],
  example: 'warranty decide WC-8 --status partial --amount 120 --reason "fan not covered"',
  args: REF_ARG,
  flags: [
    {
      ...stringFlag('status', 'STATUS', `One of ${DECISION_STATUSES.join(', ')}.`),
      required: true,
    },
    stringFlag(
      'amount',
      'AMOUNT',
      'With approved or partial: the amount approved, at most claimed.',
    ),
    stringFlag('reason', 'TEXT', 'For the claimant; required with rejected and more_info.'),
    PARTNER_NARROWING,
  ],
  details: [
    ...REF_DETAILS,
    'approved, partial and rejected are final; more_info lets the claimant amend the claim.',
  ],
  async run(ctx) {
    const decision = await asFlags(ctx, async () =>
      parseDecision(
        flagInput(ctx, [
          ['status', 'status'],
          ['amount', 'approvedAmount'],
          ['reason', 'reason'],
        ]),
      ),
    );
    return withNode(ctx, async (node) => {
      const target = await targetOf(ctx, node);
      const claim = await asFlags(ctx, () => decideClaim(node.deps, target, decision));
      ctx.out.line(`Claim ${claim.id} is ${claim.status}.`);
      notRunningHint(ctx, node, 'the decision');
      return 0;
    });
  },
};

export const warrantyWithdrawCommand: CommandSpec = {
  name: 'warranty withdraw',
  summary: 'Withdraw a claim you filed (sends record.withdraw)',
  usage: ['warranty withdraw <ref> --reason TEXT'],
  example: 'warranty withdraw WC-8 --reason "filed twice"',
  args: REF_ARG,
  flags: [
    { ...stringFlag('reason', 'TEXT', 'Why, for the vendor.'), required: true },
    PARTNER_NARROWING,
  ],
  details: REF_DETAILS,
  async run(ctx) {
    const reason = await asFlags(ctx, async () =>
      parseReason(flagInput(ctx, [['reason', 'reason']])),
    );
    return withNode(ctx, async (node) => {
      const claim = await withdrawClaim(node.deps, await targetOf(ctx, node), reason);
      ctx.out.line(`Withdrew claim ${claim.id}; the vendor marks its copy withdrawn.`);
      notRunningHint(ctx, node, 'the withdrawal');
      return 0;
    });
  },
};

export const WARRANTY_COMMANDS: readonly CommandSpec[] = [
  warrantyCommand,
  warrantyShowCommand,
  warrantyFileCommand,
  warrantyAmendCommand,
  warrantyDecideCommand,
  warrantyWithdrawCommand,
];
