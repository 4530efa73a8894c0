/** The refusal operations (messages partners refused, for the operator), declared once. */
import { z } from 'zod';
import { queryBoolean } from '../input/input-atoms.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from './operation.ts';
import { pageQuery, refusalFields } from './record-schemas.ts';
import { READ, SENSITIVE } from './role-rule.ts';
import { stringOrNull, timeOrNull } from './view-schemas.ts';

const declare = operationsOf('messages');
const MAX_IDS = 500;
const idsWords = `must be "all" or a list of 1 to ${MAX_IDS} refusal ids`;

const Refusal = z
  .strictObject({
    id: z.number().int(),
    partner: z.strictObject({ id: z.number().int(), name: stringOrNull }),
    record: z
      .strictObject({ kind: z.string(), id: z.string() })
      .nullable()
      .meta({ description: 'The record the refused message was about; null if none.' }),
    ...refusalFields,
    sentBy: z
      .strictObject({ staffId: z.number().int(), email: stringOrNull })
      .nullable()
      .meta({ description: 'The person whose change sent the refused message; null if none did.' }),
    seenAt: timeOrNull,
    clearedAt: timeOrNull.meta({
      description: 'When a later message about the record was accepted.',
    }),
  })
  .meta({ id: 'Refusal' });

export const listRefusals = declare(
  {
    method: 'get',
    path: '/refusals',
    operationId: 'listRefusals',
    roles: READ,
    summary:
      'Messages partners refused, with the record each was about and who sent it (unseen only unless all=true; only the caller’s own with mine=true)',
    description:
      'The signed refusals partners sent for our messages (PROTOCOL.md section 4), newest first, with the record each was about and the person whose change sent it; only those not yet marked seen unless all=true; with mine=true only those the caller’s own changes sent (needs a personal API token or a console session).',
  },
  {
    request: {
      query: z.strictObject({
        all: queryBoolean().optional(),
        mine: queryBoolean().optional().meta({
          description:
            'Only the messages the caller’s own changes sent (a personal API token or a console session).',
        }),
        limit: pageQuery.limit,
      }),
    },
    responses: {
      200: jsonResponse(
        'The refusals, newest first.',
        z.strictObject({ refusals: z.array(Refusal) }).meta({ id: 'RefusalList' }),
      ),
      400: errors[400],
    },
  },
);

export const acknowledgeRefusals = declare(
  {
    method: 'post',
    path: '/refusals/seen',
    operationId: 'acknowledgeRefusals',
    roles: SENSITIVE,
    body: 'required',
    summary: 'Mark refusals seen, by ids or "all"',
    description:
      'Marks refusals seen so that the status no longer counts them; the refusals stay listed with all=true.',
  },
  {
    request: {
      body: jsonRequest(
        z
          .strictObject({
            ids: z.union(
              [
                z.literal('all'),
                z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_IDS),
              ],
              { error: idsWords },
            ),
          })
          .meta({ id: 'RefusalsSeen' }),
      ),
    },
    responses: {
      200: jsonResponse(
        'How many were marked.',
        z.strictObject({ seen: z.number().int() }).meta({ id: 'RefusalsMarked' }),
      ),
      400: errors[400],
    },
  },
);

export const REFUSAL_OPERATIONS = [listRefusals, acknowledgeRefusals];
