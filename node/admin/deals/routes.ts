/**
 * The deals domain's admin API, mounted under /api, and its part of the OpenAPI document.
 * As the registering partner: register, amend, withdraw, and show the proof. As the vendor:
 * decide. Both: list and show registrations, and the domain's settings.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../app.ts';
import { decideDeal } from '../../deals/decide-deal.ts';
import {
  DEAL_FIELD_NAMES,
  DECISION_FIELD_NAMES,
  parseDealFields,
  parseDecision,
  parseReason,
  parseRegistration,
  parseSettings,
  REGISTER_FIELD_NAMES,
} from '../../deals/deal-input.ts';
import { dealProof } from '../../deals/deal-proof.ts';
import { dealRowId } from '../../deals/find-deal.ts';
import { readDealSettings } from '../../deals/deal-settings.ts';
import { DEAL_STATUSES } from '../../deals/deal-status.ts';
import { amendDeal, registerDeal } from '../../deals/register-deal.ts';
import { DEFAULT_WITHDRAW_REASON, withdrawDeal } from '../../deals/withdraw-deal.ts';
import { notFound } from '../../errors.ts';
import type { DealRole, DealStatus } from '../../store/deal-store.ts';
import type { Store } from '../../store/store.ts';
import type { AdminEnv } from '../admin-env.ts';
import {
  invalidField,
  queryPage,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
} from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import { optionalPartner } from '../record-params.ts';
import { dealView, proofView, type PartnerNames } from './views.ts';

export { DEAL_OPENAPI_PATHS, DEAL_OPENAPI_SCHEMAS } from './openapi.ts';

export const DEAL_ROLES: readonly DealRole[] = ['partner', 'vendor'];

async function partnerNames(store: Store): Promise<PartnerNames> {
  return store.read(async (tx) => new Map((await tx.partners.list()).map((p) => [p.id, p])));
}

/** `:id` is this node's number for the registration; anything else names no deal. */
/** The `:id` of a deal route: its number here or its shared deal id (`?partner=` narrows it). */
async function dealIdParam(store: Store, c: Context): Promise<number> {
  const partner = await optionalPartner(store, c);
  return dealRowId(store, c.req.param('id') ?? '', partner?.id);
}

export function createDealRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const show = async (id: number) => {
    const deal = await deps.store.read((tx) => tx.deals.get(id));
    if (!deal) throw notFound(`deal ${id}`);
    return dealView(deal, await partnerNames(deps.store), deps.clock.now());
  };

  app.get('/deals', async (c) => {
    rejectUnknownQuery(c, ['role', 'status', 'partner', 'limit', 'after']);
    const role = queryValue(c, 'role');
    if (role !== undefined && !DEAL_ROLES.includes(role as DealRole)) {
      throw invalidField('role', `role must be one of ${DEAL_ROLES.join(', ')}`);
    }
    const status = queryValue(c, 'status');
    if (status !== undefined && !DEAL_STATUSES.includes(status as DealStatus)) {
      throw invalidField('status', `status must be one of ${DEAL_STATUSES.join(', ')}`);
    }
    const partnerRef = queryValue(c, 'partner');
    const partnerId =
      partnerRef === undefined
        ? undefined
        : (await partnerForField(deps.store, partnerRef, 'partner')).id;
    const page = queryPage(c);
    const now = deps.clock.now();
    const rows = await deps.store.read((tx) =>
      tx.deals.list(
        {
          now,
          ...(role !== undefined && { role: role as DealRole }),
          ...(status !== undefined && { status: status as DealStatus }),
          ...(partnerId !== undefined && { partnerId }),
        },
        { ...page, limit: page.limit + 1 },
      ),
    );
    // One row more than asked tells whether a next page exists.
    const more = rows.length > page.limit;
    const shown = rows.slice(0, page.limit);
    const names = await partnerNames(deps.store);
    return c.json({
      deals: shown.map((d) => dealView(d, names, now)),
      nextCursor: more ? shown.at(-1)!.id : null,
    });
  });

  app.post('/deals', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, REGISTER_FIELD_NAMES);
    const input = parseRegistration(body);
    const vendor = await partnerForField(deps.store, input.vendor, 'vendor');
    const deal = await registerDeal(deps, { ...input, vendor });
    deps.log.info({ category: 'deals', dealRowId: deal.id }, 'deal registered');
    return c.json(await show(deal.id), 201);
  });

  // Before /deals/:id, which would otherwise take "settings" for an id.
  app.get('/deals/settings', async (c) => {
    return c.json(await deps.store.read((tx) => readDealSettings(tx)));
  });

  app.put('/deals/settings', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['protectionDays']);
    const values = parseSettings(body);
    const settings = await deps.store.transact(async (tx) => {
      await tx.deals.saveSettings(values, deps.clock.now());
      return readDealSettings(tx);
    });
    return c.json(settings);
  });

  app.get('/deals/:id', async (c) => c.json(await show(await dealIdParam(deps.store, c))));

  app.patch('/deals/:id', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, DEAL_FIELD_NAMES);
    const id = await dealIdParam(deps.store, c);
    const deal = await amendDeal(deps, id, parseDealFields(body, true));
    return c.json(await show(deal.id));
  });

  app.post('/deals/:id/decision', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, DECISION_FIELD_NAMES);
    const id = await dealIdParam(deps.store, c);
    const deal = await decideDeal(deps, id, parseDecision(body));
    deps.log.info({ category: 'deals', dealRowId: id, status: deal.status }, 'deal decided');
    return c.json(await show(deal.id));
  });

  app.post('/deals/:id/withdraw', jsonBody({ optional: true }), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const id = await dealIdParam(deps.store, c);
    const deal = await withdrawDeal(deps, id, parseReason(body) ?? DEFAULT_WITHDRAW_REASON);
    return c.json(await show(deal.id));
  });

  app.get('/deals/:id/proof', async (c) => {
    const proof = await dealProof(deps, await dealIdParam(deps.store, c));
    return c.json(proofView(proof, await partnerNames(deps.store), deps.clock.now()));
  });

  return app;
}
