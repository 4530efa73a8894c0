/**
 * The routes both kinds share, under `/price-lists` and `/catalogs`: list them, create one of
 * ours, show one with its versions (and, for ours, what each partner holds), create a version,
 * show a version's lines, push to partners, see the pushes, withdraw, and ask an owner for a
 * resync. A partner's list is a read-only copy: every change to it is 403 `not_owner`.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { runDistributions } from '../../catalog/distribute.ts';
import {
  parseNewList,
  parseNewVersion,
  parsePushInput,
  VERSION_FIELDS,
} from '../../catalog/input.ts';
import type { ListKindSpec } from '../../catalog/list-kinds.ts';
import { createList, createVersion } from '../../catalog/owner-lists.ts';
import { pushList } from '../../catalog/push.ts';
import { requestResync, withdrawList } from '../../catalog/share-ops.ts';
import { distributionView, listView, shareView, versionView } from '../../catalog/views.ts';
import { notFound } from '../../errors.ts';
import type { CatalogList } from '../../store/catalog-store.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import {
  invalidField,
  optionalStringList,
  rejectUnknownFields,
  rejectUnknownQuery,
  requiredString,
  queryValue,
} from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { getPartnerByRef } from '../partner-ref.ts';
import { listOf, partnersById, queryPositiveInt } from './list-params.ts';

const MAX_LINES_PAGE = 1_000;

export function createListRoutes(
  deps: AppDeps,
  spec: ListKindSpec,
  prefix: string,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

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

  app.get(prefix, async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const owner = queryValue(c, 'owner');
    const ownerPartnerId =
      owner === undefined
        ? undefined
        : owner === 'self'
          ? SELF_OWNER
          : await partnerId(owner, 'owner');
    const partners = await partnersById(deps.store);
    const lists = await deps.store.read(async (tx) => {
      const found = await tx.catalog.listLists({
        kind: spec.kind,
        ...(ownerPartnerId !== undefined && { ownerPartnerId }),
      });
      return Promise.all(
        found.map(async (l) => listView(l, partners, await tx.catalog.latestApplied(l.id))),
      );
    });
    return c.json({ lists });
  });

  app.post(prefix, jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['id', 'name', ...(spec.priced ? ['currency'] : [])]);
    const list = await createList(deps, spec, parseNewList(spec, body));
    return c.json(await detail(list), 201);
  });

  app.get(`${prefix}/:ref`, async (c) => {
    rejectUnknownQuery(c, ['owner']);
    return c.json(await detail(await listOf(deps.store, spec, c)));
  });

  app.post(`${prefix}/:ref/versions`, jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    const body = c.var.body;
    rejectUnknownFields(body, VERSION_FIELDS(spec));
    const version = await createVersion(deps, spec, list.id, parseNewVersion(spec, body));
    return c.json(versionView(version), 201);
  });

  app.get(`${prefix}/:ref/versions/:version`, async (c) => {
    rejectUnknownQuery(c, ['owner', 'limit', 'after']);
    const list = await listOf(deps.store, spec, c);
    const number = Number(c.req.param('version'));
    const limit = Math.min(queryPositiveInt(c, 'limit') ?? 100, MAX_LINES_PAGE);
    const after = queryValue(c, 'after');
    const { version, lines } = await deps.store.read(async (tx) => {
      const version = Number.isSafeInteger(number)
        ? await tx.catalog.getVersion(list.id, number)
        : null;
      const lines = version
        ? await tx.catalog.pageLines(version.id, {
            limit,
            ...(after !== undefined && { after: cursorOf(after) }),
          })
        : [];
      return { version, lines };
    });
    if (!version) throw notFound(`version ${c.req.param('version')}`);
    const last = lines.length === limit ? lines.at(-1) : undefined;
    return c.json({
      ...versionView(version),
      [spec.linesField]: lines.map((l) => JSON.parse(l.line) as unknown),
      nextCursor: last
        ? Buffer.from(JSON.stringify([last.sku, last.qtyKey])).toString('base64url')
        : null,
    });
  });

  app.post(`${prefix}/:ref/push`, jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    const body = c.var.body;
    rejectUnknownFields(body, ['partners', 'partnerType', 'all', 'version']);
    const input = await parsePushInput(body, partnerId);
    const result = await pushList(deps, spec, list.id, input);
    const partners = await partnersById(deps.store);
    const answer = {
      version: result.version,
      distributions: result.distributions.map((d) =>
        distributionView(d, partners, () => result.version),
      ),
    };
    // After the answer is out, the distributor cuts the version into messages for each partner.
    setImmediate(() => {
      runDistributions(deps).catch((err: unknown) =>
        deps.log.error({ err, category: 'catalog' }, 'distribution failed'),
      );
    });
    return c.json(answer, 202);
  });

  app.get(`${prefix}/:ref/distributions`, async (c) => {
    rejectUnknownQuery(c, ['owner', 'limit']);
    const list = await listOf(deps.store, spec, c);
    const limit = Math.min(queryPositiveInt(c, 'limit') ?? 100, 500);
    const partners = await partnersById(deps.store);
    const { rows, versions } = await deps.store.read(async (tx) => ({
      rows: await tx.catalog.listDistributions(list.id, limit),
      versions: new Map((await tx.catalog.listVersions(list.id)).map((v) => [v.id, v.version])),
    }));
    return c.json({
      distributions: rows.map((d) =>
        distributionView(d, partners, (id) => versions.get(id) ?? null),
      ),
    });
  });

  app.post(`${prefix}/:ref/withdraw`, jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    const body = c.var.body;
    rejectUnknownFields(body, ['reason', 'partners']);
    const reason = requiredString(body, 'reason', { min: 1, max: 500 });
    const refs = optionalStringList(body, 'partners', {
      minItems: 1,
      maxItems: 1000,
      maxLength: 2048,
    });
    const partnerIds = refs && (await Promise.all(refs.map((r) => partnerId(r, 'partners'))));
    const result = await withdrawList(deps, spec, list.id, {
      reason,
      ...(partnerIds && { partnerIds }),
    });
    return c.json(result);
  });

  app.post(`${prefix}/:ref/sync`, async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, spec, c);
    return c.json(await requestResync(deps, spec, list.id), 202);
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
