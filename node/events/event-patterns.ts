/**
 * Event type filters as integrations write them: an exact type (`lead.created`), a prefix ending
 * in a dot (`lead.`) or a wildcard (`lead.*`, `*`). One grammar for the feed, SSE and webhooks.
 */
const PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*|\.)?)$/;

export const MAX_PATTERNS = 50;

export function isEventPattern(value: string): boolean {
  return value.length <= 100 && PATTERN.test(value);
}

/** The prefix a pattern matches, or null for an exact type. `*` matches everything (''). */
export function patternPrefix(pattern: string): string | null {
  if (pattern === '*') return '';
  if (pattern.endsWith('.*')) return pattern.slice(0, -1);
  if (pattern.endsWith('.')) return pattern;
  return null;
}

export function matchesPatterns(type: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => {
    const prefix = patternPrefix(p);
    return prefix === null ? type === p : type.startsWith(prefix);
  });
}
