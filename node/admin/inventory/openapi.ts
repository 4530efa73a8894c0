/** The vendor-managed inventory admin API in the OpenAPI document: its paths (schemas beside). */
import { DECISION_STATUSES } from '../../inventory/input.ts';
import { ok, operation, param, response } from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject } from '../openapi-types.ts';

export { INVENTORY_OPENAPI_SCHEMAS } from './openapi-schemas.ts';

const TAG = 'inventory';
const idParam = (what: string) => ({
  name: 'id',
  in: 'path' as const,
  required: true,
  description: `This node's number for the ${what} (\`id\` in the listing), or its shared id.`,
  schema: { type: 'string' as const, minLength: 1, maxLength: 200 },
});
const conflictResponse = response('Conflict');
const notFoundResponse = response('NotFound');

export const INVENTORY_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/inventory/reports': {
    get: operation('listInventoryReports', {
      summary: 'Stock reports, newest first: ours to suppliers and those partners sent us',
      tag: TAG,
      parameters: [
        { name: 'role', in: 'query', schema: { type: 'string', enum: ['partner', 'supplier'] } },
        param('partnerFilter'),
        { name: 'location', in: 'query', schema: { type: 'string' } },
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok('A page.', ref('InventoryReportPage')),
        '400': response('BadRequest'),
      },
    }),
    post: operation('submitInventoryReport', {
      summary: 'Report stock and sales for a location and period to a supplier (inventory.report)',
      description: 'The body may be up to 512 KiB.',
      tag: TAG,
      body: { schema: ref('InventoryReportSubmission') },
      responses: { '201': ok('Sent.', ref('InventoryReport')), '409': conflictResponse },
    }),
  },
  '/inventory/reports/{id}': {
    get: operation('getInventoryReport', {
      summary: 'One stock report with its lines',
      tag: TAG,
      parameters: [idParam('report')],
      responses: { '200': ok('The report.', ref('InventoryReport')), '404': notFoundResponse },
    }),
  },
  '/inventory/settings': {
    get: operation('listInventorySettings', {
      summary: 'Replenishment settings per partner and SKU',
      tag: TAG,
      parameters: [
        param('partnerFilter'),
        { name: 'sku', in: 'query', schema: { type: 'string' } },
        { name: 'location', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': ok('The settings.', ref('InventorySettingList')),
        '400': response('BadRequest'),
      },
    }),
    put: operation('putInventorySetting', {
      summary: 'Set the replenishment policy for a partner and SKU (and location)',
      tag: TAG,
      body: { schema: ref('InventorySettingInput') },
      responses: { '200': ok('The setting.', ref('InventorySetting')) },
    }),
    delete: operation('deleteInventorySetting', {
      summary: 'Remove a setting (partner, sku and location in the query)',
      tag: TAG,
      parameters: [
        param('partnerFilter'),
        { name: 'sku', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'location', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '204': { description: 'Removed.' },
        '400': response('BadRequest'),
        '404': notFoundResponse,
      },
    }),
  },
  '/inventory/partners': {
    get: operation('listInventoryPartnerSettings', {
      summary: 'Per-partner replenishment settings (auto-propose)',
      tag: TAG,
      responses: { '200': ok('The settings.', ref('InventoryPartnerSettingsList')) },
    }),
    put: operation('putInventoryPartnerSettings', {
      summary: 'Turn auto-propose on or off for a partner',
      tag: TAG,
      body: { schema: ref('InventoryPartnerSettingsInput') },
      responses: { '200': ok('The settings.', ref('InventoryPartnerSettings')) },
    }),
  },
  '/inventory/proposals/preview': {
    post: operation('previewProposal', {
      summary: 'Compute a replenishment proposal for a partner location without sending it',
      tag: TAG,
      body: { schema: ref('ProposalPreviewRequest') },
      responses: {
        '200': ok('The computation, line by line.', ref('ProposalComputation')),
        '409': conflictResponse,
      },
    }),
  },
  '/inventory/proposals': {
    get: operation('listProposals', {
      summary: 'Replenishment proposals, newest first: sent and received',
      tag: TAG,
      parameters: [
        { name: 'role', in: 'query', schema: { type: 'string', enum: ['supplier', 'partner'] } },
        {
          name: 'status',
          in: 'query',
          schema: { type: 'string', enum: ['open', ...DECISION_STATUSES] },
        },
        param('partnerFilter'),
        param('limit'),
        param('after'),
      ],
      responses: { '200': ok('A page.', ref('ProposalPage')), '400': response('BadRequest') },
    }),
    post: operation('sendProposal', {
      summary: 'Compute and send a replenishment proposal (replenishment.proposal)',
      tag: TAG,
      body: { schema: ref('ProposalSendRequest') },
      responses: { '201': ok('Sent.', ref('Proposal')), '409': conflictResponse },
    }),
  },
  '/inventory/proposals/{id}': {
    get: operation('getProposal', {
      summary: 'One replenishment proposal',
      tag: TAG,
      parameters: [idParam('proposal')],
      responses: { '200': ok('The proposal.', ref('Proposal')), '404': notFoundResponse },
    }),
  },
  '/inventory/proposals/{id}/decision': {
    post: operation('decideProposal', {
      summary:
        'Accept (places a replenishment order), modify (orders the quantities given) or reject a proposal',
      tag: TAG,
      parameters: [idParam('proposal')],
      body: { schema: ref('ProposalDecisionRequest') },
      responses: {
        '200': ok('The decided proposal.', ref('Proposal')),
        '404': notFoundResponse,
        '409': conflictResponse,
      },
    }),
  },
  '/inventory/auto-accept': {
    get: operation('listAutoAcceptRules', {
      summary: 'Rules that accept a supplier’s proposals on receipt',
      tag: TAG,
      responses: { '200': ok('The rules.', ref('AutoAcceptList')) },
    }),
    put: operation('putAutoAcceptRule', {
      summary: 'Set the auto-accept rule for a supplier',
      tag: TAG,
      body: { schema: ref('AutoAcceptInput') },
      responses: { '200': ok('The rule.', ref('AutoAcceptRule')) },
    }),
  },
};
