/**
 * `GET /api/audit`: the audit trail, newest first, filtered by person (staff id or e-mail),
 * record, operation (prefix) and time, paged with `before` (the `next` of the previous page).
 * `format=csv` exports every matching row as CSV (or `limit` of them), streamed a page at a time.
 * Owners and admins only: it shows everyone's actions (declared in ./audit-operations.ts).
 */
import { createOperationRouter } from '../admin/operation.ts';
import { AppError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { listAudit } from './audit-operations.ts';
import { auditCsv, exportAudit, parseAuditQuery, queryAudit } from './audit-query.ts';

export function createAuditRoutes(deps: { store: Store }) {
  const app = createOperationRouter();
  // Declared in ./audit-operations.ts; the role check (owners and admins only) comes with it.
  app.openapi(listAudit, async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') {
      throw new AppError(400, 'invalid_filter', 'format is json or csv');
    }
    const query = parseAuditQuery(c.req.query());
    if (format === 'csv') {
      return c.body(textStream(auditCsv(exportAudit(c.var.deps.store, query))), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="audit.csv"',
      });
    }
    return c.json(await queryAudit(c.var.deps.store, query), 200);
  });
  return app;
}

/** A response body that reads the next piece only when the client takes the last one. */
function textStream(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}
