/** `partner-sync keys rotate`: a new signing key, the old one still published for a while. */
import { rotateSigningKey } from '../../identity/rotate-signing-key.ts';
import { auditChangeOutsideStore } from '../../staff/audit-scope.ts';
import type { CommandSpec } from '../command.ts';
import { withNode } from '../node-context.ts';

export const keysRotateCommand: CommandSpec = {
  name: 'keys rotate',
  summary: 'Switch to a new signing key; the old one stays published for retries',
  usage: ['keys rotate [--json]'],
  example: 'keys rotate',
  flags: [],
  json: true,
  details: [
    'Partners fetch the new key the first time they see it. A running node switches to it within',
    'a few seconds; messages already signed with the old key are re-sent unchanged and still',
    'verify, because the old key stays in the published key set until the retry period is over.',
  ],
  async run(ctx) {
    return withNode(ctx, async ({ deps, config, running }) => {
      const previousKid = deps.keys.signing().kid;
      const kid = await rotateSigningKey(deps, deps.clock.now());
      await auditChangeOutsideStore(deps.store, `keys/${kid}`, { previousKid });
      const { out } = ctx;
      if (out.json) {
        out.data({ kid, previousKid });
        return 0;
      }
      out.line(`New signing key ${out.style.bold(kid)} (was ${previousKid}).`);
      out.line(
        `The previous key stays published for ${config.retryHorizonHours + 24} hours so that messages signed with it still verify.`,
      );
      if (running) out.line('The running node picks up the new key within a few seconds.');
      return 0;
    });
  },
};
