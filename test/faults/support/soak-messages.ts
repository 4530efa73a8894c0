/**
 * The soak's messages, in the shape the domains queue them (bodies that pass the kinds' schemas):
 * on each stream a mix of partner.update, service.request and service.update, the updates
 * naming requests opened earlier on the same stream with a rising version. Shared by the loads
 * that write them into a SQLite sender (soak-load.ts) and a PostgreSQL one (postgres-soak-load.ts).
 */

export interface SoakStream {
  partnerId: number;
  toNodeId: string;
  /** Service requests opened on this stream, with the last update version and stamp of each. */
  requests: Array<{ id: string; version: number; changedAt: number }>;
  /** Messages queued on this stream so far. */
  n: number;
}

export function soakStream(partnerId: number, toNodeId: string): SoakStream {
  return { partnerId, toNodeId, requests: [], n: 0 };
}

/** The stream's next message from `senderName`. */
export function nextSoakMessage(
  senderName: string,
  stream: SoakStream,
): { kind: string; body: unknown } {
  const i = stream.n++;
  const open = stream.requests;
  if (i % 4 === 1 || (i % 4 === 2 && open.length === 0)) {
    const id = `soak-${senderName}-${stream.partnerId}-${i}`;
    open.push({ id, version: 0, changedAt: Date.now() });
    return {
      kind: 'service.request',
      body: {
        request: {
          id,
          category: 'technical',
          subject: `Unit ${i}`,
          description: 'It does not start',
          priority: 'normal',
        },
        version: 1,
      },
    };
  }
  if (i % 4 === 2) {
    const request = open[i % open.length]!;
    request.version++;
    request.changedAt = Math.max(Date.now(), request.changedAt + 1);
    return {
      kind: 'service.update',
      body: {
        requestId: request.id,
        status: 'in_progress',
        comment: { id: `c-${stream.partnerId}-${i}`, text: `Note ${i}` },
        version: request.version,
        changedAt: new Date(request.changedAt).toISOString(),
      },
    };
  }
  return { kind: 'partner.update', body: { name: `${senderName} ${i}` } };
}
