/**
 * Pages of received messages, newest first, with the receivedAt cursor the API exposes. Every
 * message of one inbound batch shares its receivedAt, so a page must never end inside such a
 * group: the next page (`receivedAt < cursor`) would skip the rest of it. A page that would is
 * cut before the group, and a page that is one group only is widened to the whole group.
 */
import type { Store } from '../store/store.ts';
import type { InboundMessage } from '../store/types.ts';

/** Larger than any batch a node accepts (maxBatch is at most 1000), with room for coincidences. */
const MAX_GROUP = 10_000;

export interface InboundPage {
  messages: InboundMessage[];
  /** Pass as `after` for the next page; null when there is none. */
  nextCursor: number | null;
}

export async function listInboundPage(
  store: Store,
  filter: { partnerId?: number; kind?: string },
  page: { limit: number; after?: number },
): Promise<InboundPage> {
  return store.read(async (tx) => {
    const after = page.after === undefined ? {} : { after: page.after };
    const rows = await tx.inbox.list(filter, { limit: page.limit + 1, ...after });
    if (rows.length <= page.limit) return { messages: rows, nextCursor: null };

    const last = rows[page.limit - 1]!.receivedAt.getTime();
    const following = rows[page.limit]!.receivedAt.getTime();
    if (following < last) return { messages: rows.slice(0, page.limit), nextCursor: last };

    const beforeGroup = rows.slice(0, page.limit).filter((m) => m.receivedAt.getTime() > last);
    // `after` is exclusive, so last + 1 makes the next page start with the whole group.
    if (beforeGroup.length > 0) return { messages: beforeGroup, nextCursor: last + 1 };

    const wide = await tx.inbox.list(filter, { limit: MAX_GROUP, ...after });
    const group = wide.filter((m) => m.receivedAt.getTime() === last);
    const more = wide.length > group.length;
    return { messages: group, nextCursor: more ? last : null };
  });
}
