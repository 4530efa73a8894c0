/**
 * The partner's side: report stock and sales for a location and period to the supplier that
 * manages our inventory. The report is kept as sent and goes out as inventory.report in the
 * same unit of work.
 */
import { newMessageId } from '../../protocol/index.ts';
import { assertCanSend, assertValidBody, enqueueTo } from '../domain-kernel/send-to-partner.ts';
import { conflict } from '../errors.ts';
import type { InventoryReport, ReportFields } from '../store/inventory-store.ts';
import type { Partner } from '../store/types.ts';
import { hashOf, REPORT_KIND, reportBody } from './bodies.ts';
import type { InventoryDeps } from './inventory-deps.ts';

export async function submitReport(
  deps: InventoryDeps,
  input: { supplier: Partner; reportId?: string } & Omit<ReportFields, 'reportId'>,
): Promise<InventoryReport> {
  const { supplier, reportId: given, ...rest } = input;
  assertCanSend(supplier);
  const fields: ReportFields = { ...rest, reportId: given ?? newMessageId() };
  const body = reportBody(fields);
  assertValidBody(deps.schemas, REPORT_KIND, body);
  const now = deps.clock.now();
  const report = await deps.store.transact(async (tx) => {
    if (await tx.inventory.findReport('partner', supplier.id, fields.reportId)) {
      throw conflict(
        'report_exists',
        `report ${fields.reportId} was sent to this supplier already`,
      );
    }
    const messageId = newMessageId();
    const stored = await tx.inventory.insertReport({
      role: 'partner',
      partnerId: supplier.id,
      fields,
      contentHash: hashOf(body),
      messageId,
      jws: null,
      at: now,
    });
    await enqueueTo(tx, supplier, { messageId, kind: REPORT_KIND, body }, now);
    return stored;
  });
  deps.notifyOutbox();
  return report;
}
