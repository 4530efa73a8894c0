/**
 * The node's handler registry, whose domain handlers (leads, deals, orders, catalogs…) are loaded
 * with the first message of a domain kind rather than at start: with what they use (zod schemas,
 * decimal arithmetic, mail texts) they were about a fifth of the CPU a node spent from its start
 * to `/readyz`, and about 4 MB of an idle node's memory. The partner.* handlers, which every node
 * needs from its first message, are here from the start.
 *
 * Until the domain code is loaded, a domain kind's handler is a stand-in that waits for it and
 * then does what the real one does: the first such message waits for the load (once per
 * process; the inbox waits before its unit of work, see `loading`), and is not refused.
 */
import { MESSAGE_KINDS } from '../../protocol/index.ts';
import { once } from '../load-once.ts';
import { CONNECT_KIND } from './connect-kind.ts';
import type { MessageHandler } from './handler.ts';
import { partnerDisconnectHandler } from './partner-disconnect-handler.ts';
import { partnerUpdateHandler } from './partner-update-handler.ts';
import type { HandlerRegistry } from './registry.ts';

export interface LazyHandlerRegistry extends HandlerRegistry {
  /** Loads every domain's handlers (once); `get` returns them from then on. */
  load(): Promise<void>;
}

const AT_START: readonly MessageHandler[] = [partnerUpdateHandler, partnerDisconnectHandler];
const AT_START_KINDS: ReadonlySet<string> = new Set(AT_START.map((h) => h.kind));
const noop = () => undefined;

export function createLazyHandlerRegistry(): LazyHandlerRegistry {
  // Every kind the protocol defines has a handler, except the connect message, which has its own
  // route (test/node/architecture/handlers.test.ts holds the full registry to the same list).
  const kinds = [...MESSAGE_KINDS].sort();
  const handled = new Set<string>(kinds.filter((kind) => kind !== CONNECT_KIND));
  const byKind = new Map<string, MessageHandler>(AT_START.map((h) => [h.kind, h]));
  let loaded: HandlerRegistry | undefined;
  const load = once(async () => {
    const { createHandlerRegistry, defaultHandlers } = await import('./registry.ts');
    loaded = createHandlerRegistry(defaultHandlers());
  });

  const standIn = (kind: MessageHandler['kind']): MessageHandler => {
    const real = async () => {
      await load();
      const handler = loaded?.get(kind);
      if (!handler) throw new Error(`no handler for ${kind} in the node's registry`);
      return handler;
    };
    return {
      kind,
      authorize: async (ctx, tx) => (await real()).authorize(ctx, tx),
      apply: async (ctx, tx) => (await real()).apply(ctx, tx),
    };
  };

  return {
    get(kind) {
      const handler = loaded?.get(kind) ?? byKind.get(kind);
      if (handler || !handled.has(kind)) return handler;
      void load().catch(() => undefined);
      const waiting = standIn(kind as MessageHandler['kind']);
      byKind.set(kind, waiting);
      return waiting;
    },
    kinds: () => [...kinds],
    loading(kind) {
      if (loaded || AT_START_KINDS.has(kind) || !handled.has(kind)) return undefined;
      // A failed load is the stand-in's to report, in the message's unit of work, as before.
      return load().then(noop, noop);
    },
    load,
  };
}
