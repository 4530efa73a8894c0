/**
 * What the portal's form readers share: the request's media type, and a multipart (or urlencoded)
 * body as its parts in order, each file a `File`, with the number of parts bounded.
 */
import type { Context } from 'hono';

/** The request's media type, lower-cased, without its parameters. */
export function formMediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A browser sends a textarea's line ends as CRLF; the wire refuses CR in text (PROTOCOL.md
 * section 2), so form text keeps LF only.
 */
export function normalizeLineEnds(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

export type FormPart = readonly [name: string, value: string | File];

/** The body's parts in order, or null when it cannot be read or has more than `maxParts`. */
export async function readFormParts(c: Context, maxParts: number): Promise<FormPart[] | null> {
  let parsed: Record<string, string | File | Array<string | File>>;
  try {
    parsed = await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
  const parts = Object.entries(parsed).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v]).map((value) => [name, value] as const),
  );
  return parts.length > maxParts ? null : parts;
}
