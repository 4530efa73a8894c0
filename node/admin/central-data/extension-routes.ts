/**
 * A partner's own additions to an owner's list it holds a copy of (partner-extensions.ts), under
 * each list prefix, declared in ./extension-operations.ts: the owner's records merged with ours
 * (`/records`), our extension of one of the owner's records (`/extensions/{key}`), our own
 * records (`/own-records`). The owner's copy itself stays read-only: nothing here writes a line
 * of its versions.
 */
import type { AppDeps } from '../../app.ts';
import {
  addOwnRecord,
  mergedRecords,
  parseExtension,
  removeOwn,
  setExtension,
} from '../../catalog/partner-extensions.ts';
import { cursorOf, lineCursor, listFinder } from '../catalog/list-params.ts';
import type { ListKind } from '../catalog/list-operations.ts';
import { invalidField } from '../fields.ts';
import { createOperationRouter } from '../operation.ts';
import type { EXTENSION_OPERATIONS_BY_KIND } from './extension-operations.ts';

const MAX_PAGE = 1_000;

type ExtensionOperations = (typeof EXTENSION_OPERATIONS_BY_KIND)[number][1];

export function createExtensionRoutes(deps: AppDeps, kind: ListKind, ops: ExtensionOperations) {
  const app = createOperationRouter();
  const { spec } = kind;
  const keyOf = (key: string) => {
    if (key === '' || key.length > 80) throw invalidField('key', 'key must be 1 to 80 characters');
    return key;
  };
  const listIn = listFinder(deps.store, spec);

  app.openapi(ops.records, async (c) => {
    const query = c.req.valid('query');
    const list = await listIn(c.req.valid('param'), query);
    const limit = Math.min(query.limit ?? 100, MAX_PAGE);
    const after = query.after === undefined ? undefined : cursorOf(query.after);
    const { last, ...rest } = await c.var.deps.store.read((tx) =>
      mergedRecords(tx, list, { limit, ...(after && { after }) }),
    );
    return c.json({ ...rest, nextCursor: lineCursor(last) }, 200);
  });

  app.openapi(ops.extend, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    const key = keyOf(c.req.valid('param').key);
    const saved = await setExtension(
      c.var.deps,
      spec,
      list,
      key,
      parseExtension(c.req.valid('json')),
    );
    return c.json({ key, origin: 'own' as const, ...JSON.parse(saved.fields) }, 200);
  });

  app.openapi(ops.unextend, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    await removeOwn(c.var.deps, list, 'extension', keyOf(c.req.valid('param').key));
    return c.body(null, 204);
  });

  app.openapi(ops.addOwn, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    const saved = await addOwnRecord(c.var.deps, spec, list, c.req.valid('json'));
    return c.json(
      {
        key: saved.itemKey,
        origin: 'own' as const,
        record: JSON.parse(saved.fields) as Record<string, unknown>,
      },
      201,
    );
  });

  app.openapi(ops.removeOwn, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    await removeOwn(c.var.deps, list, 'addition', keyOf(c.req.valid('param').key));
    return c.body(null, 204);
  });

  return app;
}
