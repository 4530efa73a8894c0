/** The service request and warranty claim admin operations, declared once. */
import { z } from 'zod';
import { queryBoolean, queryEnum } from '../../input/input-atoms.ts';
import {
  ServiceRequestOpen,
  ServiceRequestRevision,
  ServiceRequestUpdate,
  ServiceWithdrawal,
  ClaimChangesInput,
  WarrantyClaimFile,
  WarrantyDecisionRequest,
} from '../../service/service-schemas.ts';
import { CLAIM_STATUSES, REQUEST_CATEGORIES, REQUEST_STATUSES } from '../../store/service-store.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { RECORD_OWNERS } from '../record-params.ts';
import { pageQuery, partnerFilter, partnerNarrowing, recordIdParams } from '../record-schemas.ts';
import { READ, rolesOf } from '../role-rule.ts';
import {
  ServiceRequestDetail,
  ServiceRequestPage,
  WarrantyClaimDetail,
  WarrantyClaimPage,
} from './service-view-schemas.ts';

const declare = operationsOf('service');
const WRITE = rolesOf('service');
const requestParams = recordIdParams('request');
const claimParams = recordIdParams('claim');
const request = jsonResponse('The request with its timeline.', ServiceRequestDetail);
const claim = jsonResponse('The claim with its history.', WarrantyClaimDetail);
const answers = <R>(ok: R) => ({ 200: ok, ...errors });
const ownerFilter = queryEnum(RECORD_OWNERS).optional();

export const listServiceRequests = declare(
  {
    method: 'get',
    path: '/service/requests',
    operationId: 'listServiceRequests',
    roles: READ,
    summary: 'Service requests, newest first: those we opened and those opened with us',
    description:
      'Requests in both directions with their status and whether they are overdue now, optionally with one partner, of one side, status or category, or only (not) overdue; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        owner: ownerFilter,
        status: queryEnum(REQUEST_STATUSES).optional(),
        category: queryEnum(REQUEST_CATEGORIES).optional(),
        overdue: queryBoolean()
          .optional()
          .meta({ description: 'true: only overdue requests; false: only those that are not.' }),
        ...pageQuery,
      }),
    },
    responses: { 200: jsonResponse('A page.', ServiceRequestPage), 400: errors[400] },
  },
);

export const openServiceRequest = declare(
  {
    method: 'post',
    path: '/service/requests',
    operationId: 'openServiceRequest',
    roles: WRITE,
    body: 'required',
    summary: 'Open a request with a partner, in any category (service.request)',
    description:
      'Sends a signed service.request to the partner, with read-only snapshots of the order documents attached. A partner whose service agreement does not offer the category refuses it (service_not_offered). 409 when the partner is not active.',
  },
  {
    request: { body: jsonRequest(ServiceRequestOpen) },
    responses: { 201: request, 400: errors[400], 404: errors[404], 409: errors[409] },
  },
);

export const getServiceRequest = declare(
  {
    method: 'get',
    path: '/service/requests/{id}',
    operationId: 'getServiceRequest',
    roles: READ,
    summary: 'One request with its timeline (status changes, comments, who, when, message)',
    description:
      'One request in either direction with every step of its timeline, the documents attached, the first answer due under the agreement and its charge.',
  },
  {
    request: { params: requestParams, query: partnerNarrowing },
    responses: { 200: request, 404: errors[404], 409: errors[409] },
  },
);

export const reviseServiceRequest = declare(
  {
    method: 'patch',
    path: '/service/requests/{id}',
    operationId: 'reviseServiceRequest',
    roles: WRITE,
    body: 'required',
    summary: 'Change the core fields of a request we opened (a new version)',
    description:
      'Changes the fields given of a request we opened (null clears product, serial or dueAt) and sends the new version to the partner. 409 on a request the partner opened, or once withdrawn.',
  },
  {
    request: {
      params: requestParams,
      query: partnerNarrowing,
      body: jsonRequest(ServiceRequestRevision),
    },
    responses: answers(request),
  },
);

export const updateServiceRequest = declare(
  {
    method: 'post',
    path: '/service/requests/{id}/updates',
    operationId: 'updateServiceRequest',
    roles: WRITE,
    body: 'required',
    summary: 'Change the status and/or comment (service.update; internal comments stay here)',
    description:
      'Sets a status, adds a comment, or both. A comment names its visibility: partner comments travel in service.update, internal ones never leave this node. 409 once withdrawn.',
  },
  {
    request: {
      params: requestParams,
      query: partnerNarrowing,
      body: jsonRequest(ServiceRequestUpdate),
    },
    responses: answers(request),
  },
);

export const withdrawServiceRequest = declare(
  {
    method: 'post',
    path: '/service/requests/{id}/withdraw',
    operationId: 'withdrawServiceRequest',
    roles: WRITE,
    body: 'required',
    summary: 'Stop sharing a request we opened (record.withdraw)',
    description:
      'Tells the partner with record.withdraw and the reason; the partner erases the documents attached. 409 on a request the partner opened, or when already withdrawn.',
  },
  {
    request: {
      params: requestParams,
      query: partnerNarrowing,
      body: jsonRequest(ServiceWithdrawal),
    },
    responses: answers(request),
  },
);

export const listWarrantyClaims = declare(
  {
    method: 'get',
    path: '/warranty/claims',
    operationId: 'listWarrantyClaims',
    roles: READ,
    summary: 'Warranty claims, newest first: those we filed and those filed with us',
    description:
      'Claims in both directions with their status, optionally with one partner, of one side or in one status; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        owner: ownerFilter,
        status: queryEnum(CLAIM_STATUSES).optional(),
        ...pageQuery,
      }),
    },
    responses: { 200: jsonResponse('A page.', WarrantyClaimPage), 400: errors[400] },
  },
);

export const fileWarrantyClaim = declare(
  {
    method: 'post',
    path: '/warranty/claims',
    operationId: 'fileWarrantyClaim',
    roles: WRITE,
    body: 'required',
    summary: 'File a warranty claim with a vendor (warranty.claim)',
    description:
      'Sends a signed warranty.claim to the vendor: the product and serial, purchase and failure dates, what failed and the amount claimed, optionally following a service request shared with the same vendor. 409 when the vendor is not active.',
  },
  {
    request: { body: jsonRequest(WarrantyClaimFile) },
    responses: { 201: claim, 400: errors[400], 409: errors[409] },
  },
);

export const getWarrantyClaim = declare(
  {
    method: 'get',
    path: '/warranty/claims/{id}',
    operationId: 'getWarrantyClaim',
    roles: READ,
    summary: 'One claim with its versions and decisions',
    description: 'One claim in either direction with its history of versions and decisions.',
  },
  {
    request: { params: claimParams, query: partnerNarrowing },
    responses: { 200: claim, 404: errors[404], 409: errors[409] },
  },
);

export const amendWarrantyClaim = declare(
  {
    method: 'patch',
    path: '/warranty/claims/{id}',
    operationId: 'amendWarrantyClaim',
    roles: WRITE,
    body: 'required',
    summary: 'Amend a claim we filed while submitted or asked for more info (a new version)',
    description:
      'Changes the fields given and sends the new version to the vendor, which decides it again. 409 once decided otherwise, on a claim filed with us, or once withdrawn.',
  },
  {
    request: { params: claimParams, query: partnerNarrowing, body: jsonRequest(ClaimChangesInput) },
    responses: answers(claim),
  },
);

export const decideWarrantyClaim = declare(
  {
    method: 'post',
    path: '/warranty/claims/{id}/decision',
    operationId: 'decideWarrantyClaim',
    roles: WRITE,
    body: 'required',
    summary: 'Decide a claim filed with us (warranty.decision)',
    description:
      'Approves (all or part of the amount), rejects or asks for more information, and sends the signed warranty.decision to the claimant. 409 on a claim we filed, or once withdrawn.',
  },
  {
    request: {
      params: claimParams,
      query: partnerNarrowing,
      body: jsonRequest(WarrantyDecisionRequest),
    },
    responses: answers(claim),
  },
);

export const withdrawWarrantyClaim = declare(
  {
    method: 'post',
    path: '/warranty/claims/{id}/withdraw',
    operationId: 'withdrawWarrantyClaim',
    roles: WRITE,
    body: 'required',
    summary: 'Withdraw a claim we filed (record.withdraw)',
    description:
      'Ends a claim we filed and tells the vendor with record.withdraw and the reason. 409 on a claim filed with us, or when already withdrawn.',
  },
  {
    request: { params: claimParams, query: partnerNarrowing, body: jsonRequest(ServiceWithdrawal) },
    responses: answers(claim),
  },
);

export const SERVICE_OPERATIONS = [
  listServiceRequests,
  openServiceRequest,
  getServiceRequest,
  reviseServiceRequest,
  updateServiceRequest,
  withdrawServiceRequest,
  listWarrantyClaims,
  fileWarrantyClaim,
  getWarrantyClaim,
  amendWarrantyClaim,
  decideWarrantyClaim,
  withdrawWarrantyClaim,
];
