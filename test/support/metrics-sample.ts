/** Reading a node's /metrics in tests: the page, and the value of one sample line. */

export async function scrapeMetrics(
  url: string,
  token?: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/metrics`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text() };
}

/** The value of one sample line, such as `partner_sync_messages_in_total{kind="x",status="y"}`. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
