/**
 * The inbound pipeline, in the order the wire contract fixes and cheapest first:
 * envelope → version → partner → recipient → key and signature → time window (protocol's
 * verifyMessage), then kind → body schema → may this partner send this kind, then — inside one
 * unit of work for the whole batch — duplicate, record authorization, id conflict, effects.
 * A rejected message leaves nothing behind but a log line.
 */
import {
  digestOf,
  signReceipt,
  verifyMessage,
  type MessagePayload,
  type PublicJwk,
} from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { crashPoint } from '../faults/crash-points.ts';
import { handlerLimits } from '../handlers/handler.ts';
import { CONNECT_KIND } from '../handlers/connect-kind.ts';
import type { PartnerKeyRefresher } from '../partners/partner-keys.ts';
import { mayAlwaysSend } from '../partners/default-kinds.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { acceptVerified, type VerifiedInbound } from './accept-verified.ts';
import type { ArrivalGate, GatePass } from './arrival-gate.ts';
import { rejected, type InboundResult } from './inbound-result.ts';
import type { PartnerLimits } from './partner-limits.ts';
import type { PartnerWakeups } from './partner-wakeups.ts';
import { logEveryRejection, type RejectionLog } from './rejection-log.ts';

export type InboxDeps = Pick<
  NodeDeps,
  'config' | 'nodeId' | 'store' | 'clock' | 'keys' | 'log' | 'schemas' | 'handlers' | 'notifyOutbox'
> & { partnerKeys: PartnerKeyRefresher; partnerLimits: PartnerLimits } & Pick<NodeDeps, 'metrics'>;

/** A rejection after the signature checked out names the kind, for the metrics. */
type Checked =
  { ok: true; item: VerifiedInbound } | { ok: false; result: InboundResult; kind?: string };

export interface ProcessInboundOptions {
  /** Where rejections are logged; by default each one at info. */
  rejections?: RejectionLog;
  /** Which senders' waiting deliveries to try at once (see partner-wakeups.ts); none by default. */
  wakeups?: PartnerWakeups;
  /** Lets requests checked together commit together (see arrival-gate.ts); none by default. */
  gate?: ArrivalGate;
  /** The HTTP request the batch came in, named on its log lines. */
  requestId?: string | undefined;
}

export async function processInbound(
  deps: InboxDeps,
  batch: unknown[],
  options: ProcessInboundOptions = {},
): Promise<InboundResult[]> {
  const pass = options.gate?.enter();
  try {
    return await checkAndStore(deps, batch, options, pass);
  } finally {
    pass?.leave();
  }
}

async function checkAndStore(
  deps: InboxDeps,
  batch: unknown[],
  options: ProcessInboundOptions,
  pass: GatePass | undefined,
): Promise<InboundResult[]> {
  const receivedAt = deps.clock.now();
  const partners = new Map<string, Promise<Partner | null>>();
  const partnerFor = (nodeId: string) => {
    let p = partners.get(nodeId);
    if (!p) {
      p = deps.store
        .partnerByNodeId(nodeId)
        .then((partner) => (partner && partner.status === 'active' ? partner : null));
      partners.set(nodeId, p);
    }
    return p;
  };

  // Verifications run concurrently: WebCrypto's Ed25519 works off the main thread.
  const checked = await Promise.all(
    batch.map((jws) => checkOne(deps, jws, receivedAt, partnerFor)),
  );

  const results: Array<InboundResult | undefined> = checked.map((c) =>
    c.ok ? undefined : c.result,
  );
  const toAccept = checked.flatMap((c, i) => (c.ok ? [{ index: i, item: c.item }] : []));
  if (toAccept.length > 0) {
    // Per-partner rate and storage quota, by the signed sender: throws PartnerLimitError, which
    // refuses the whole request before anything is stored.
    await deps.partnerLimits.admit(toAccept.map((a) => a.item.partner));
    await pass?.arrive();
    crashPoint('inbox.after-verify');
    const limits = handlerLimits(deps.config);
    let outboxChanged = false;
    await deps.store.transact(async (store) => {
      const tx = watchOutbox(store, () => {
        outboxChanged = true;
      });
      for (const { index, item } of toAccept) {
        results[index] = await acceptVerified(tx, item, deps.nodeId, limits);
      }
      const senders = toAccept.map(({ item }) => item.partner.id);
      const woken = options.wakeups?.due(senders, receivedAt.getTime()) ?? [];
      if (woken.length > 0) await tx.outbox.wakeUnreachable(woken, receivedAt);
    });
    crashPoint('inbox.after-commit');
    for (const { index, item } of toAccept) {
      if (results[index]?.status === 'accepted') {
        deps.partnerLimits.stored(item.partner, item.jws.length);
      }
    }
    // Handlers may have queued answers (a deal conflict, a re-offered lead), and waiting
    // deliveries to a sender may have been woken: send them now. Only then: each wake costs the
    // worker a claim round, which for most messages (an update, a report) would find nothing.
    if (outboxChanged) deps.notifyOutbox();
  }

  const final = results as InboundResult[];
  deps.metrics?.inbound(
    final,
    checked.map((c) => (c.ok ? c.item.message.kind : (c.kind ?? null))),
  );
  const rejections = options.rejections ?? logEveryRejection(deps.log);
  for (const r of final) if (r.status === 'rejected') rejections.rejected(r, options.requestId);
  return final;
}

/**
 * `tx` with every outbox method call reported to `onCall` first (a handler queued or woke
 * something). Proxies, built per unit of work in two allocations: the unit of work may be a
 * wrapper made for this unit alone (the benchmark's node builds one per unit), so nothing can be
 * prepared per object, and enumerating the outbox's methods, or making a fresh object a
 * prototype, on every unit cost more than a one-message request's other checks. Only the methods
 * a handler actually reads are wrapped.
 */
function watchOutbox(tx: StoreTx, onCall: () => void): StoreTx {
  const outbox = new Proxy(tx.outbox, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        onCall();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return new Proxy(tx, {
    get: (target, key) => (key === 'outbox' ? outbox : Reflect.get(target, key)),
  });
}

async function checkOne(
  deps: InboxDeps,
  jws: unknown,
  receivedAt: Date,
  partnerFor: (nodeId: string) => Promise<Partner | null>,
): Promise<Checked> {
  let partner: Partner | null = null;
  const verified = await verifyMessage(jws, {
    self: deps.nodeId,
    now: receivedAt,
    replayWindowMs: deps.config.replayWindowDays * 24 * 3600_000,
    async keysFor(from: string): Promise<PublicJwk[] | null> {
      partner = await partnerFor(from);
      return partner ? partner.keys : null;
    },
    async refreshKeysFor(): Promise<PublicJwk[] | null> {
      return partner ? deps.partnerKeys.refresh(partner) : null;
    },
  });
  if (!verified.ok) {
    return { ok: false, result: rejected(verified.id, verified.code, verified.detail) };
  }
  const message = verified.message;
  // verifyMessage only succeeds after keysFor found the partner.
  const sender = partner as Partner | null;
  if (!sender) throw new Error('verified message without a partner');
  return checkKindAndBody(deps, message, jws as string, sender, receivedAt);
}

async function checkKindAndBody(
  deps: InboxDeps,
  message: MessagePayload,
  jws: string,
  partner: Partner,
  receivedAt: Date,
): Promise<Checked> {
  const reject = (code: Parameters<typeof rejected>[1], detail: string): Checked => ({
    ok: false,
    result: rejected(message.id, code, detail),
    kind: message.kind,
  });
  const handler = deps.handlers.get(message.kind);
  if (!handler && message.kind !== CONNECT_KIND) {
    return reject('unsupported_kind', `this node does not support ${message.kind}`);
  }
  const body = deps.schemas.validateBody(message.kind, message.body);
  if (!body.ok) return reject('invalid_body', body.detail);
  if (!handler) return reject('forbidden', `${CONNECT_KIND} is only accepted at the connect URL`);
  if (!mayAlwaysSend(message.kind) && !partner.allowedKinds.includes(message.kind)) {
    return reject('forbidden', `this partner may not send ${message.kind}`);
  }
  // A domain's handlers load with its first message: here, before the unit of work.
  const loading = deps.handlers.loading?.(message.kind);
  if (loading) await loading;

  const digest = digestOf(jws);
  const receipt = await signReceipt(
    {
      v: 1,
      receiptFor: message.id,
      from: deps.nodeId,
      to: message.from,
      status: 'accepted',
      digest,
      receivedAt: receivedAt.toISOString(),
    },
    deps.keys.signing(),
  );
  return { ok: true, item: { message, jws, digest, partner, handler, receipt, receivedAt } };
}
