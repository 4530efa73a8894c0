/**
 * Run as a process of its own (test/node/no-async-hooks.test.ts): two real nodes exchange
 * messages, then one answers the admin API, and after each step the process reports whether
 * Node has installed its promise hooks. Node installs them the first time an AsyncLocalStorage
 * runs and keeps them for the process's life; without them a `then` callback runs with
 * executionAsyncId() 0, with them under the promise's own id. The test runner's process would
 * not do: the runner may use async hooks itself.
 */
import { executionAsyncId } from 'node:async_hooks';
import { newMessageId } from '../../protocol/index.ts';
import { connectPair, postToInbox, signedFrom } from './federation.ts';
import { createTestNode, eventually, removeTestDirs } from './test-node.ts';

function promiseHooksInstalled(): Promise<boolean> {
  return new Promise((resolve) => {
    void Promise.resolve().then(() => resolve(executionAsyncId() !== 0));
  });
}

async function report(step: string): Promise<void> {
  process.stdout.write(`${JSON.stringify({ step, hooks: await promiseHooksInstalled() })}\n`);
}

await report('start');
const vendor = await createTestNode({ name: 'vendor' });
const reseller = await createTestNode({ name: 'reseller' });
try {
  const { onJoiner } = await connectPair(vendor, reseller);
  // The inbox: an accepted message, a refused one (its log line), then a delivery by the outbox.
  const accepted = await signedFrom(reseller, vendor, 'partner.update', { name: 'Reseller' });
  const answer = await postToInbox(vendor, [accepted.jws, 'not.a.jws']);
  if (answer.body.results[0].status !== 'accepted') throw new Error(JSON.stringify(answer.body));
  const stored = () =>
    vendor.deps.store.read((tx) => tx.inbox.list({}, { limit: 100 })).then((l) => l.length);
  const before = await stored();
  await reseller.deps.store.transact((tx) =>
    tx.outbox.enqueue(
      [
        {
          messageId: newMessageId(),
          partnerId: onJoiner.id,
          toNodeId: onJoiner.nodeId,
          kind: 'partner.update',
          body: { name: 'Reseller again' },
        },
      ],
      reseller.deps.clock.now(),
    ),
  );
  reseller.deps.notifyOutbox();
  await eventually(async () => (await stored()) > before, 20_000);
  await report('inbox');
  // The admin API: a change (its audit row and staff cause) and a read.
  const lead = await vendor.api('POST', '/leads', {
    id: 'HOOKS-1',
    company: 'Globex Logistics GmbH',
    contact: { name: 'Dana Weber', email: 'dana@globex.example' },
    region: 'EMEA',
    interest: ['router'],
    estimatedValue: '48000.00',
    currency: 'EUR',
    source: 'web form',
  });
  if (lead.status !== 201) throw new Error(JSON.stringify(lead.body));
  const events = await vendor.api('GET', '/events?types=lead.created');
  if (events.status !== 200) throw new Error(JSON.stringify(events.body));
  await report('admin');
} finally {
  await Promise.all([vendor.stop(), reseller.stop()]);
  await removeTestDirs();
}
