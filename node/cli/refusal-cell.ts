/**
 * The `refused` line of a record's `show` in every domain: when, which of our messages, and the
 * partner's stable code and reason (records/refusal-view.ts gives the same in --json).
 */
import { formatTime, type Cell } from './output.ts';

export interface ShownRefusal {
  at: string | Date;
  kind: string;
  code: string;
  reason: string;
}

export function refusalCell(refusal: ShownRefusal | null | undefined): Cell | undefined {
  if (!refusal) return undefined;
  const at = formatTime(typeof refusal.at === 'string' ? new Date(refusal.at) : refusal.at);
  return { text: `${at} ${refusal.kind} ${refusal.code}: ${refusal.reason}`, style: 'red' };
}
