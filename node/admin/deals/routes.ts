/**
 * The deals domain's admin API, mounted under /api, declared in ./deal-operations.ts.
 * As the registering partner: register, amend, withdraw, and show the proof. As the vendor:
 * decide. Both: list and show registrations, and the domain's settings.
 */
import type { AppDeps } from '../../app.ts';
import { decideDeal } from '../../deals/decide-deal.ts';
import {
  parseDealFields,
  parseDecision,
  parseReason,
  parseRegistration,
  parseSettings,
} from '../../deals/deal-input.ts';
import { dealProof } from '../../deals/deal-proof.ts';
import { dealRowId } from '../../deals/find-deal.ts';
import { readDealSettings } from '../../deals/deal-settings.ts';
import { amendDeal, registerDeal } from '../../deals/register-deal.ts';
import { DEFAULT_WITHDRAW_REASON, withdrawDeal } from '../../deals/withdraw-deal.ts';
import { notFound } from '../../errors.ts';
import type { DealRole, DealStatus } from '../../store/deal-store.ts';
import type { Store } from '../../store/store.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './deal-operations.ts';
import { dealView, proofView, type PartnerNames } from './views.ts';
import { laterConflictsOf } from '../../deals/later-conflicts.ts';
import { partnersById, partnersNamedIn } from '../../partners/partners-by-id.ts';

export const DEAL_ROLES: readonly DealRole[] = ['partner', 'vendor'];

const partnerNames = (store: Store): Promise<PartnerNames> => partnersById(store);

export function createDealRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  const show = async (id: number) => {
    const found = await deps.store.read(async (tx) => {
      const deal = await tx.deals.get(id);
      return deal && { deal, later: await laterConflictsOf(tx, [deal]) };
    });
    if (!found) throw notFound(`deal ${id}`);
    return dealView(found.deal, await partnerNames(deps.store), deps.clock.now(), found.later);
  };
  /** `{id}` is this node's number for the registration or its shared deal id (`?partner=` narrows). */
  const idOf = async (id: string, partner: string | undefined) => {
    const partnerId =
      partner === undefined
        ? undefined
        : (await partnerForField(deps.store, partner, 'partner')).id;
    return dealRowId(deps.store, id, partnerId);
  };

  app.openapi(ops.listDeals, async (c) => {
    const query = c.req.valid('query');
    const role = query.role as DealRole | undefined;
    const status = query.status as DealStatus | undefined;
    const partnerId =
      query.partner === undefined
        ? undefined
        : (await partnerForField(c.var.deps.store, query.partner, 'partner')).id;
    const page = pageOf(query);
    const now = c.var.deps.clock.now();
    const { shown, nextCursor, later, names } = await c.var.deps.store.read(async (tx) => {
      const rows = await tx.deals.list(
        {
          now,
          ...(role !== undefined && { role }),
          ...(status !== undefined && { status }),
          ...(partnerId !== undefined && { partnerId }),
        },
        { ...page, limit: page.limit + 1 },
      );
      const cut = pageCut(rows, page.limit);
      const later = await laterConflictsOf(tx, cut.shown);
      // The partners the page names: each deal's, its conflicts' and its later clashes'.
      const named = cut.shown.flatMap((d) => [
        d,
        ...(d.conflicts ?? []),
        ...(later.get(d.id) ?? []).map((l) => l.deal),
      ]);
      return { ...cut, later, names: await partnersNamedIn(tx, named) };
    });
    return c.json(
      {
        deals: shown.map((d) => dealView(d, names, now, later)),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.registerDeal, async (c) => {
    const input = parseRegistration(c.req.valid('json'));
    const vendor = await partnerForField(c.var.deps.store, input.vendor, 'vendor');
    const deal = await registerDeal(c.var.deps, { ...input, vendor });
    c.var.deps.log.info({ category: 'deals', dealRowId: deal.id }, 'deal registered');
    return c.json(await show(deal.id), 201);
  });

  // Before /deals/{id}, which would otherwise take "settings" for an id.
  app.openapi(ops.getDealSettings, async (c) =>
    c.json(await c.var.deps.store.read((tx) => readDealSettings(tx)), 200),
  );

  app.openapi(ops.updateDealSettings, async (c) => {
    const values = parseSettings(c.req.valid('json'));
    const settings = await c.var.deps.store.transact(async (tx) => {
      await tx.deals.saveSettings(values, c.var.deps.clock.now());
      return readDealSettings(tx);
    });
    return c.json(settings, 200);
  });

  app.openapi(ops.getDeal, async (c) =>
    c.json(await show(await idOf(c.req.valid('param').id, c.req.valid('query').partner)), 200),
  );

  app.openapi(ops.amendDeal, async (c) => {
    const deal = await amendDeal(
      c.var.deps,
      await idOf(c.req.valid('param').id, c.req.valid('query').partner),
      parseDealFields(c.req.valid('json'), true),
    );
    return c.json(await show(deal.id), 200);
  });

  app.openapi(ops.decideDeal, async (c) => {
    const id = await idOf(c.req.valid('param').id, c.req.valid('query').partner);
    const deal = await decideDeal(c.var.deps, id, parseDecision(c.req.valid('json')));
    c.var.deps.log.info({ category: 'deals', dealRowId: id, status: deal.status }, 'deal decided');
    return c.json(await show(deal.id), 200);
  });

  app.openapi(ops.withdrawDeal, async (c) => {
    const reason = parseReason(c.req.valid('json')) ?? DEFAULT_WITHDRAW_REASON;
    const deal = await withdrawDeal(
      c.var.deps,
      await idOf(c.req.valid('param').id, c.req.valid('query').partner),
      reason,
    );
    return c.json(await show(deal.id), 200);
  });

  app.openapi(ops.getDealProof, async (c) => {
    const proof = await dealProof(
      c.var.deps,
      await idOf(c.req.valid('param').id, c.req.valid('query').partner),
    );
    const later = await c.var.deps.store.read((tx) => laterConflictsOf(tx, [proof.deal]));
    return c.json(
      proofView(proof, await partnerNames(c.var.deps.store), c.var.deps.clock.now(), later),
      200,
    );
  });

  return app;
}
