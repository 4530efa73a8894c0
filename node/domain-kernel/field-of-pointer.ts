/**
 * Naming the field of a JSON pointer the way the admin API and the CLI name it: `/lines/3/qty` →
 * `lines[3].qty`, `/shipTo/country` → `shipTo.country`. A body that wraps its record in one
 * property (`{ request: {...}, version }`) names fields inside it without the wrapper, since that
 * is how the operator wrote them: `/request/subject` → `subject`.
 */
export function fieldOfPointer(pointer: string, wrapper?: string): string {
  let segments = pointer
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (wrapper !== undefined && segments[0] === wrapper) segments = segments.slice(1);
  return (
    segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') ||
    (wrapper ?? 'body')
  );
}
