/**
 * A partner's own additions to an owner's list it holds a copy of (partner-extensions.ts), under
 * each list prefix: the owner's records merged with ours (`/records`), our extension of one of
 * the owner's records (`/extensions/:key`), our own records (`/own-records`). The owner's copy
 * itself stays read-only: nothing here writes a line of its versions.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { ListKindSpec } from '../../catalog/list-kinds.ts';
import {
  addOwnRecord,
  mergedRecords,
  parseExtension,
  removeOwn,
} from '../../catalog/partner-extensions.ts';
import { setExtension } from '../../catalog/partner-extensions.ts';
import { listOf, queryPositiveInt } from '../catalog/list-params.ts';
import type { AdminEnv } from '../admin-env.ts';
import { invalidField, queryValue, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';

const MAX_PAGE = 1_000;

export function createExtensionRoutes(
  deps: AppDeps,
  spec: ListKindSpec,
  prefix: string,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const keyOf = (raw: string | undefined) => {
    const key = raw ?? '';
    if (key === '' || key.length > 80) throw invalidField('key', 'key must be 1 to 80 characters');
    return key;
  };

  app.get(`${prefix}/:ref/records`, async (c) => {
    rejectUnknownQuery(c, ['owner', 'limit', 'after']);
    const list = await listOf(deps.store, spec, c);
    const limit = Math.min(queryPositiveInt(c, 'limit') ?? 100, MAX_PAGE);
    const after = queryValue(c, 'after');
    const merged = await deps.store.read((tx) =>
      mergedRecords(tx, list, { limit, ...(after !== undefined && { after: cursorOf(after) }) }),
    );
    const { last, ...rest } = merged;
    return c.json({
      ...rest,
      nextCursor: last
        ? Buffer.from(JSON.stringify([last.sku, last.qtyKey])).toString('base64url')
        : null,
    });
  });

  app.put(`${prefix}/:ref/extensions/:key`, jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    const key = keyOf(c.req.param('key'));
    const saved = await setExtension(deps, spec, list, key, parseExtension(c.var.body));
    return c.json({ key, origin: 'own', ...JSON.parse(saved.fields) });
  });

  app.delete(`${prefix}/:ref/extensions/:key`, async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    await removeOwn(deps, list, 'extension', keyOf(c.req.param('key')));
    return c.body(null, 204);
  });

  app.post(`${prefix}/:ref/own-records`, jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    const saved = await addOwnRecord(deps, spec, list, c.var.body);
    return c.json(
      { key: saved.itemKey, origin: 'own', record: JSON.parse(saved.fields) as unknown },
      201,
    );
  });

  app.delete(`${prefix}/:ref/own-records/:key`, async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    await removeOwn(deps, list, 'addition', keyOf(c.req.param('key')));
    return c.body(null, 204);
  });

  return app;
}

function cursorOf(after: string): { sku: string; qtyKey: string } {
  try {
    const [sku, qtyKey] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof sku === 'string' && typeof qtyKey === 'string') return { sku, qtyKey };
  } catch {
    // fall through
  }
  throw invalidField('after', 'after must be a nextCursor from a previous page');
}
