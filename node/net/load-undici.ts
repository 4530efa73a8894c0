/**
 * undici, the outbound HTTP client, loaded on a node's first outbound request rather than at
 * start: its 740 KB of code were the largest part of what a node evaluated before /readyz, and a
 * node that only answers (or has nothing to send yet) does not need it to be ready.
 */
import { once } from '../load-once.ts';

export const loadUndici = once(() => import('undici'));
