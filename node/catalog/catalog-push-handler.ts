/** catalog.push: a part of a product catalog version from its owner (receive-version.ts). */
import type { MessageHandler } from '../handlers/handler.ts';
import { CATALOG } from './list-kinds.ts';
import { applyPush, authorizePush } from './receive-version.ts';

export const catalogPushHandler: MessageHandler = {
  kind: CATALOG.messageKind,
  authorize: (ctx, tx) => authorizePush(CATALOG, ctx, tx),
  apply: (ctx, tx) => applyPush(CATALOG, ctx, tx),
};
