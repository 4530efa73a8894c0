/**
 * The routes the three kinds share, declared in ./list-operations.ts: list them, create one of
 * ours, show one with its versions (and, for ours, what each partner holds), create a version,
 * show a version's lines, push to partners, see the pushes, withdraw, and ask an owner for a
 * resync.
 */
import type { AppDeps } from '../../app.ts';
import { runDistributions } from '../../catalog/distribute.ts';
import { parseNewList, parseNewVersion, parsePushInput } from '../../catalog/input.ts';
import { createList, createVersion } from '../../catalog/owner-lists.ts';
import { pushList } from '../../catalog/push.ts';
import { requestResync, withdrawList } from '../../catalog/share-ops.ts';
import { distributionView, listView, shareView, versionView } from '../../catalog/views.ts';
import { notFound } from '../../errors.ts';
import type { CatalogList } from '../../store/catalog-store.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import { invalidField } from '../fields.ts';
import { createOperationRouter } from '../operation.ts';
import { getPartnerByRef } from '../partner-ref.ts';
import { partnersById } from '../record-params.ts';
import { cursorOf, lineCursor, listFinder } from './list-params.ts';
import { listOperations, type ListKind } from './list-operations.ts';

const MAX_LINES_PAGE = 1_000;

export function createListRoutes(deps: AppDeps, kind: ListKind) {
  const app = createOperationRouter();
  const { spec } = kind;
  const ops = listOperations(kind);

  const detail = async (list: CatalogList) => {
    const partners = await partnersById(deps.store);
    const { versions, shares } = await deps.store.read(async (tx) => ({
      versions: await tx.catalog.listVersions(list.id),
      shares: list.ownerPartnerId === SELF_OWNER ? await tx.catalog.listShares(list.id) : [],
    }));
    const fresh = (await deps.store.read((tx) => tx.catalog.getList(list.id))) ?? list;
    return {
      ...listView(fresh, partners, versions.find((v) => v.status === 'applied') ?? null),
      versions: versions.map(versionView),
      shares: shares.map((s) => shareView(s, partners)),
    };
  };
  const partnerId = async (ref: unknown, field: string) => {
    const text = typeof ref === 'number' ? String(ref) : typeof ref === 'string' ? ref : '';
    const partner = text ? await deps.store.read((tx) => getPartnerByRef(tx, text)) : null;
    if (!partner) throw invalidField(field, `no partner ${text.slice(0, 200)}`);
    return partner.id;
  };
  const listIn = listFinder(deps.store, spec);

  app.openapi(ops.list, async (c) => {
    const { owner } = c.req.valid('query');
    const ownerPartnerId =
      owner === undefined
        ? undefined
        : owner === 'self'
          ? SELF_OWNER
          : await partnerId(owner, 'owner');
    const partners = await partnersById(c.var.deps.store);
    const lists = await c.var.deps.store.read(async (tx) => {
      const found = await tx.catalog.listLists({
        kind: spec.kind,
        ...(ownerPartnerId !== undefined && { ownerPartnerId }),
      });
      return Promise.all(
        found.map(async (l) => listView(l, partners, await tx.catalog.latestApplied(l.id))),
      );
    });
    return c.json({ lists }, 200);
  });

  app.openapi(ops.create, async (c) => {
    const list = await createList(c.var.deps, spec, parseNewList(spec, c.req.valid('json')));
    return c.json(await detail(list), 201);
  });

  app.openapi(ops.get, async (c) =>
    c.json(await detail(await listIn(c.req.valid('param'), c.req.valid('query'))), 200),
  );

  app.openapi(ops.createVersion, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    const input = parseNewVersion(spec, c.req.valid('json'));
    return c.json(versionView(await createVersion(c.var.deps, spec, list.id, input)), 201);
  });

  app.openapi(ops.getVersion, async (c) => {
    const query = c.req.valid('query');
    const list = await listIn(c.req.valid('param'), query);
    const number = Number(c.req.valid('param').version);
    const limit = Math.min(query.limit ?? 100, MAX_LINES_PAGE);
    const after = query.after === undefined ? undefined : cursorOf(query.after);
    const { version, lines } = await c.var.deps.store.read(async (tx) => {
      const version = await tx.catalog.getVersion(list.id, number);
      const lines = version
        ? await tx.catalog.pageLines(version.id, { limit, ...(after && { after }) })
        : [];
      return { version, lines };
    });
    if (!version) throw notFound(`version ${number}`);
    return c.json(
      {
        ...versionView(version),
        [spec.linesField]: lines.map((l) => JSON.parse(l.line) as Record<string, string>),
        nextCursor: lineCursor(lines.length === limit ? lines.at(-1) : null),
      },
      200,
    );
  });

  app.openapi(ops.push, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    const input = await parsePushInput(c.req.valid('json'), partnerId);
    const result = await pushList(c.var.deps, spec, list.id, input);
    const partners = await partnersById(c.var.deps.store);
    const answer = {
      version: result.version,
      distributions: result.distributions.map((d) =>
        distributionView(d, partners, () => result.version),
      ),
    };
    // After the answer is out, the distributor cuts the version into messages for each partner.
    setImmediate(() => {
      runDistributions(c.var.deps).catch((err: unknown) =>
        c.var.deps.log.error({ err, category: 'catalog' }, 'distribution failed'),
      );
    });
    return c.json(answer, 202);
  });

  app.openapi(ops.distributions, async (c) => {
    const query = c.req.valid('query');
    const list = await listIn(c.req.valid('param'), query);
    const limit = Math.min(query.limit ?? 100, 500);
    const partners = await partnersById(c.var.deps.store);
    const { rows, versions } = await c.var.deps.store.read(async (tx) => ({
      rows: await tx.catalog.listDistributions(list.id, limit),
      versions: new Map((await tx.catalog.listVersions(list.id)).map((v) => [v.id, v.version])),
    }));
    return c.json(
      {
        distributions: rows.map((d) =>
          distributionView(d, partners, (id) => versions.get(id) ?? null),
        ),
      },
      200,
    );
  });

  app.openapi(ops.withdraw, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    const { reason, partners } = c.req.valid('json');
    const refs = partners && [...new Set(partners)];
    const partnerIds = refs && (await Promise.all(refs.map((r) => partnerId(r, 'partners'))));
    const result = await withdrawList(c.var.deps, spec, list.id, {
      reason,
      ...(partnerIds && { partnerIds }),
    });
    return c.json(result, 200);
  });

  app.openapi(ops.resync, async (c) => {
    const list = await listIn(c.req.valid('param'), c.req.valid('query'));
    return c.json(await requestResync(c.var.deps, spec, list.id), 202);
  });

  return app;
}
