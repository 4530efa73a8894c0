/**
 * GET /refusals and POST /refusals/seen: messages partners refused, for the operator; with
 * `mine=true`, those the caller's own changes sent (how a person learns of theirs).
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { refusalRecordView } from '../records/refusal-view.ts';
import type { AdminEnv } from './admin-env.ts';
import {
  invalidField,
  queryPage,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
} from './fields.ts';
import { jsonBody } from './json-body.ts';

const MAX_IDS = 500;

function booleanQuery(c: Context, name: string): boolean {
  const value = queryValue(c, name);
  if (value !== undefined && value !== 'true' && value !== 'false') {
    throw invalidField(name, `${name} must be true or false`);
  }
  return value === 'true';
}

export function createRefusalRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/refusals', async (c) => {
    rejectUnknownQuery(c, ['all', 'mine', 'limit']);
    const all = booleanQuery(c, 'all');
    const mine = booleanQuery(c, 'mine');
    const staffId = c.get('principal')?.staffId ?? null;
    if (mine && staffId === null) {
      throw invalidField('mine', 'mine needs a personal API token or a console session');
    }
    const { limit } = queryPage(c);
    const filter = { unseen: !all, ...(mine && { sentBy: staffId! }) };
    const refusals = await deps.store.read(async (tx) => {
      const names = new Map((await tx.partners.list()).map((p) => [p.id, p.name]));
      return (await tx.refusals.list(filter, limit)).map((r) =>
        refusalRecordView(r, names.get(r.partnerId) ?? null),
      );
    });
    return c.json({ refusals });
  });

  app.post('/refusals/seen', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['ids']);
    const ids = body.ids;
    if (
      ids !== 'all' &&
      !(
        Array.isArray(ids) &&
        ids.length > 0 &&
        ids.length <= MAX_IDS &&
        ids.every((id) => Number.isSafeInteger(id) && id > 0)
      )
    ) {
      throw invalidField('ids', `ids must be "all" or a list of 1 to ${MAX_IDS} refusal ids`);
    }
    const now = deps.clock.now();
    const seen = await deps.store.transact((tx) =>
      tx.refusals.markSeen(ids as number[] | 'all', now),
    );
    return c.json({ seen });
  });

  return app;
}
