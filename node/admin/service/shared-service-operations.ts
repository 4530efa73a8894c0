/** The shared-service admin operations (service agreements, charges), declared once. */
import { z } from 'zod';
import { queryEnum } from '../../input/input-atoms.ts';
import { ServiceAgreementPut, ServiceInvoiceRequest } from '../../service/service-schemas.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { nextCursor, pageQuery, partnerFilter } from '../record-schemas.ts';
import { READ, rolesOf } from '../role-rule.ts';
import { ServiceAgreement, ServiceCharge, ServiceInvoice } from './service-view-schemas.ts';

const declare = operationsOf('service');
const WRITE = rolesOf('service');
const partnerParams = z.object({
  partner: z.string().min(1).meta({ description: 'The partner: its number or node id.' }),
});
const noQuery = z.strictObject({});
const agreement = jsonResponse('The agreement.', ServiceAgreement);

export const listServiceAgreements = declare(
  {
    method: 'get',
    path: '/service/agreements',
    operationId: 'listServiceAgreements',
    roles: READ,
    summary: 'The service agreements this node keeps with the partners it serves',
    description:
      'Every agreement: the categories offered to each partner, the response and resolution targets and how requests are billed.',
  },
  {
    request: { query: noQuery },
    responses: {
      200: jsonResponse(
        'Every agreement.',
        z
          .strictObject({ agreements: z.array(ServiceAgreement) })
          .meta({ id: 'ServiceAgreementList' }),
      ),
    },
  },
);

export const getServiceAgreement = declare(
  {
    method: 'get',
    path: '/service/agreements/{partner}',
    operationId: 'getServiceAgreement',
    roles: READ,
    summary: 'The service agreement with one partner',
    description: 'The agreement with one partner; 404 when there is none (every category offered).',
  },
  {
    request: { params: partnerParams, query: noQuery },
    responses: { 200: agreement, 400: errors[400], 404: errors[404] },
  },
);

export const putServiceAgreement = declare(
  {
    method: 'put',
    path: '/service/agreements/{partner}',
    operationId: 'putServiceAgreement',
    roles: WRITE,
    body: 'required',
    summary: 'Set the service agreement with a partner: categories, SLA, billing',
    description:
      'Sets the whole agreement: the categories offered (others are refused with service_not_offered), the response and resolution targets in hours, and, when billable, the price per request or hour started with its currency.',
  },
  {
    request: { params: partnerParams, query: noQuery, body: jsonRequest(ServiceAgreementPut) },
    responses: { 200: agreement, 400: errors[400], 404: errors[404] },
  },
);

export const deleteServiceAgreement = declare(
  {
    method: 'delete',
    path: '/service/agreements/{partner}',
    operationId: 'deleteServiceAgreement',
    roles: WRITE,
    summary: 'Remove the agreement: every category offered again, no SLA, no charge',
    description:
      'Removes the agreement with the partner; its requests are then taken in any category, without SLA or charge. 404 when there is none.',
  },
  {
    request: { params: partnerParams, query: noQuery },
    responses: {
      200: jsonResponse(
        'Removed.',
        z.strictObject({ partnerId: z.number().int(), removed: z.boolean() }),
      ),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const listServiceCharges = declare(
  {
    method: 'get',
    path: '/service/charges',
    operationId: 'listServiceCharges',
    roles: READ,
    summary: 'Charges of billable requests we resolved, newest first',
    description:
      'The charges resolving a billable request booked, open or invoiced, optionally of one partner or status; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        status: queryEnum(['open', 'invoiced']).optional(),
        ...pageQuery,
      }),
    },
    responses: {
      200: jsonResponse(
        'A page.',
        z
          .strictObject({ charges: z.array(ServiceCharge), nextCursor })
          .meta({ id: 'ServiceChargePage' }),
      ),
      400: errors[400],
    },
  },
);

export const invoiceServiceCharges = declare(
  {
    method: 'post',
    path: '/service/charges/invoice',
    operationId: 'invoiceServiceCharges',
    roles: WRITE,
    body: 'required',
    summary: 'Invoice a partner’s open charges under one invoice number',
    description:
      'Marks the partner’s open charges (all, or those named) invoiced under one invoice number and answers the totals per currency. 409 when a named charge is not open or not the partner’s.',
  },
  {
    request: { query: noQuery, body: jsonRequest(ServiceInvoiceRequest) },
    responses: {
      200: jsonResponse('The invoice: its charges and totals per currency.', ServiceInvoice),
      400: errors[400],
      404: errors[404],
      409: errors[409],
    },
  },
);

export const SHARED_SERVICE_OPERATIONS = [
  listServiceAgreements,
  getServiceAgreement,
  putServiceAgreement,
  deleteServiceAgreement,
  listServiceCharges,
  invoiceServiceCharges,
];
