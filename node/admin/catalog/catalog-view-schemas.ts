/**
 * What the price list, catalog and accounting data operations answer, as zod schemas: the
 * document describes them and the contract test holds the answers to them.
 */
import { z } from 'zod';
import { CSV_COLUMNS } from '../../catalog/price-csv.ts';
import { anyObject, decimal, decimalOrNull, intOrNull, partnerOf } from '../record-schemas.ts';
import { stringOrNull, time, timeOrNull } from '../view-schemas.ts';

export const ListSummary = z
  .strictObject({
    id: z.number().int().meta({ description: "This node's number for the list." }),
    listId: z.string().meta({ description: "The owner's id for it, on the wire." }),
    owner: z.enum(['self', 'partner']),
    ownerPartner: partnerOf.nullable(),
    readOnly: z.boolean().meta({ description: "A partner's list: changes are 403 not_owner." }),
    name: z.string(),
    currency: stringOrNull,
    latestVersion: intOrNull,
    withdrawn: z.boolean(),
    withdrawnAt: timeOrNull,
    withdrawnReason: stringOrNull,
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'ListSummary' });

export const ListVersion = z
  .strictObject({
    version: z.number().int(),
    status: z.enum(['assembling', 'applied', 'failed']),
    name: z.string(),
    currency: stringOrNull,
    validFrom: stringOrNull,
    validTo: stringOrNull,
    contentHash: z.string(),
    lineCount: z.number().int(),
    mode: z.enum(['full', 'delta']),
    baseVersion: intOrNull,
    parts: z.number().int(),
    failureCode: stringOrNull.meta({ description: 'hash_mismatch, missing_base, duplicate_line' }),
    failureDetail: stringOrNull,
    createdAt: time,
    appliedAt: timeOrNull,
  })
  .meta({ id: 'ListVersion' });

const ListShare = z
  .strictObject({
    partner: partnerOf,
    heldVersion: intOrNull.meta({ description: 'Known to be held (all parts receipted).' }),
    pendingVersion: intOrNull,
    pendingParts: z.number().int(),
    sharedAt: time,
    withdrawnAt: timeOrNull,
  })
  .meta({ id: 'ListShare' });

export const ListDetail = ListSummary.extend({
  versions: z.array(ListVersion),
  shares: z.array(ListShare).meta({ description: 'Ours: what each partner holds.' }),
}).meta({ id: 'ListDetail' });

const Distribution = z
  .strictObject({
    id: z.number().int(),
    partner: partnerOf,
    version: intOrNull,
    status: z.enum(['queued', 'enqueued', 'skipped', 'cancelled']),
    mode: stringOrNull.meta({ description: 'full or delta, once enqueued.' }),
    baseVersion: intOrNull,
    parts: intOrNull,
    bytes: intOrNull,
    ref: stringOrNull.meta({ description: 'The sync.request this answers.' }),
    detail: stringOrNull,
    createdAt: time,
    doneAt: timeOrNull,
  })
  .meta({ id: 'Distribution' });

export const Distributions = z.strictObject({ distributions: z.array(Distribution) });

export const PushResult = z
  .strictObject({ version: z.number().int(), distributions: z.array(Distribution) })
  .meta({ id: 'PushResult' });

export const WithdrawListResult = z
  .strictObject({ partnerIds: z.array(z.number().int()), messageIds: z.array(z.string()) })
  .meta({ id: 'WithdrawListResult' });

export const SyncRequested = z
  .strictObject({ messageId: z.string() })
  .meta({ id: 'SyncRequested' });

export const PriceQuote = z
  .strictObject({
    sku: z.string(),
    qty: decimal,
    at: time,
    version: z.number().int(),
    currency: stringOrNull,
    validFrom: stringOrNull,
    validTo: stringOrNull,
    minQty: decimal,
    listPrice: decimal,
    standardPrice: decimalOrNull,
    limitPrice: decimalOrNull,
    unitPrice: decimal.meta({
      description: 'standardPrice when the line has one, else listPrice.',
    }),
    amount: decimal.meta({ description: 'unitPrice × qty, exact.' }),
  })
  .meta({ id: 'PriceQuote' });

const CsvRejection = z
  .strictObject({
    line: z.number().int(),
    column: stringOrNull.meta({ description: `One of ${CSV_COLUMNS.join(', ')}.` }),
    reason: z.string(),
  })
  .meta({ id: 'CsvRejection' });

export const ImportReport = z
  .strictObject({
    ok: z.boolean(),
    rows: z.number().int(),
    imported: z.number().int(),
    rejectedCount: z.number().int(),
    rejected: z.array(CsvRejection).max(1000),
    fileError: CsvRejection.nullable(),
    version: intOrNull,
    contentHash: stringOrNull,
  })
  .meta({ id: 'ImportReport' });

/** A CSV import nothing came of: `invalid_csv` with the report of every rejected row. */
export const ImportRefusal = z
  .strictObject({
    error: z.strictObject({ code: z.literal('invalid_csv'), message: z.string() }),
    report: ImportReport,
  })
  .meta({ id: 'ImportRefusal' });

const Extension = z
  .strictObject({
    alias: z.string().optional(),
    notes: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'Extension' });

export const SavedExtension = Extension.extend({
  key: z.string(),
  origin: z.literal('own'),
}).meta({ id: 'SavedExtension' });

export const OwnRecord = z
  .strictObject({ key: z.string(), origin: z.literal('own'), record: anyObject })
  .meta({ id: 'OwnRecord' });

export const MergedRecords = z
  .strictObject({
    version: intOrNull,
    records: z.array(
      z.strictObject({
        origin: z.literal('owner'),
        key: z.string(),
        record: anyObject,
        own: Extension.nullable(),
      }),
    ),
    ownRecords: z.array(OwnRecord).meta({ description: 'Our own records (first page only).' }),
    nextCursor: stringOrNull,
  })
  .meta({ id: 'MergedRecords' });
