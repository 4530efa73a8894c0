/**
 * `partner-sync audit …`: the audit trail of what the company's people and tokens changed.
 * `audit list` reads and exports it; `audit verify` checks its hash chain and exits non-zero,
 * naming the first bad row, when a row was edited or deleted.
 */
import {
  auditCsv,
  auditJson,
  exportAudit,
  parseAuditQuery,
  queryAudit,
} from '../../staff/audit-query.ts';
import { parseAuditAnchor, verifyAuditChain } from '../../staff/audit-chain.ts';
import { AppError } from '../../errors.ts';
import { flagString, type CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime, truncate } from '../output.ts';
import { escapeC1 } from '../terminal-text.ts';

const FILTER_FLAGS = ['person', 'record', 'operation', 'from', 'to', 'before', 'limit'] as const;

export const auditListCommand: CommandSpec = {
  name: 'audit list',
  summary: 'Show the audit trail, newest first, filtered; export it as CSV or JSON',
  usage: [
    'audit list [--person EMAIL|ID] [--record REC] [--operation OP] [--from TIME] [--to TIME] [--before SEQ] [--limit N] [--csv | --json]',
  ],
  example: 'audit list --person dana@vendor.example --from 2026-12-01T00:00:00Z --csv',
  flags: [
    {
      name: 'person',
      type: 'string',
      value: 'EMAIL|ID',
      description: 'Only what this person (or their tokens) did.',
    },
    {
      name: 'record',
      type: 'string',
      value: 'REC',
      description: 'Only this record, as the trail names it (partners/5, staff/<id>).',
    },
    {
      name: 'operation',
      type: 'string',
      value: 'OP',
      description: 'Operations starting with this (POST /api/leads, staff.).',
    },
    { name: 'from', type: 'string', value: 'TIME', description: 'From this time (ISO 8601).' },
    { name: 'to', type: 'string', value: 'TIME', description: 'Up to this time (ISO 8601).' },
    {
      name: 'before',
      type: 'string',
      value: 'SEQ',
      description: 'Rows before this number (the next page).',
    },
    {
      name: 'limit',
      type: 'string',
      value: 'N',
      description:
        'At most this many rows (up to 1000). Without it the table shows 100 and --csv or --json export every matching row.',
    },
    {
      name: 'csv',
      type: 'boolean',
      description: 'Print CSV (for a spreadsheet) instead of a table.',
    },
  ],
  json: true,
  async run(ctx) {
    const raw: Record<string, string | undefined> = {};
    for (const f of FILTER_FLAGS) raw[f] = flagString(ctx, f);
    let query;
    try {
      query = parseAuditQuery(raw);
    } catch (error) {
      if (error instanceof AppError)
        throw new UsageError(`--${error.field}: ${error.message}`, ctx.spec.name);
      throw error;
    }
    return withNode(ctx, async ({ deps }) => {
      // An export holds every matching row unless a --limit asks for a page (with its `next`).
      if (ctx.out.json && query.limit !== undefined) {
        ctx.out.data(await queryAudit(deps.store, query));
        return 0;
      }
      if (ctx.out.json) {
        await ctx.out.stream(escaped(auditJson(exportAudit(deps.store, query))));
        return 0;
      }
      if (ctx.flags.csv === true) {
        await ctx.out.stream(auditCsv(exportAudit(deps.store, query)));
        return 0;
      }
      const result = await queryAudit(deps.store, query);
      if (result.entries.length === 0) {
        ctx.out.line('Nothing in the audit trail matches.');
        return 0;
      }
      ctx.out.table(
        ['SEQ', 'TIME', 'WHO', 'FROM', 'OPERATION', 'RECORD', 'OUTCOME'],
        result.entries.map((e) => [
          String(e.seq),
          formatTime(new Date(e.at)),
          e.email ?? e.actorKind,
          e.address,
          truncate(e.operation, 40),
          e.record ?? '-',
          e.outcome === 'ok' ? 'ok' : { text: e.outcome, style: 'red' },
        ]),
      );
      if (result.next !== null) ctx.out.line(`More: --before ${result.next}`);
      return 0;
    });
  },
};

export const auditVerifyCommand: CommandSpec = {
  name: 'audit verify',
  summary: "Check the audit trail's hash chain; name the first bad row",
  usage: ['audit verify [--head SEQ:HASH] [--json]'],
  example:
    'audit verify --head 1234:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  details: [
    'Prints the head as SEQ:HASH. Keep it outside the node now and then and give it as --head',
    'later: the chain alone cannot tell that its newest rows were removed.',
  ],
  flags: [
    {
      name: 'head',
      type: 'string',
      value: 'SEQ:HASH',
      description: 'A head printed by an earlier run: that row must still be there, unchanged.',
    },
  ],
  json: true,
  async run(ctx) {
    const headText = flagString(ctx, 'head');
    const anchor = headText === undefined ? undefined : parseAuditAnchor(headText);
    if (anchor === null) {
      throw new UsageError(
        '--head: give SEQ:HASH as an earlier "audit verify" printed it',
        ctx.spec.name,
      );
    }
    return withNode(ctx, async ({ deps }) => {
      const result = await verifyAuditChain(deps.store, anchor);
      if (ctx.out.json) {
        ctx.out.data(result);
        return result.ok ? 0 : 1;
      }
      if (result.ok) {
        ctx.out.line(
          `The audit trail is intact: ${result.rows} rows, head ${result.rows}:${result.head}.`,
        );
        return 0;
      }
      throw new CliFailure(
        `the audit trail is broken at row ${result.seq}: ${result.problem} (${result.rows} rows before it are intact)`,
      );
    });
  },
};

/** JSON for a terminal: C1 controls escaped, as `out.data` does. */
async function* escaped(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const piece of pieces) yield escapeC1(piece);
}

export const AUDIT_COMMANDS: readonly CommandSpec[] = [auditListCommand, auditVerifyCommand];
