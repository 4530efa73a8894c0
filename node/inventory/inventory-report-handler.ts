/**
 * inventory.report, received by the supplier: a partner's stock and sales for one location and
 * period. Reports are found by their sender and the sender's id, so a partner only ever reaches
 * its own. A report is immutable: the same reportId again with the same content (a repeat under a
 * new message id) changes nothing; with other content it is a `conflict`. Reports arriving out of
 * order are harmless: proposals read them by period, not by arrival.
 */
import type { MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import { hashOf, REPORT_KIND, reportFieldsOf, type ReportBody } from './bodies.ts';
import { checkPeriod } from './input.ts';

export const inventoryReportHandler: MessageHandler = {
  kind: REPORT_KIND,
  async authorize() {
    return OK;
  },
  async apply({ message, jws, partner, now }, tx) {
    const body = message.body as ReportBody;
    // What the schema cannot say: the period's order and length, one line per SKU.
    const problem = checkPeriod(body.periodStart, body.periodEnd);
    if (problem) return { ok: false, code: 'conflict', detail: problem };
    const skus = new Set(body.lines.map((l) => l.sku));
    if (skus.size !== body.lines.length) {
      return { ok: false, code: 'conflict', detail: 'a SKU appears twice; one line per SKU' };
    }
    const hash = hashOf(body);
    const existing = await tx.inventory.findReport('supplier', partner.id, body.reportId);
    if (existing) {
      return existing.contentHash === hash
        ? OK
        : {
            ok: false,
            code: 'conflict',
            detail: `report ${body.reportId} was received before with other content; reports do not change`,
          };
    }
    await tx.inventory.insertReport({
      role: 'supplier',
      partnerId: partner.id,
      fields: reportFieldsOf(body),
      contentHash: hash,
      messageId: message.id,
      jws,
      at: now,
    });
    return OK;
  },
};
