/**
 * `partner-sync refusals`: messages partners refused, with the record each was about. This is
 * the operator's notification that a record on our side was not taken by the partner; `--ack`
 * marks them seen, and `status` counts those not yet seen.
 */
import { refusalRecordView } from '../../records/refusal-view.ts';
import { flagInteger, flagSet, type CommandSpec } from '../command.ts';
import { withNode } from '../node-context.ts';
import { formatTime, truncate } from '../output.ts';

const LIMIT = { min: 1, max: 10_000, fallback: 100 };

export const refusalsCommand: CommandSpec = {
  name: 'refusals',
  summary: 'Messages partners refused, and the records they were about',
  usage: ['refusals [--all] [--ack] [--limit N] [--json]'],
  example: 'refusals --ack',
  flags: [
    { name: 'all', type: 'boolean', description: 'Also those already acknowledged.' },
    { name: 'ack', type: 'boolean', description: 'Mark the refusals shown as seen.' },
    {
      name: 'limit',
      type: 'string',
      value: 'N',
      description: `Show at most N refusals (default ${LIMIT.fallback}).`,
    },
  ],
  json: true,
  details: [
    'A refusal stays on the record it was about (deals show, and the admin API) until a later',
    'message about that record is accepted.',
  ],
  async run(ctx) {
    const limit = flagInteger(ctx, 'limit', LIMIT);
    const all = flagSet(ctx, 'all');
    return withNode(ctx, async ({ deps }) => {
      const { refusals, names } = await deps.store.read(async (tx) => ({
        refusals: await tx.refusals.list({ unseen: !all }, limit),
        names: new Map((await tx.partners.list()).map((p) => [p.id, p.name])),
      }));
      if (flagSet(ctx, 'ack') && refusals.length > 0) {
        const now = deps.clock.now();
        await deps.store.transact((tx) =>
          tx.refusals.markSeen(
            refusals.map((r) => r.id),
            now,
          ),
        );
      }
      const { out } = ctx;
      if (out.json) {
        out.data(refusals.map((r) => refusalRecordView(r, names.get(r.partnerId) ?? null)));
        return 0;
      }
      if (refusals.length === 0) {
        out.line(all ? 'No partner has refused a message.' : 'No refusals to look at.');
        return 0;
      }
      out.table(
        ['AT', 'PARTNER', 'KIND', 'RECORD', 'SENT BY', 'CODE', 'REASON'],
        refusals.map((r) => [
          formatTime(r.at),
          names.get(r.partnerId) ?? String(r.partnerId),
          r.kind,
          r.recordKind && r.recordId ? `${r.recordKind} ${r.recordId}` : '-',
          r.sentByEmail ?? '-',
          { text: r.code, style: 'red' },
          truncate(r.reason, 60),
        ]),
      );
      return 0;
    });
  },
};
