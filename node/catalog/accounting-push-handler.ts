/** accounting.push: a part of an accounting data set version from its owner (receive-version.ts). */
import type { MessageHandler } from '../handlers/handler.ts';
import { ACCOUNTING } from './list-kinds.ts';
import { applyPush, authorizePush } from './receive-version.ts';

export const accountingPushHandler: MessageHandler = {
  kind: ACCOUNTING.messageKind,
  authorize: (ctx, tx) => authorizePush(ACCOUNTING, ctx, tx),
  apply: (ctx, tx) => applyPush(ACCOUNTING, ctx, tx),
};
