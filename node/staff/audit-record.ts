/**
 * How an audit row names what a change was about: the record (from the route's parameters, or
 * the id of what was created) and the message ids the change caused.
 */

const MAX_MESSAGE_IDS = 100;

/**
 * `partners/5` for `/api/partners/:id/suspend` called as `/api/partners/5/suspend`: the last
 * parameter with the segment before it. Without a parameter, the id of what the answer created.
 */
export function recordOf(route: string, path: string, answer: unknown): string | null {
  const pattern = route.split('/');
  const actual = path.split('/');
  for (let i = Math.min(pattern.length, actual.length) - 1; i > 0; i--) {
    if (pattern[i]!.startsWith(':')) {
      const value = decodeURIComponent(actual[i]!).slice(0, 200);
      const before = pattern[i - 1] && !pattern[i - 1]!.startsWith(':') ? `${pattern[i - 1]}/` : '';
      return `${before}${value}`;
    }
  }
  const id =
    idIn(answer) ??
    Object.values((answer ?? {}) as object)
      .map(idIn)
      .find((v) => v !== null);
  if (id === null || id === undefined) return null;
  const resource = pattern.filter((s) => s !== '' && s !== 'api').at(-1);
  return resource ? `${resource}/${id}` : String(id);
}

function idIn(value: unknown): string | number | null {
  const id =
    value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** Every `messageId` / `messageIds` in the answer, a few levels deep. */
export function messageIdsIn(answer: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || found.size >= MAX_MESSAGE_IDS || value === null || typeof value !== 'object')
      return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 200)) walk(item, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'messageId' && typeof v === 'string') found.add(v);
      else if (key === 'messageIds' && Array.isArray(v)) {
        for (const id of v) if (typeof id === 'string') found.add(id);
      } else walk(v, depth + 1);
    }
  };
  walk(answer, 0);
  return [...found].slice(0, MAX_MESSAGE_IDS);
}
