/**
 * GET /search: records found by name, company, subject or number, for the staff console's search
 * box (and any script). Each kind is searched only when the caller may read its own list, so a
 * search never shows what the caller's roles would not.
 */
import { z } from 'zod';
import { queryInteger, queryText } from '../input/input-atoms.ts';
import { SEARCH_KINDS } from '../store/search-store.ts';
import { defineOperation, errorResponses as errors, jsonResponse, operation } from './operation.ts';
import type { Role } from '../domain-kernel/roles.ts';

/** Every role searches; what each finds follows from the lists it may read. */
const SEARCHERS: readonly Role[] = [
  'viewer',
  'channel_manager',
  'service_agent',
  'order_desk',
  'finance',
];

export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 50;

const SearchHit = z
  .strictObject({
    kind: z.enum(SEARCH_KINDS),
    id: z.string().meta({ description: "The record's id in this API (its path segment)." }),
    title: z.string(),
    ref: z.string().meta({ description: "The record's own id, or the partner's node id." }),
    status: z.string().nullable(),
  })
  .meta({ id: 'SearchHit' });

export const searchRecords = defineOperation({
  ...operation({
    method: 'get',
    path: '/search',
    operationId: 'searchRecords',
    tag: 'search',
    roles: SEARCHERS,
    summary: 'Find partners, leads, deals, service requests and orders',
    description:
      'Records whose name, company, subject or number contains `q` (2 to 100 characters, any case), newest first, at most `limit` of each kind. Kinds the caller may not list are not searched and are left out of `kinds`.',
  }),
  request: {
    query: z.strictObject({
      q: queryText(100).min(2, { error: 'must be 2 to 100 characters' }),
      limit: queryInteger(1, MAX_SEARCH_LIMIT)
        .optional()
        .meta({ default: DEFAULT_SEARCH_LIMIT } as Record<string, unknown>),
    }),
  },
  responses: {
    200: jsonResponse(
      'The hits, by kind, newest first.',
      z.strictObject({ kinds: z.array(z.enum(SEARCH_KINDS)), hits: z.array(SearchHit) }),
    ),
    400: errors[400],
  },
});
