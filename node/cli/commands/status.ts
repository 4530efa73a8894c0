/** `partner-sync status`: who this node is, whether it runs, its partners and its outbox. */
import { nodeStatus } from '../../node-status.ts';
import type { CommandSpec } from '../command.ts';
import { commandHint, withNode } from '../node-context.ts';
import { nodeNames } from '../node-names.ts';
import { formatTime, type Cell } from '../output.ts';

export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'Show this node: its id, whether it runs, partners and outbox counts',
  usage: ['status [--json]'],
  example: 'status --json',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps, config, running }) => {
      const status = await nodeStatus(deps);
      const { out } = ctx;
      if (out.json) {
        out.data({
          ...status,
          dataDir: config.dataDir,
          running: running === null ? null : { pid: running.pid, startedAt: running.startedAt },
        });
        return 0;
      }
      const server: Cell = running
        ? { text: `running (pid ${running.pid}, since ${running.startedAt})`, style: 'green' }
        : { text: `not running; start it with: ${commandHint(ctx, 'serve')}`, style: 'yellow' };
      out.line(`${out.style.bold(status.name)}  ${status.nodeId}`);
      out.fields([
        ['server', server],
        ['data directory', config.dataDir],
        ['signing key', status.signingKid],
        ['partners', counts(status.partners, ['active', 'suspended', 'removed'])],
        ['outbox', counts(status.outbox, ['pending', 'in_flight', 'delivered', 'dead'])],
        [
          'next delivery',
          status.nextDeliveryAt ? formatTime(new Date(status.nextDeliveryAt)) : '-',
        ],
        [
          'refused',
          status.unseenRefusals > 0
            ? {
                text: `${status.unseenRefusals} message(s) refused by partners; see: ${commandHint(ctx, 'refusals')}`,
                style: 'red',
              }
            : undefined,
        ],
      ]);
      const byPartner = Object.entries(status.outboxByPartner);
      const nameOf = await nodeNames(deps.store, { nodeId: status.nodeId, name: status.name });
      if (byPartner.length > 0) {
        out.line();
        out.table(
          ['PARTNER', 'PENDING', 'IN FLIGHT', 'DELIVERED', 'DEAD'],
          byPartner.map(([nodeId, c]) => [
            nameOf(nodeId),
            String(c.pending ?? 0),
            String(c.in_flight ?? 0),
            String(c.delivered ?? 0),
            c.dead ? { text: String(c.dead), style: 'red' } : '0',
          ]),
        );
      }
      return 0;
    });
  },
};

function counts(values: Record<string, number>, order: string[]): string {
  const keys = [...order, ...Object.keys(values).filter((k) => !order.includes(k))];
  return keys.map((k) => `${values[k] ?? 0} ${k.replace('_', ' ')}`).join(', ');
}
