/** How times, amounts and codes read on the portal's pages. */

/** `2027-01-31 17:00 UTC`: the portal shows one time zone, and says which. */
export function formatTime(d: Date | null | undefined): string {
  if (!d) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2027-01-31` from a time or a full-date string. */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '—';
  return typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}

/** What is left until `until`, in the two largest units: "2 days 3 hours", "45 minutes". */
export function timeLeft(until: Date, now: Date): string {
  const ms = until.getTime() - now.getTime();
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days > 0)
    return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0)
    return mins > 0 ? `${unit(hours, 'hour')} ${unit(mins, 'minute')}` : unit(hours, 'hour');
  return minutes > 0 ? unit(minutes, 'minute') : 'less than a minute';
}

/** `not_interested` → `not interested`. */
export const words = (code: string | null | undefined): string => (code ?? '').replaceAll('_', ' ');

export const money = (amount: string | null | undefined, currency: string | null | undefined) =>
  amount ? `${amount}${currency ? ` ${currency}` : ''}` : '—';
