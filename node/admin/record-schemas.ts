/**
 * What the record domains' operations (orders, receivables, funds, service, inventory, catalogs)
 * share in their declarations, as zod schemas: the `{id}` of a record, the partner filter and page
 * of a listing, and the atoms of their answers (a decimal, the partner a record is with, the
 * counterpart's refusal). One copy keeps their documents from drifting apart.
 */
import { z } from 'zod';
import { queryInteger, queryText } from '../input/input-atoms.ts';
import { DECIMAL_PATTERN } from '../records/decimal-string.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './fields.ts';
import { stringOrNull, time } from './view-schemas.ts';

export const decimal = z.string().max(40).regex(DECIMAL_PATTERN);
export const decimalOrNull = decimal.nullable();
export const intOrNull = z.number().int().nullable();
export const date = z.iso.date();
export const anyObject = z.looseObject({});

/** The partner a record is with, as the record views embed it. */
export const partnerOf = z.strictObject({
  id: z.number().int(),
  nodeId: stringOrNull,
  name: stringOrNull,
});

/** The counterpart's refusal of one of our messages (PROTOCOL.md section 4), as views show it. */
export const refusalFields = {
  status: z.literal('refused'),
  code: z.string(),
  reason: z.string(),
  kind: z.string(),
  messageId: z.string(),
  at: time,
};

/** The counterpart refused our last message about the record, or null. */
export const refusalOrNull = z.strictObject(refusalFields).nullable().meta({
  description:
    'The counterpart refused our last message about this record (PROTOCOL.md section 4); null otherwise.',
});

/** `{id}` of a record addressed by this node's number or by its wire id; a bad one is a 404. */
export const recordIdParams = (what: string, wireName = 'wire id') =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(200)
      .meta({
        description: `This node's number for the ${what} (\`id\` in the listing), or its ${wireName}.`,
      }),
  });

/** `{id}` of a record only this node numbers (a receivable, a stock report). */
export const rowIdParams = (what: string) =>
  z.object({
    id: z
      .string()
      .regex(/^\d{1,15}$/)
      .meta({ description: `This node's number for the ${what}.` }),
  });

/** `?partner=` on a record: narrows a wire id that two partners use. */
export const partnerNarrowing = z.strictObject({
  partner: queryText()
    .optional()
    .meta({ description: 'Partner id or node id: narrows a wire id that two partners use.' }),
});

/** `?partner=` on a listing. */
export const partnerFilter = queryText().optional().meta({ description: 'Partner id or node id.' });

/** `?limit=&after=` of a listing. */
export const pageQuery = {
  limit: queryInteger(1, MAX_PAGE_LIMIT)
    .optional()
    .meta({ default: DEFAULT_PAGE_LIMIT } as Record<string, unknown>),
  after: queryInteger(0, Number.MAX_SAFE_INTEGER)
    .optional()
    .meta({ description: 'The nextCursor of the previous page.' }),
};

/** The page a listing asked for, with its default size. */
export function pageOf(query: { limit?: number | undefined; after?: number | undefined }) {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  return query.after === undefined ? { limit } : { limit, after: query.after };
}

/** The cursor of a page of records. */
export const nextCursor = intOrNull.meta({
  description: 'The id of the last record; pass as `after` for the next page.',
});

/** A page of `limit` rows out of one row more, and the cursor of the next page if there is one. */
export function pageCut<T extends { id: number }>(rows: readonly T[], limit: number) {
  const shown = rows.slice(0, limit);
  return { shown, nextCursor: rows.length > limit ? shown.at(-1)!.id : null };
}
