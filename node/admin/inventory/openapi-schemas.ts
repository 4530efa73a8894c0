/** The vendor-managed inventory admin API's record schemas in the OpenAPI document. */
import {
  DECISION_STATUSES,
  MAX_COVER_DAYS,
  MAX_LEAD_TIME_DAYS,
  MAX_PROPOSAL_LINES,
  MAX_REPORT_LINES,
  POLICIES,
  VALID_DAYS,
} from '../../inventory/input.ts';
import {
  closedObject,
  date,
  integerOrNull,
  recordRefusal,
  stringOrNull,
  time,
  timeOrNull,
} from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { SchemaObject } from '../openapi-types.ts';

const qty: SchemaObject = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
  maxLength: 40,
  description: 'A decimal string.',
};
const qtyOrNull: SchemaObject = { ...qty, type: ['string', 'null'] };
const sku: SchemaObject = { type: 'string', minLength: 1, maxLength: 64 };

const partnerOf: SchemaObject = closedObject({
  id: { type: 'integer' },
  name: stringOrNull,
  nodeId: stringOrNull,
});
const stockLine = closedObject({ sku, onHand: qty, sold: qty, onOrder: qty, returned: qty }, [
  'sku',
  'onHand',
  'sold',
]);
const orderedLine = closedObject({ sku, qty });
const reportCommon: Record<string, SchemaObject> = {
  id: { type: 'integer' },
  role: {
    type: 'string',
    enum: ['partner', 'supplier'],
    description: 'partner: we sent it to our supplier; supplier: a partner sent it to us.',
  },
  reportId: { type: 'string' },
  partner: { ...partnerOf, description: 'The supplier (role partner) or the reporting partner.' },
  location: { type: 'string' },
  periodStart: date,
  periodEnd: date,
  days: { type: 'integer', description: 'Days in the period, both ends included.' },
  note: stringOrNull,
  createdAt: time,
  refusal: recordRefusal('report'),
};
const lineExplanation: SchemaObject = {
  type: 'object',
  description: 'How one SKU’s quantity came about (the structured twin of its reason).',
  properties: {
    sku,
    qty,
    policy: { type: 'string', enum: POLICIES },
    soldPerDay: qty,
    sold: qty,
    salesDays: { type: 'integer' },
    salesReports: { type: 'array', items: { type: 'string' } },
    onHand: qty,
    onOrder: qty,
    position: qty,
    positionReport: { type: 'string' },
    coverDaysNow: { ...qtyOrNull, description: 'Null without sales.' },
    leadTimeDays: { type: 'integer' },
    min: qtyOrNull,
    max: qtyOrNull,
    coverDays: integerOrNull,
    target: qty,
    unrounded: qty,
    packSize: qtyOrNull,
    reason: { type: 'string' },
  },
};
const computation: SchemaObject = closedObject({
  basedOn: { type: 'array', items: { type: 'string' } },
  lines: { type: 'array', items: lineExplanation, description: 'SKUs to order.' },
  sufficient: {
    type: 'array',
    items: lineExplanation,
    description: 'SKUs evaluated with nothing to order.',
  },
  unreported: {
    type: 'array',
    items: { type: 'string' },
    description: 'SKUs with a setting that no report used lists.',
  },
});

export const INVENTORY_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  InventoryReport: closedObject({
    ...reportCommon,
    lines: { type: 'array', items: stockLine },
  }),
  InventoryReportSummary: closedObject({ ...reportCommon, lineCount: { type: 'integer' } }),
  InventoryReportPage: closedObject({
    reports: { type: 'array', items: ref('InventoryReportSummary') },
    nextCursor: integerOrNull,
  }),
  InventoryReportSubmission: closedObject(
    {
      supplier: ref('PartnerRef'),
      reportId: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        description: 'Our id for the report; a new UUID when absent.',
      },
      location: { type: 'string', minLength: 1, maxLength: 200 },
      periodStart: date,
      periodEnd: { ...date, description: 'Included; not before periodStart, at most 366 days.' },
      lines: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_REPORT_LINES,
        items: stockLine,
        description: 'One line per SKU; onOrder defaults to "0".',
      },
      note: { type: 'string', minLength: 1, maxLength: 500 },
    },
    ['supplier', 'location', 'periodStart', 'periodEnd', 'lines'],
  ),
  InventorySetting: closedObject({
    partner: partnerOf,
    sku,
    location: { ...stringOrNull, description: 'Null: every location without its own setting.' },
    policy: { type: 'string', enum: POLICIES },
    min: qtyOrNull,
    max: qtyOrNull,
    days: integerOrNull,
    leadTimeDays: { type: 'integer' },
    packSize: qtyOrNull,
    updatedAt: time,
  }),
  InventorySettingInput: closedObject(
    {
      partner: ref('PartnerRef'),
      sku,
      location: { type: 'string', minLength: 1, maxLength: 200 },
      policy: { type: 'string', enum: POLICIES },
      min: { ...qty, description: 'min_max: order when on hand + on order falls below it.' },
      max: { ...qty, description: 'min_max: order up to it.' },
      days: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_COVER_DAYS,
        description: 'days_of_cover: days of sales to cover after the lead time.',
      },
      leadTimeDays: { type: 'integer', minimum: 0, maximum: MAX_LEAD_TIME_DAYS, default: 0 },
      packSize: { ...qty, description: 'Round quantities up to a multiple of it.' },
    },
    ['partner', 'sku', 'policy'],
  ),
  InventorySettingList: closedObject({
    settings: { type: 'array', items: ref('InventorySetting') },
  }),
  ProposalComputation: computation,
  ProposalPreviewRequest: closedObject(
    { partner: ref('PartnerRef'), location: { type: 'string', minLength: 1, maxLength: 200 } },
    ['partner', 'location'],
  ),
  ProposalSendRequest: closedObject(
    {
      partner: ref('PartnerRef'),
      location: { type: 'string', minLength: 1, maxLength: 200 },
      validDays: {
        type: 'integer',
        minimum: VALID_DAYS.min,
        maximum: VALID_DAYS.max,
        default: VALID_DAYS.fallback,
      },
    },
    ['partner', 'location'],
  ),
  Proposal: closedObject({
    id: { type: 'integer' },
    role: {
      type: 'string',
      enum: ['supplier', 'partner'],
      description: 'supplier: we sent it; partner: our supplier sent it to us.',
    },
    proposalId: { type: 'string' },
    partner: partnerOf,
    location: { type: 'string' },
    basedOn: { type: 'array', items: { type: 'string' } },
    validUntil: time,
    expired: { type: 'boolean', description: 'Open and past validUntil.' },
    status: { type: 'string', enum: ['open', ...DECISION_STATUSES] },
    lines: { type: 'array', items: closedObject({ sku, qty, reason: { type: 'string' } }) },
    details: { ...computation, type: ['object', 'null'], description: 'Role supplier only.' },
    decision: {
      type: ['object', 'null'],
      properties: {
        status: { type: 'string', enum: DECISION_STATUSES },
        lines: { type: ['array', 'null'], items: orderedLine },
        reason: stringOrNull,
        orderId: { ...stringOrNull, description: 'The replenishment order placed.' },
        decidedAt: timeOrNull,
        late: { type: 'boolean', description: 'Role supplier: sent after validUntil.' },
        autoAccepted: { type: 'boolean' },
      },
    },
    autoAcceptNote: { ...stringOrNull, description: 'Why the auto-accept rule left it open.' },
    createdAt: time,
    updatedAt: time,
    refusal: recordRefusal('proposal'),
  }),
  ProposalPage: closedObject({
    proposals: { type: 'array', items: ref('Proposal') },
    nextCursor: integerOrNull,
  }),
  ProposalDecisionRequest: closedObject(
    {
      status: { type: 'string', enum: DECISION_STATUSES },
      lines: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_PROPOSAL_LINES,
        items: orderedLine,
        description:
          'With modified: SKUs of the proposal and the quantities to order ("0" drops one).',
      },
      reason: { type: 'string', minLength: 1, maxLength: 500 },
    },
    ['status'],
  ),
  AutoAcceptRule: closedObject({
    supplier: partnerOf,
    enabled: { type: 'boolean' },
    maxLines: integerOrNull,
    maxLineQty: qtyOrNull,
    maxTotalQty: qtyOrNull,
    updatedAt: time,
  }),
  AutoAcceptInput: closedObject(
    {
      supplier: ref('PartnerRef'),
      enabled: { type: 'boolean', default: true },
      maxLines: { type: ['integer', 'null'], minimum: 1, maximum: MAX_PROPOSAL_LINES },
      maxLineQty: qtyOrNull,
      maxTotalQty: qtyOrNull,
    },
    ['supplier'],
  ),
  AutoAcceptList: closedObject({ rules: { type: 'array', items: ref('AutoAcceptRule') } }),
  InventoryPartnerSettings: closedObject({
    partner: partnerOf,
    autoPropose: {
      type: 'boolean',
      description: 'Send a proposal by itself a few minutes after the partner reports.',
    },
    validDays: { type: 'integer', description: 'Days the partner has to decide one.' },
    updatedAt: time,
  }),
  InventoryPartnerSettingsInput: closedObject(
    {
      partner: ref('PartnerRef'),
      autoPropose: { type: 'boolean', default: false },
      validDays: {
        type: 'integer',
        minimum: VALID_DAYS.min,
        maximum: VALID_DAYS.max,
        default: VALID_DAYS.fallback,
      },
    },
    ['partner'],
  ),
  InventoryPartnerSettingsList: closedObject({
    partners: { type: 'array', items: ref('InventoryPartnerSettings') },
  }),
};
