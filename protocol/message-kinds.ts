/**
 * The message kinds partner-sync/1 defines: one JSON Schema each in `schemas/<kind>.schema.json`.
 * The list is checked against the schema registry by a test, so a kind added to `schemas/` without
 * a name here (or the reverse) fails the build rather than drifting.
 */
export const MESSAGE_KINDS = [
  'accounting.push',
  'catalog.push',
  'deal.decision',
  'deal.register',
  'expense.claim',
  'expense.decision',
  'fund.allocation',
  'inventory.report',
  'lead.accept',
  'lead.decline',
  'lead.offer',
  'lead.progress',
  'lead.recall',
  'order.cancel',
  'order.place',
  'order.response',
  'order.status',
  'partner.connect',
  'partner.disconnect',
  'partner.update',
  'pricelist.push',
  'record.withdraw',
  'replenishment.decision',
  'replenishment.proposal',
  'service.request',
  'service.update',
  'sync.request',
  'warranty.claim',
  'warranty.decision',
] as const;

/** A kind this protocol defines, e.g. `lead.offer`. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

const KINDS: ReadonlySet<string> = new Set(MESSAGE_KINDS);

/** Whether `kind` is one the protocol defines (a well-formed but unknown kind is not). */
export function isMessageKind(kind: unknown): kind is MessageKind {
  return typeof kind === 'string' && KINDS.has(kind);
}
