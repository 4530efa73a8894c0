/**
 * Marks requests that passed their due date unresolved: the mark and a timeline entry record when
 * the node noticed. Views and the `overdue` filter compute the flag from the clock themselves, so
 * they are right between runs; the job gives the timeline its moment.
 */
import type { Job } from '../jobs/job.ts';

export const OVERDUE_JOB_INTERVAL_MS = 60_000;

export const overdueJob: Job = {
  name: 'service-overdue',
  intervalMs: OVERDUE_JOB_INTERVAL_MS,
  async run(deps, now) {
    return deps.store.transact(async (tx) => {
      const { marked, cleared } = await tx.service.refreshOverdue(now);
      for (const request of marked) {
        await tx.service.addEvent({
          requestRowId: request.id,
          type: 'overdue',
          side: 'system',
          byNodeId: null,
          at: now,
          messageId: null,
          version: null,
          status: request.status,
          comment: null,
          reason: null,
          recordedAt: now,
        });
      }
      return marked.length + cleared.length;
    });
  },
};
