import type { MessageKind } from '../../protocol/index.ts';

/** Kinds this node understands but that never arrive at the inbox (they have their own route). */
export const CONNECT_KIND: MessageKind = 'partner.connect';
