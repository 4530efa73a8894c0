/**
 * Maps each message kind to its handler; a kind without one is `unsupported_kind`. Importing this
 * file loads every domain's code: a node reaches it through lazy-registry.ts, with its first
 * message of a domain kind.
 */
import { CATALOG_HANDLERS, CATALOG_WITHDRAW } from '../catalog/index.ts';
import { DEAL_HANDLERS, DEAL_WITHDRAW } from '../deals/index.ts';
import { FUND_HANDLERS, FUND_WITHDRAW } from '../funds/index.ts';
import { INVENTORY_HANDLERS, INVENTORY_WITHDRAW } from '../inventory/index.ts';
import { LEAD_HANDLERS, LEAD_WITHDRAW } from '../leads/index.ts';
import { ORDER_HANDLERS, ORDER_WITHDRAW } from '../orders/index.ts';
import { createWithdrawHandler } from '../records/record-withdraw-handler.ts';
import { SERVICE_HANDLERS, SERVICE_WITHDRAW } from '../service/index.ts';
import { CONNECT_KIND } from './connect-kind.ts';
import type { MessageHandler } from './handler.ts';
import { partnerDisconnectHandler } from './partner-disconnect-handler.ts';
import { partnerUpdateHandler } from './partner-update-handler.ts';

export { CONNECT_KIND };

export interface HandlerRegistry {
  get(kind: string): MessageHandler | undefined;
  /** Every kind this node supports, for the discovery document. */
  kinds(): string[];
  /**
   * While the kind's handler is still to be loaded (lazy-registry.ts), a promise that settles
   * when its load does; undefined once it is there. The inbox waits for it before it opens the
   * message's unit of work, so that no transaction waits for code to load.
   */
  loading?(kind: string): Promise<void> | undefined;
}

/** Every handler of the node, the domains' included. */
export function defaultHandlers(): MessageHandler[] {
  return [
    partnerUpdateHandler,
    partnerDisconnectHandler,
    createWithdrawHandler({
      ...LEAD_WITHDRAW,
      ...DEAL_WITHDRAW,
      ...SERVICE_WITHDRAW,
      ...CATALOG_WITHDRAW,
      ...ORDER_WITHDRAW,
      ...FUND_WITHDRAW,
      ...INVENTORY_WITHDRAW,
    }),
    ...LEAD_HANDLERS,
    ...DEAL_HANDLERS,
    ...SERVICE_HANDLERS,
    ...CATALOG_HANDLERS,
    ...ORDER_HANDLERS,
    ...FUND_HANDLERS,
    ...INVENTORY_HANDLERS,
  ];
}

export function createHandlerRegistry(
  handlers: MessageHandler[] = defaultHandlers(),
): HandlerRegistry {
  const byKind = new Map<string, MessageHandler>(handlers.map((h) => [h.kind, h]));
  return {
    get: (kind) => byKind.get(kind),
    kinds: () => [CONNECT_KIND, ...byKind.keys()].sort(),
  };
}
