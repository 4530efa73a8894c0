/** A minimal SSE reader for tests: reads `take` events from the node's feed, then hangs up. */
import type { TestNode } from '../support/test-node.ts';

export interface SseEvent {
  id: string;
  event: string;
  data: any;
}

export async function readSse(
  node: TestNode,
  opts: { after?: number; lastEventId?: string; types?: string; take: number; timeoutMs?: number },
): Promise<SseEvent[]> {
  const query = new URLSearchParams();
  if (opts.after !== undefined) query.set('after', String(opts.after));
  if (opts.types) query.set('types', opts.types);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 10_000);
  const res = await fetch(`${node.url}/api/events?${query}`, {
    headers: {
      authorization: `Bearer ${node.adminToken}`,
      accept: 'text/event-stream',
      ...(opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {}),
    },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`feed answered ${res.status}`);
  const out: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          const i = line.indexOf(':');
          if (i <= 0) continue;
          fields[line.slice(0, i)] = line.slice(i + 1).replace(/^ /, '');
        }
        if (fields['data'] === undefined) continue;
        out.push({ id: fields['id']!, event: fields['event']!, data: JSON.parse(fields['data']) });
        if (out.length >= opts.take) return out;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return out;
}
