/** How every view writes a time: RFC 3339 in UTC, or null for a time not (yet) set. */
export function iso(d: Date): string;
export function iso(d: Date | null): string | null;
export function iso(d: Date | null): string | null {
  return d?.toISOString() ?? null;
}
