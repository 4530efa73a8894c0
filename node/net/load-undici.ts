/**
 * undici, the outbound HTTP client, loaded on a node's first outbound request rather than at
 * start: its 740 KB of code were the largest part of what a node evaluated before /readyz, and a
 * node that only answers (or has nothing to send yet) does not need it to be ready.
 */
import { once } from '../load-once.ts';

type Undici = typeof import('undici');

export const loadUndici = once(async (): Promise<Undici> => {
  const loaded = await import('undici');
  // In the bundle (scripts/build.ts) a CommonJS module imported on demand has its exports only as
  // `default`; Node's own loader gives them by name as well, and `default` is the same object.
  return ((loaded as { default?: Undici }).default ?? loaded) as Undici;
});
