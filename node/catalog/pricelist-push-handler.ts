/** pricelist.push: a part of a price list version from the list's owner (receive-version.ts). */
import type { MessageHandler } from '../handlers/handler.ts';
import { PRICE_LIST } from './list-kinds.ts';
import { applyPush, authorizePush } from './receive-version.ts';

export const pricelistPushHandler: MessageHandler = {
  kind: PRICE_LIST.messageKind,
  authorize: (ctx, tx) => authorizePush(PRICE_LIST, ctx, tx),
  apply: (ctx, tx) => applyPush(PRICE_LIST, ctx, tx),
};
