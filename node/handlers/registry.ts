/** Maps each message kind to its handler; a kind without one is `unsupported_kind`. */
import type { MessageHandler } from './handler.ts';
import { partnerDisconnectHandler } from './partner-disconnect.ts';
import { partnerUpdateHandler } from './partner-update.ts';

/** Kinds this node understands but that never arrive at the inbox (they have their own route). */
export const CONNECT_KIND = 'partner.connect';

export interface HandlerRegistry {
  get(kind: string): MessageHandler | undefined;
  /** Every kind this node supports, for the discovery document. */
  kinds(): string[];
}

export function createHandlerRegistry(
  handlers: MessageHandler[] = [partnerUpdateHandler, partnerDisconnectHandler],
): HandlerRegistry {
  const byKind = new Map(handlers.map((h) => [h.kind, h]));
  return {
    get: (kind) => byKind.get(kind),
    kinds: () => [CONNECT_KIND, ...byKind.keys()].sort(),
  };
}
