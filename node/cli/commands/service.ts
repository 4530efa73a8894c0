/**
 * `partner-sync service …`: service requests with partners, in every category (technical, help
 * desk, accounting, shipping, warranty, inquiry): list, show with the timeline, open, edit the
 * core fields, update status or comment, withdraw. The flags are gathered into the admin API's
 * input shape and read by the same parsers. Warranty claims are in warranty.ts.
 */
import {
  parseReason,
  parseRequestChanges,
  parseRequestFields,
  parseUpdate,
} from '../../service/input.ts';
import {
  openRequest,
  reviseRequest,
  updateRequest,
  withdrawRequest,
} from '../../service/request-ops.ts';
import { parseAttachInputs } from '../../service/attachments.ts';
import { isOverdue } from '../../service/request-rules.ts';
import { requestView } from '../../service/views.ts';
import {
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
  type RecordOwner,
  type RequestCategory,
  type RequestStatus,
} from '../../store/service-store.ts';
import {
  flagInteger,
  flagSet,
  flagString,
  type CommandContext,
  type CommandSpec,
} from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { formatTime, truncate } from '../output.ts';
import { ownerCell, partnerCell, partnersById, printRecordListing } from '../record-listing.ts';
import { partnerFilter } from './outbox.ts';
import { asFlags, printRequest, recordStatusCell } from './service-output.ts';
import {
  flagInput,
  notRunningHint,
  oneOfFlag,
  PARTNER_NARROWING,
  REF_ARG,
  stringFlag,
  targetOf,
} from '../record-flags.ts';
import { SHARED_SERVICE_COMMANDS } from './service-shared.ts';
import { WARRANTY_COMMANDS } from './warranty.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };
const OWNERS: readonly RecordOwner[] = ['self', 'partner'];
const REF_DETAILS = [
  '<ref> is the number "partner-sync service" shows for the request, or its request id.',
];

const FIELD_FLAGS = [
  stringFlag('category', 'CATEGORY', `One of ${REQUEST_CATEGORIES.join(', ')}.`),
  stringFlag('subject', 'TEXT', 'A one-line summary.'),
  stringFlag('description', 'TEXT', 'What the partner should know.'),
  stringFlag('priority', 'PRIORITY', `One of ${REQUEST_PRIORITIES.join(', ')} (default normal).`),
  stringFlag('product', 'SKU', 'The product concerned.'),
  stringFlag('serial', 'SERIAL', 'The serial number of the unit concerned.'),
  stringFlag('due', 'TIME', 'Due by this UTC time (2027-01-31T17:00:00Z); past it, it is overdue.'),
];
const ATTACH_FLAG = stringFlag(
  'attach',
  'TYPE:ORDER,…',
  'Attach read-only snapshots of your documents: order, shipment, invoice or receivable, each with an order number or id (order:PO-1,shipment:PO-1).',
);

/** `--attach order:PO-1,shipment:PO-1` as the admin API's `attachments`. */
function attachInput(ctx: CommandContext) {
  const raw = flagString(ctx, 'attach');
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => {
    const at = item.indexOf(':');
    return at < 0 ? { type: item } : { type: item.slice(0, at), order: item.slice(at + 1) };
  });
  try {
    return parseAttachInputs(items);
  } catch {
    throw new UsageError(
      '--attach must list TYPE:ORDER pairs, TYPE one of order, shipment, invoice, receivable (at most 10)',
      ctx.spec.name,
    );
  }
}

const FIELD_PAIRS = [
  ['category', 'category'],
  ['subject', 'subject'],
  ['description', 'description'],
  ['priority', 'priority'],
  ['product', 'product'],
  ['serial', 'serial'],
  ['due', 'dueAt'],
] as const;

export const serviceCommand: CommandSpec = {
  name: 'service',
  summary: 'List service requests, newest first, opened by you or with you',
  usage: [
    'service [--partner REF] [--owner self|partner] [--status STATUS] [--category CATEGORY] [--overdue] [--limit N] [--json]',
  ],
  example: 'service --owner partner --status open --overdue',
  flags: [
    stringFlag('partner', 'REF', 'Only with this partner (its number or node id).'),
    stringFlag('owner', 'WHO', 'self: requests you opened; partner: requests opened with you.'),
    stringFlag('status', 'STATUS', `Only this status: ${REQUEST_STATUSES.join(', ')}.`),
    stringFlag('category', 'CATEGORY', `Only this category: ${REQUEST_CATEGORIES.join(', ')}.`),
    { name: 'overdue', type: 'boolean', description: 'Only requests past their due date.' },
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const owner = oneOfFlag(ctx, 'owner', OWNERS);
    const status = oneOfFlag<RequestStatus>(ctx, 'status', REQUEST_STATUSES);
    const category = oneOfFlag<RequestCategory>(ctx, 'category', REQUEST_CATEGORIES);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const now = node.deps.clock.now();
      const { requests, names } = await node.deps.store.read(async (tx) => ({
        requests: await tx.service.listRequests(
          {
            now,
            ...(partnerId !== undefined && { partnerId }),
            ...(owner && { owner }),
            ...(status && { status }),
            ...(category && { category }),
            ...(flagSet(ctx, 'overdue') && { overdue: true }),
          },
          { limit },
        ),
        names: await partnersById(tx),
      }));
      return printRecordListing(ctx.out, {
        rows: requests,
        view: (r) => requestView(r, names.get(r.partnerId), now),
        empty: 'No service requests.',
        headers: ['ID', 'WITH', 'BY', 'CATEGORY', 'PRIORITY', 'SUBJECT', 'STATUS', 'DUE'],
        cells: (r) => [
          String(r.id),
          partnerCell(names, r.partnerId),
          ownerCell(r.owner),
          r.category,
          r.priority,
          truncate(r.subject, 40),
          recordStatusCell(r.status, r.withdrawnAt !== null, isOverdue(r, now)),
          formatTime(r.dueAt),
        ],
      });
    });
  },
};

export const serviceShowCommand: CommandSpec = {
  name: 'service show',
  summary: 'Show one request with its timeline of status changes and comments',
  usage: ['service show <ref> [--partner REF] [--json]'],
  example: 'service show SR-17 --partner 2',
  args: REF_ARG,
  flags: [PARTNER_NARROWING],
  json: true,
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      await printRequest(ctx, node, await targetOf(ctx, node));
      return 0;
    });
  },
};

export const serviceOpenCommand: CommandSpec = {
  name: 'service open',
  summary: 'Open a request with a partner (sends service.request)',
  usage: [
    'service open --partner REF --category CATEGORY --subject TEXT --description TEXT [--priority PRIORITY] [--product SKU] [--serial SERIAL] [--due TIME] [--attach TYPE:ORDER,…] [--json]',
  ],
  example:
    'service open --partner 1 --category technical --subject "FW-200 reboots" --description "Reboots every night at 02:00" --priority high --product FW-200',
  flags: [
    { ...stringFlag('partner', 'REF', 'The partner (its number or node id).'), required: true },
    ...FIELD_FLAGS.map((f) =>
      ['category', 'subject', 'description'].includes(f.name) ? { ...f, required: true } : f,
    ),
    ATTACH_FLAG,
  ],
  details: [
    'Shared services are requests too: --category accounting, shipping or help_desk.',
    'Attached documents are snapshots taken now; the partner holds them read-only until you withdraw the request.',
  ],
  json: true,
  async run(ctx) {
    const fields = await asFlags(ctx, async () => parseRequestFields(flagInput(ctx, FIELD_PAIRS)));
    const attach = attachInput(ctx);
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, flagString(ctx, 'partner') ?? '');
      const request = await asFlags(ctx, () => openRequest(node.deps, partner, fields, attach));
      if (ctx.out.json) {
        await printRequest(ctx, node, { ref: String(request.id) });
        return 0;
      }
      ctx.out.line(`Opened request ${request.id} (${request.requestId}) with ${partner.name}.`);
      notRunningHint(ctx, node, 'the request');
      return 0;
    });
  },
};

export const serviceEditCommand: CommandSpec = {
  name: 'service edit',
  summary: 'Change the core fields of a request you opened (sends a new version)',
  usage: [
    'service edit <ref> [--category …] [--subject …] [--description …] [--priority …] [--product …] [--serial …] [--due TIME|none]',
  ],
  example: 'service edit SR-17 --priority urgent --due 2027-02-01T12:00:00Z',
  args: REF_ARG,
  flags: [...FIELD_FLAGS, ATTACH_FLAG, PARTNER_NARROWING],
  details: [
    ...REF_DETAILS,
    'Only the fields given change; --due none removes the due date; --attach replaces the attached documents with snapshots taken now.',
  ],
  async run(ctx) {
    const input = flagInput(ctx, FIELD_PAIRS);
    if (input.dueAt === 'none') input.dueAt = null;
    const attach = attachInput(ctx);
    if (Object.keys(input).length === 0 && attach === undefined) {
      throw new UsageError('nothing to change: give at least one field flag', ctx.spec.name);
    }
    const changes = await asFlags(ctx, async () => parseRequestChanges(input));
    return withNode(ctx, async (node) => {
      const request = await reviseRequest(node.deps, await targetOf(ctx, node), changes, attach);
      ctx.out.line(`Request ${request.id} is at version ${request.version}.`);
      notRunningHint(ctx, node, 'the change');
      return 0;
    });
  },
};

export const serviceUpdateCommand: CommandSpec = {
  name: 'service update',
  summary: 'Change the status of a request or comment on it (service.update)',
  usage: ['service update <ref> [--status STATUS] [--comment TEXT (--for-partner | --internal)]'],
  example:
    'service update SR-17 --status in_progress --comment "Firmware 2.4 fixes this" --for-partner',
  args: REF_ARG,
  flags: [
    stringFlag('status', 'STATUS', `The new status: ${REQUEST_STATUSES.join(', ')}.`),
    stringFlag('comment', 'TEXT', 'A comment; say who may read it with one of the next two.'),
    { name: 'for-partner', type: 'boolean', description: 'The comment is sent to the partner.' },
    {
      name: 'internal',
      type: 'boolean',
      description: 'The comment stays on this node; it is never sent.',
    },
    PARTNER_NARROWING,
  ],
  details: [
    ...REF_DETAILS,
    'Either party of a request may update it. An internal comment alone sends nothing.',
  ],
  async run(ctx) {
    const forPartner = flagSet(ctx, 'for-partner');
    const internal = flagSet(ctx, 'internal');
    if (forPartner && internal) {
      throw new UsageError('give either --for-partner or --internal, not both', ctx.spec.name);
    }
    const input = flagInput(ctx, [
      ['status', 'status'],
      ['comment', 'comment'],
    ]);
    if (forPartner || internal) input.visibility = internal ? 'internal' : 'partner';
    const update = await asFlags(ctx, async () => parseUpdate(input));
    return withNode(ctx, async (node) => {
      const request = await updateRequest(node.deps, await targetOf(ctx, node), update);
      ctx.out.line(`Request ${request.id} is ${request.status}.`);
      if (update.status !== undefined || update.comment?.visibility === 'partner') {
        notRunningHint(ctx, node, 'the update');
      }
      return 0;
    });
  },
};

export const serviceWithdrawCommand: CommandSpec = {
  name: 'service withdraw',
  summary: 'Stop sharing a request you opened (sends record.withdraw)',
  usage: ['service withdraw <ref> --reason TEXT'],
  example: 'service withdraw SR-17 --reason "solved on site"',
  args: REF_ARG,
  flags: [
    { ...stringFlag('reason', 'TEXT', 'Why, for the partner.'), required: true },
    PARTNER_NARROWING,
  ],
  details: REF_DETAILS,
  async run(ctx) {
    const reason = await asFlags(ctx, async () =>
      parseReason(flagInput(ctx, [['reason', 'reason']])),
    );
    return withNode(ctx, async (node) => {
      const request = await withdrawRequest(node.deps, await targetOf(ctx, node), reason);
      ctx.out.line(`Withdrew request ${request.id}; the partner marks its copy withdrawn.`);
      notRunningHint(ctx, node, 'the withdrawal');
      return 0;
    });
  },
};

export const SERVICE_COMMANDS: readonly CommandSpec[] = [
  serviceCommand,
  serviceShowCommand,
  serviceOpenCommand,
  serviceEditCommand,
  serviceUpdateCommand,
  serviceWithdrawCommand,
  ...SHARED_SERVICE_COMMANDS,
  ...WARRANTY_COMMANDS,
];
