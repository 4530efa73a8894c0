/**
 * What the portal's form readers share: the request's media type, and a multipart (or urlencoded)
 * body as its parts in order, each file a `File`, with the number of parts bounded.
 */
import type { Context } from 'hono';

/** The request's media type, lower-cased, without its parameters. */
export function formMediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
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
