/** Pages of received messages, newest first, with the arrival-order cursor the API exposes. */
import type { Store } from '../store/store.ts';
import type { InboundSummary } from '../store/types.ts';

export interface InboundPage {
  messages: InboundSummary[];
  /** Pass as `after` for the next page; null when there is none. */
  nextCursor: number | null;
}

export async function listInboundPage(
  store: Store,
  filter: { partnerId?: number; kind?: string },
  page: { limit: number; after?: number },
): Promise<InboundPage> {
  const rows = await store.read((tx) =>
    tx.inbox.list(filter, {
      limit: page.limit + 1,
      ...(page.after === undefined ? {} : { after: page.after }),
    }),
  );
  const messages = rows.slice(0, page.limit);
  return {
    messages,
    nextCursor: rows.length > page.limit ? messages[messages.length - 1]!.seq : null,
  };
}
