/**
 * The vendor-managed inventory admin API, mounted under /api, declared in
 * ./inventory-operations.ts. As the partner: submit stock reports, decide proposals, set
 * auto-accept rules. As the supplier: read reports, keep settings per partner and SKU, preview and
 * send proposals. Both: list and show reports and proposals.
 */
import { inventoryRowId } from '../../inventory/find-record.ts';
import type { AppDeps } from '../../app.ts';
import { decideProposal } from '../../inventory/decide-proposal.ts';
import {
  parseAutoAccept,
  parseDecision,
  parsePartnerSettings,
  parseReport,
  parseSend,
  parseSetting,
  sku as parseSku,
} from '../../inventory/input.ts';
import { previewProposal, sendProposal } from '../../inventory/propose.ts';
import { putAutoAccept, putPartnerSettings, putSetting } from '../../inventory/settings-ops.ts';
import { submitReport } from '../../inventory/submit-report.ts';
import { notFound } from '../../errors.ts';
import type { ProposalRole, ProposalStatus, ReportRole } from '../../store/inventory-store.ts';
import type { Store } from '../../store/store.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { queryPartner } from '../record-params.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './inventory-operations.ts';
import {
  autoAcceptView,
  partnerSettingsView,
  proposalView,
  reportSummaryView,
  reportView,
  settingView,
  type PartnerNames,
} from './views.ts';
import { partnersById, partnersNamed } from '../../partners/partners-by-id.ts';

export { MAX_REPORT_BODY_BYTES } from './inventory-operations.ts';

export const REPORT_ROLES: readonly ReportRole[] = ['partner', 'supplier'];
export const PROPOSAL_ROLES: readonly ProposalRole[] = ['supplier', 'partner'];
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  'open',
  'accepted',
  'modified',
  'rejected',
];

export const partnerNames = (store: Store): Promise<PartnerNames> => partnersById(store);

export function createInventoryRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  const partnerId = async (ref: string | undefined) => (await queryPartner(deps.store, ref))?.id;
  const showReport = async (id: number) => {
    const report = await deps.store.read((tx) => tx.inventory.getReport(id));
    if (!report) throw notFound(`report ${id}`);
    return reportView(report, await partnerNames(deps.store));
  };
  const showProposal = async (id: number) => {
    const proposal = await deps.store.read((tx) => tx.inventory.getProposal(id));
    if (!proposal) throw notFound(`proposal ${id}`);
    return proposalView(proposal, await partnerNames(deps.store), deps.clock.now());
  };

  app.openapi(ops.listInventoryReports, async (c) => {
    const { role, location, ...query } = c.req.valid('query');
    const partner = await partnerId(query.partner);
    const page = pageOf(query);
    const rows = await c.var.deps.store.read((tx) =>
      tx.inventory.listReports(
        {
          ...(role !== undefined && { role }),
          ...(partner !== undefined && { partnerId: partner }),
          ...(location !== undefined && { location }),
        },
        { ...page, limit: page.limit + 1 },
      ),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnerNames(c.var.deps.store);
    return c.json(
      {
        reports: shown.map((r) => reportSummaryView(r, names)),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.submitInventoryReport, async (c) => {
    const { supplier: ref, ...input } = parseReport(c.req.valid('json'));
    const supplier = await partnerForField(c.var.deps.store, ref, 'supplier');
    const report = await submitReport(c.var.deps, { ...input, supplier });
    c.var.deps.log.info({ category: 'inventory', reportRowId: report.id }, 'inventory report sent');
    return c.json(await showReport(report.id), 201);
  });

  app.openapi(ops.getInventoryReport, async (c) =>
    c.json(
      await showReport(await inventoryRowId(c.var.deps.store, 'report', c.req.valid('param').id)),
      200,
    ),
  );

  app.openapi(ops.listInventorySettings, async (c) => {
    const query = c.req.valid('query');
    const partner = await partnerId(query.partner);
    const rows = await c.var.deps.store.read((tx) =>
      tx.inventory.listSettings({
        ...(partner !== undefined && { partnerId: partner }),
        ...(query.sku !== undefined && { sku: parseSku(query.sku, 'sku') }),
        ...(query.location !== undefined && { location: query.location }),
      }),
    );
    const names = await partnerNames(c.var.deps.store);
    return c.json({ settings: rows.map((s) => settingView(s, names)) }, 200);
  });

  app.openapi(ops.putInventorySetting, async (c) => {
    const { partner: ref, ...input } = parseSetting(c.req.valid('json'));
    const partner = await partnerForField(c.var.deps.store, ref, 'partner');
    const setting = await putSetting(c.var.deps, partner, input);
    return c.json(settingView(setting, await partnerNames(c.var.deps.store)), 200);
  });

  app.openapi(ops.deleteInventorySetting, async (c) => {
    const query = c.req.valid('query');
    const partner = (await partnerId(query.partner))!;
    const skuValue = parseSku(query.sku, 'sku');
    const location = query.location ?? '';
    const deleted = await c.var.deps.store.transact((tx) =>
      tx.inventory.deleteSetting(partner, skuValue, location),
    );
    if (!deleted) throw notFound(`setting for ${skuValue}`);
    return c.body(null, 204);
  });

  app.openapi(ops.listInventoryPartnerSettings, async (c) => {
    const rows = await c.var.deps.store.read((tx) => tx.inventory.listPartnerSettings());
    const names = await partnerNames(c.var.deps.store);
    return c.json({ partners: rows.map((s) => partnerSettingsView(s, names)) }, 200);
  });

  app.openapi(ops.putInventoryPartnerSettings, async (c) => {
    const { partner: ref, ...input } = parsePartnerSettings(c.req.valid('json'));
    const partner = await partnerForField(c.var.deps.store, ref, 'partner');
    const settings = await putPartnerSettings(c.var.deps, partner, input);
    return c.json(partnerSettingsView(settings, await partnerNames(c.var.deps.store)), 200);
  });

  app.openapi(ops.previewProposal, async (c) => {
    const { partner: ref, location } = parseSend(c.req.valid('json'));
    const partner = await partnerForField(c.var.deps.store, ref, 'partner');
    return c.json(await previewProposal(c.var.deps, partner, location), 200);
  });

  app.openapi(ops.listProposals, async (c) => {
    const { role, status, ...query } = c.req.valid('query');
    const partner = await partnerId(query.partner);
    const page = pageOf(query);
    const rows = await c.var.deps.store.read((tx) =>
      tx.inventory.listProposals(
        {
          ...(role !== undefined && { role }),
          ...(status !== undefined && { status }),
          ...(partner !== undefined && { partnerId: partner }),
        },
        { ...page, limit: page.limit + 1 },
      ),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersNamed(c.var.deps.store, shown);
    const now = c.var.deps.clock.now();
    return c.json(
      {
        proposals: shown.map((p) => proposalView(p, names, now)),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.sendProposal, async (c) => {
    const { partner: ref, ...input } = parseSend(c.req.valid('json'));
    const partner = await partnerForField(c.var.deps.store, ref, 'partner');
    const proposal = await sendProposal(c.var.deps, { ...input, partner });
    c.var.deps.log.info({ category: 'inventory', proposalRowId: proposal.id }, 'proposal sent');
    return c.json(await showProposal(proposal.id), 201);
  });

  app.openapi(ops.getProposal, async (c) =>
    c.json(
      await showProposal(
        await inventoryRowId(c.var.deps.store, 'proposal', c.req.valid('param').id),
      ),
      200,
    ),
  );

  app.openapi(ops.decideProposal, async (c) => {
    const input = parseDecision(c.req.valid('json'));
    const id = await inventoryRowId(c.var.deps.store, 'proposal', c.req.valid('param').id);
    const decided = await decideProposal(c.var.deps, id, input);
    c.var.deps.log.info(
      { category: 'inventory', proposalRowId: id, status: decided.status },
      'decided',
    );
    return c.json(await showProposal(id), 200);
  });

  app.openapi(ops.listAutoAcceptRules, async (c) => {
    const rules = await c.var.deps.store.read((tx) => tx.inventory.listAutoAccept());
    const names = await partnerNames(c.var.deps.store);
    return c.json({ rules: rules.map((r) => autoAcceptView(r, names)) }, 200);
  });

  app.openapi(ops.putAutoAcceptRule, async (c) => {
    const { supplier: ref, ...input } = parseAutoAccept(c.req.valid('json'));
    const supplier = await partnerForField(c.var.deps.store, ref, 'supplier');
    const rule = await putAutoAccept(c.var.deps, supplier, input);
    return c.json(autoAcceptView(rule, await partnerNames(c.var.deps.store)), 200);
  });

  return app;
}
