/**
 * An event is never emitted for a change that did not commit: a real `partner-sync serve` process
 * is SIGKILLed right after an event was written inside the unit of work of its change
 * (crash point `events.after-emit`). After the restart neither the change nor its event is there;
 * the partner's retry then applies the change once, with exactly one event naming its message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/test-node.ts';
import { cleanUpChildNodes } from '../faults/support/child-node.ts';
import { declaredName, sendProfile, startPair } from '../faults/support/crash-pair.ts';

afterAll(cleanUpChildNodes);

function declaredEvents(node: { query: any }): Array<{ type: string; cause: string }> {
  return node.query((db: any) =>
    db
      .prepare(`SELECT type, cause FROM domain_events WHERE type = 'partner.profile_declared'`)
      .all(),
  );
}

describe('events › crash points', () => {
  it('events.after-emit: a node killed after writing an event commits neither it nor the change', async () => {
    const pair = await startPair();
    await pair.vendor.stop();
    await pair.vendor.start({ PARTNER_SYNC_CRASH_AT: 'events.after-emit' });
    const [sent] = await sendProfile(pair.reseller, 'Reseller renamed');
    const exit = await pair.vendor.exit();
    expect(exit.signal).toBe('SIGKILL');
    // The event was written, then the process died before COMMIT: nothing of it is left.
    expect(declaredEvents(pair.vendor)).toEqual([]);
    expect(declaredName(pair.vendor, pair.reseller.url)).not.toBe('Reseller renamed');

    await pair.vendor.start();
    await eventually(
      async () => declaredName(pair.vendor, pair.reseller.url) === 'Reseller renamed',
      20_000,
    );
    const events = declaredEvents(pair.vendor);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.cause)).toMatchObject({
      kind: 'partner',
      nodeId: pair.reseller.url,
      messageId: sent!.messageId,
    });
  }, 60_000);
});
