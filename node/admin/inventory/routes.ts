/**
 * The vendor-managed inventory admin API, mounted under /api, and its part of the OpenAPI
 * document. As the partner: submit stock reports, decide proposals, set auto-accept rules. As the
 * supplier: read reports, keep settings per partner and SKU, preview and send proposals. Both:
 * list and show reports and proposals.
 */
import { inventoryRowId } from '../../inventory/find-record.ts';
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../app.ts';
import { decideProposal } from '../../inventory/decide-proposal.ts';
import {
  AUTO_ACCEPT_FIELDS,
  DECISION_FIELDS,
  PARTNER_SETTINGS_FIELDS,
  parseAutoAccept,
  parseDecision,
  parsePartnerSettings,
  parseReport,
  parseSend,
  parseSetting,
  REPORT_FIELDS,
  SEND_FIELDS,
  SETTING_FIELDS,
  sku as parseSku,
} from '../../inventory/input.ts';
import { previewProposal, sendProposal } from '../../inventory/propose.ts';
import { putAutoAccept, putPartnerSettings, putSetting } from '../../inventory/settings-ops.ts';
import { submitReport } from '../../inventory/submit-report.ts';
import { notFound } from '../../errors.ts';
import type { ProposalRole, ProposalStatus, ReportRole } from '../../store/inventory-store.ts';
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
import {
  autoAcceptView,
  partnerSettingsView,
  proposalView,
  reportSummaryView,
  reportView,
  settingView,
  type PartnerNames,
} from './views.ts';

export { INVENTORY_OPENAPI_PATHS, INVENTORY_OPENAPI_SCHEMAS } from './openapi.ts';

export const REPORT_ROLES: readonly ReportRole[] = ['partner', 'supplier'];
export const PROPOSAL_ROLES: readonly ProposalRole[] = ['supplier', 'partner'];
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  'open',
  'accepted',
  'modified',
  'rejected',
];
/** A report of 2000 lines is about 200 KB of JSON. */
export const MAX_REPORT_BODY_BYTES = 512 * 1024;

export async function partnerNames(store: Store): Promise<PartnerNames> {
  return store.read(async (tx) => new Map((await tx.partners.list()).map((p) => [p.id, p])));
}

/** The `:id` of a report or proposal route: its number here or its shared id. */
function idParam(store: Store, c: Context, what: 'report' | 'proposal'): Promise<number> {
  return inventoryRowId(store, what, c.req.param('id') ?? '');
}

function oneOf<T extends string>(c: Context, name: string, allowed: readonly T[]): T | undefined {
  const value = queryValue(c, name);
  if (value !== undefined && !allowed.includes(value as T)) {
    throw invalidField(name, `${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T | undefined;
}

export function createInventoryRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const partnerQuery = async (c: Context) => {
    const ref = queryValue(c, 'partner');
    return ref === undefined ? undefined : (await partnerForField(deps.store, ref, 'partner')).id;
  };
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

  app.get('/inventory/reports', async (c) => {
    rejectUnknownQuery(c, ['role', 'partner', 'location', 'limit', 'after']);
    const role = oneOf(c, 'role', REPORT_ROLES);
    const location = queryValue(c, 'location');
    const partnerId = await partnerQuery(c);
    const page = queryPage(c);
    const rows = await deps.store.read((tx) =>
      tx.inventory.listReports(
        {
          ...(role !== undefined && { role }),
          ...(partnerId !== undefined && { partnerId }),
          ...(location !== undefined && { location }),
        },
        { ...page, limit: page.limit + 1 },
      ),
    );
    const shown = rows.slice(0, page.limit);
    const names = await partnerNames(deps.store);
    return c.json({
      reports: shown.map((r) => reportSummaryView(r, names)),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/inventory/reports', jsonBody({ maxBytes: MAX_REPORT_BODY_BYTES }), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, REPORT_FIELDS);
    const { supplier: ref, ...input } = parseReport(body);
    const supplier = await partnerForField(deps.store, ref, 'supplier');
    const report = await submitReport(deps, { ...input, supplier });
    deps.log.info({ category: 'inventory', reportRowId: report.id }, 'inventory report sent');
    return c.json(await showReport(report.id), 201);
  });

  app.get('/inventory/reports/:id', async (c) =>
    c.json(await showReport(await idParam(deps.store, c, 'report'))),
  );

  app.get('/inventory/settings', async (c) => {
    rejectUnknownQuery(c, ['partner', 'sku', 'location']);
    const partnerId = await partnerQuery(c);
    const skuValue = queryValue(c, 'sku');
    const location = queryValue(c, 'location');
    const rows = await deps.store.read((tx) =>
      tx.inventory.listSettings({
        ...(partnerId !== undefined && { partnerId }),
        ...(skuValue !== undefined && { sku: parseSku(skuValue, 'sku') }),
        ...(location !== undefined && { location }),
      }),
    );
    const names = await partnerNames(deps.store);
    return c.json({ settings: rows.map((s) => settingView(s, names)) });
  });

  app.put('/inventory/settings', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, SETTING_FIELDS);
    const { partner: ref, ...input } = parseSetting(body);
    const partner = await partnerForField(deps.store, ref, 'partner');
    const setting = await putSetting(deps, partner, input);
    return c.json(settingView(setting, await partnerNames(deps.store)));
  });

  app.delete('/inventory/settings', async (c) => {
    rejectUnknownQuery(c, ['partner', 'sku', 'location']);
    const partnerId = await partnerQuery(c);
    if (partnerId === undefined) throw invalidField('partner', 'partner is required');
    const raw = queryValue(c, 'sku');
    if (raw === undefined) throw invalidField('sku', 'sku is required');
    const skuValue = parseSku(raw, 'sku');
    const location = queryValue(c, 'location') ?? '';
    const deleted = await deps.store.transact((tx) =>
      tx.inventory.deleteSetting(partnerId, skuValue, location),
    );
    if (!deleted) throw notFound(`setting for ${skuValue}`);
    return c.body(null, 204);
  });

  app.get('/inventory/partners', async (c) => {
    const rows = await deps.store.read((tx) => tx.inventory.listPartnerSettings());
    const names = await partnerNames(deps.store);
    return c.json({ partners: rows.map((s) => partnerSettingsView(s, names)) });
  });

  app.put('/inventory/partners', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, PARTNER_SETTINGS_FIELDS);
    const { partner: ref, ...input } = parsePartnerSettings(body);
    const partner = await partnerForField(deps.store, ref, 'partner');
    const settings = await putPartnerSettings(deps, partner, input);
    return c.json(partnerSettingsView(settings, await partnerNames(deps.store)));
  });

  app.post('/inventory/proposals/preview', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['partner', 'location']);
    const { partner: ref, location } = parseSend(body);
    const partner = await partnerForField(deps.store, ref, 'partner');
    return c.json(await previewProposal(deps, partner, location));
  });

  app.get('/inventory/proposals', async (c) => {
    rejectUnknownQuery(c, ['role', 'status', 'partner', 'limit', 'after']);
    const role = oneOf(c, 'role', PROPOSAL_ROLES);
    const status = oneOf(c, 'status', PROPOSAL_STATUSES);
    const partnerId = await partnerQuery(c);
    const page = queryPage(c);
    const rows = await deps.store.read((tx) =>
      tx.inventory.listProposals(
        {
          ...(role !== undefined && { role }),
          ...(status !== undefined && { status }),
          ...(partnerId !== undefined && { partnerId }),
        },
        { ...page, limit: page.limit + 1 },
      ),
    );
    const shown = rows.slice(0, page.limit);
    const names = await partnerNames(deps.store);
    const now = deps.clock.now();
    return c.json({
      proposals: shown.map((p) => proposalView(p, names, now)),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/inventory/proposals', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, SEND_FIELDS);
    const { partner: ref, ...input } = parseSend(body);
    const partner = await partnerForField(deps.store, ref, 'partner');
    const proposal = await sendProposal(deps, { ...input, partner });
    deps.log.info({ category: 'inventory', proposalRowId: proposal.id }, 'proposal sent');
    return c.json(await showProposal(proposal.id), 201);
  });

  app.get('/inventory/proposals/:id', async (c) =>
    c.json(await showProposal(await idParam(deps.store, c, 'proposal'))),
  );

  app.post('/inventory/proposals/:id/decision', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, DECISION_FIELDS);
    const id = await idParam(deps.store, c, 'proposal');
    const decided = await decideProposal(deps, id, parseDecision(body));
    deps.log.info({ category: 'inventory', proposalRowId: id, status: decided.status }, 'decided');
    return c.json(await showProposal(id));
  });

  app.get('/inventory/auto-accept', async (c) => {
    const rules = await deps.store.read((tx) => tx.inventory.listAutoAccept());
    const names = await partnerNames(deps.store);
    return c.json({ rules: rules.map((r) => autoAcceptView(r, names)) });
  });

  app.put('/inventory/auto-accept', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, AUTO_ACCEPT_FIELDS);
    const { supplier: ref, ...input } = parseAutoAccept(body);
    const supplier = await partnerForField(deps.store, ref, 'supplier');
    const rule = await putAutoAccept(deps, supplier, input);
    return c.json(autoAcceptView(rule, await partnerNames(deps.store)));
  });

  return app;
}
