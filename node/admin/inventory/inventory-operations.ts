/** The vendor-managed inventory admin operations, declared once, with the answers they give. */
import { z } from 'zod';
import { queryEnum, queryText } from '../../input/input-atoms.ts';
import {
  AutoAcceptInput,
  DECISION_STATUSES,
  InventoryPartnerSettingsInput,
  InventoryReportSubmission,
  InventorySettingInput,
  ProposalDecisionRequest,
  ProposalPreviewRequest,
  ProposalSendRequest,
} from '../../inventory/inventory-schemas.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { pageQuery, partnerFilter, recordIdParams } from '../record-schemas.ts';
import { READ, rolesOf } from '../role-rule.ts';
import {
  AutoAcceptRule,
  InventoryPartnerSettings,
  InventoryReport,
  InventoryReportPage,
  InventorySetting,
  Proposal,
  ProposalComputation,
  ProposalPage,
} from './inventory-view-schemas.ts';

const declare = operationsOf('inventory');
/** A report of 2000 lines is about 200 KB of JSON. */
export const MAX_REPORT_BODY_BYTES = 512 * 1024;
const WRITE = rolesOf('inventory');
const idParams = (what: string) => recordIdParams(what, 'shared id');
const skuQuery = queryText(64);

export const listInventoryReports = declare(
  {
    method: 'get',
    path: '/inventory/reports',
    operationId: 'listInventoryReports',
    roles: READ,
    summary: 'Stock reports, newest first: ours to suppliers and those partners sent us',
    description:
      'Reports in both roles, optionally of one role, with one partner or for one location; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        role: queryEnum(['partner', 'supplier']).optional(),
        partner: partnerFilter,
        location: queryText(200).optional(),
        ...pageQuery,
      }),
    },
    responses: { 200: jsonResponse('A page.', InventoryReportPage), 400: errors[400] },
  },
);

export const submitInventoryReport = declare(
  {
    method: 'post',
    path: '/inventory/reports',
    operationId: 'submitInventoryReport',
    roles: WRITE,
    body: 'required',
    bodyMaxBytes: MAX_REPORT_BODY_BYTES,
    summary: 'Report stock and sales for a location and period to a supplier (inventory.report)',
    description:
      'Sends a signed inventory.report to the supplier: stock on hand, sales, stock on order and returns per SKU for one location over whole days. The body may be up to 512 KiB. 409 when the supplier is not active.',
  },
  {
    request: { body: jsonRequest(InventoryReportSubmission) },
    responses: { 201: jsonResponse('Sent.', InventoryReport), 400: errors[400], 409: errors[409] },
  },
);

export const getInventoryReport = declare(
  {
    method: 'get',
    path: '/inventory/reports/{id}',
    operationId: 'getInventoryReport',
    roles: READ,
    summary: 'One stock report with its lines',
    description: 'One report in either role with every line.',
  },
  {
    request: { params: idParams('report') },
    responses: { 200: jsonResponse('The report.', InventoryReport), 404: errors[404] },
  },
);

export const listInventorySettings = declare(
  {
    method: 'get',
    path: '/inventory/settings',
    operationId: 'listInventorySettings',
    roles: READ,
    summary: 'Replenishment settings per partner and SKU',
    description:
      'The replenishment policy (min/max or days of cover) per partner, SKU and location, optionally narrowed to one of each.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        sku: skuQuery.optional(),
        location: queryText(200).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        'The settings.',
        z
          .strictObject({ settings: z.array(InventorySetting) })
          .meta({ id: 'InventorySettingList' }),
      ),
      400: errors[400],
    },
  },
);

export const putInventorySetting = declare(
  {
    method: 'put',
    path: '/inventory/settings',
    operationId: 'putInventorySetting',
    roles: WRITE,
    body: 'required',
    summary: 'Set the replenishment policy for a partner and SKU (and location)',
    description:
      'min_max orders up to max when on hand and on order fall below min; days_of_cover orders the sales of that many days after the lead time. Quantities are rounded up to the pack size.',
  },
  {
    request: { body: jsonRequest(InventorySettingInput) },
    responses: { 200: jsonResponse('The setting.', InventorySetting), 400: errors[400] },
  },
);

export const deleteInventorySetting = declare(
  {
    method: 'delete',
    path: '/inventory/settings',
    operationId: 'deleteInventorySetting',
    roles: WRITE,
    summary: 'Remove a setting (partner, sku and location in the query)',
    description:
      'Removes the setting of a partner and SKU (without location: the one for every location); 404 when there is none.',
  },
  {
    request: {
      query: z.strictObject({
        partner: queryText().meta({ description: 'Partner id or node id.' }),
        sku: skuQuery,
        location: queryText(200).optional(),
      }),
    },
    responses: { 204: { description: 'Removed.' }, 400: errors[400], 404: errors[404] },
  },
);

export const listInventoryPartnerSettings = declare(
  {
    method: 'get',
    path: '/inventory/partners',
    operationId: 'listInventoryPartnerSettings',
    roles: READ,
    summary: 'Per-partner replenishment settings (auto-propose)',
    description: 'Per partner: whether proposals go out by themselves, and how long they stand.',
  },
  {
    responses: {
      200: jsonResponse(
        'The settings.',
        z
          .strictObject({ partners: z.array(InventoryPartnerSettings) })
          .meta({ id: 'InventoryPartnerSettingsList' }),
      ),
    },
  },
);

export const putInventoryPartnerSettings = declare(
  {
    method: 'put',
    path: '/inventory/partners',
    operationId: 'putInventoryPartnerSettings',
    roles: WRITE,
    body: 'required',
    summary: 'Turn auto-propose on or off for a partner',
    description:
      'With auto-propose, a proposal is computed and sent a few minutes after the partner reports; validDays is how long the partner has to decide.',
  },
  {
    request: { body: jsonRequest(InventoryPartnerSettingsInput) },
    responses: { 200: jsonResponse('The settings.', InventoryPartnerSettings), 400: errors[400] },
  },
);

export const previewProposal = declare(
  {
    method: 'post',
    path: '/inventory/proposals/preview',
    operationId: 'previewProposal',
    roles: WRITE,
    body: 'required',
    summary: 'Compute a replenishment proposal for a partner location without sending it',
    description:
      'The computation a proposal would send now, line by line with how each quantity came about; nothing is stored or sent. 409 without a report to base it on.',
  },
  {
    request: { body: jsonRequest(ProposalPreviewRequest) },
    responses: {
      200: jsonResponse('The computation, line by line.', ProposalComputation),
      400: errors[400],
      409: errors[409],
    },
  },
);

export const listProposals = declare(
  {
    method: 'get',
    path: '/inventory/proposals',
    operationId: 'listProposals',
    roles: READ,
    summary: 'Replenishment proposals, newest first: sent and received',
    description:
      'Proposals in both roles, optionally of one role, in one status or with one partner; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        role: queryEnum(['supplier', 'partner']).optional(),
        status: queryEnum(['open', ...DECISION_STATUSES]).optional(),
        partner: partnerFilter,
        ...pageQuery,
      }),
    },
    responses: { 200: jsonResponse('A page.', ProposalPage), 400: errors[400] },
  },
);

export const sendProposal = declare(
  {
    method: 'post',
    path: '/inventory/proposals',
    operationId: 'sendProposal',
    roles: WRITE,
    body: 'required',
    summary: 'Compute and send a replenishment proposal (replenishment.proposal)',
    description:
      'Computes a proposal from the partner’s latest reports and the settings, and sends it signed; it stands validDays days. 409 without a report, with nothing to order, or when the partner is not active.',
  },
  {
    request: { body: jsonRequest(ProposalSendRequest) },
    responses: { 201: jsonResponse('Sent.', Proposal), 400: errors[400], 409: errors[409] },
  },
);

export const getProposal = declare(
  {
    method: 'get',
    path: '/inventory/proposals/{id}',
    operationId: 'getProposal',
    roles: READ,
    summary: 'One replenishment proposal',
    description: 'One proposal in either role with its lines, computation (ours) and decision.',
  },
  {
    request: { params: idParams('proposal') },
    responses: { 200: jsonResponse('The proposal.', Proposal), 404: errors[404] },
  },
);

export const decideProposal = declare(
  {
    method: 'post',
    path: '/inventory/proposals/{id}/decision',
    operationId: 'decideProposal',
    roles: WRITE,
    body: 'required',
    summary:
      'Accept (places a replenishment order), modify (orders the quantities given) or reject a proposal',
    description:
      'Decides a proposal our supplier sent: accepted places a replenishment order for its lines, modified for the quantities given, rejected places nothing; the supplier is told. 409 once decided or on a proposal we sent.',
  },
  {
    request: { params: idParams('proposal'), body: jsonRequest(ProposalDecisionRequest) },
    responses: { 200: jsonResponse('The decided proposal.', Proposal), ...errors },
  },
);

export const listAutoAcceptRules = declare(
  {
    method: 'get',
    path: '/inventory/auto-accept',
    operationId: 'listAutoAcceptRules',
    roles: READ,
    summary: 'Rules that accept a supplier’s proposals on receipt',
    description:
      'Per supplier: whether its proposals are accepted on receipt, within which limits.',
  },
  {
    responses: {
      200: jsonResponse(
        'The rules.',
        z.strictObject({ rules: z.array(AutoAcceptRule) }).meta({ id: 'AutoAcceptList' }),
      ),
    },
  },
);

export const putAutoAcceptRule = declare(
  {
    method: 'put',
    path: '/inventory/auto-accept',
    operationId: 'putAutoAcceptRule',
    roles: WRITE,
    body: 'required',
    summary: 'Set the auto-accept rule for a supplier',
    description:
      'Accepts the supplier’s proposals on receipt when they stay within the limits given (lines, quantity per line, total quantity); others wait for a person.',
  },
  {
    request: { body: jsonRequest(AutoAcceptInput) },
    responses: { 200: jsonResponse('The rule.', AutoAcceptRule), 400: errors[400] },
  },
);

export const INVENTORY_OPERATIONS = [
  listInventoryReports,
  submitInventoryReport,
  getInventoryReport,
  listInventorySettings,
  putInventorySetting,
  deleteInventorySetting,
  listInventoryPartnerSettings,
  putInventoryPartnerSettings,
  previewProposal,
  listProposals,
  sendProposal,
  getProposal,
  decideProposal,
  listAutoAcceptRules,
  putAutoAcceptRule,
];
