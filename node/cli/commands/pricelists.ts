/**
 * `partner-sync pricelists …`: price lists we maintain and read-only copies of our suppliers':
 * create one, import a version from CSV (with a report of rejected rows and progress on large
 * files), export a version as CSV, look a price up, and the commands shared with catalogs
 * (catalog-shared.ts): list, show, push, withdraw, sync.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importPriceList, type ImportReport } from '../../catalog/import-price-list.ts';
import { parseNewList } from '../../catalog/input.ts';
import { PRICE_LIST } from '../../catalog/list-kinds.ts';
import { createList } from '../../catalog/owner-lists.ts';
import { priceCsvRows } from '../../catalog/price-csv.ts';
import { lookupPrice } from '../../catalog/price-lookup.ts';
import { PriceQuery, priceMoment } from '../../catalog/catalog-schemas.ts';
import { parseInput } from '../../input/parse-input.ts';
import { flagFile, flagInteger, flagSet, flagString, type CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { createProgress } from '../progress.ts';
import {
  asFlags,
  listArg,
  listCommand,
  OWNER_FLAG,
  pushCommand,
  REF_ARG,
  showCommand,
  stringFlag,
  syncCommand,
  VERSION_RANGE,
  withdrawCommand,
} from './catalog-shared.ts';

const spec = PRICE_LIST;

export const pricelistsCreateCommand: CommandSpec = {
  name: 'pricelists create',
  summary: 'Create a price list of ours (its versions come by import)',
  usage: ['pricelists create --id ID --name NAME --currency CODE'],
  example: 'pricelists create --id eu-list --name "EU list prices" --currency EUR',
  flags: [
    { ...stringFlag('id', 'ID', 'Its id on the wire, unique among our lists.'), required: true },
    { ...stringFlag('name', 'NAME', 'Its name, as partners see it.'), required: true },
    { ...stringFlag('currency', 'CODE', 'ISO 4217 currency, e.g. EUR.'), required: true },
  ],
  async run(ctx) {
    const input = await asFlags(ctx, () =>
      parseNewList(spec, {
        id: flagString(ctx, 'id'),
        name: flagString(ctx, 'name'),
        currency: flagString(ctx, 'currency'),
      }),
    );
    return withNode(ctx, async (node) => {
      const list = await asFlags(ctx, () => createList(node.deps, spec, input));
      ctx.out.line(`Created price list ${list.id} (${list.listId}).`);
      return 0;
    });
  },
};

export const pricelistsImportCommand: CommandSpec = {
  name: 'pricelists import',
  summary: 'Import a new version of one of our price lists from a CSV file',
  usage: [
    'pricelists import <ref> --file FILE.csv [--valid-from DATE] [--valid-to DATE] [--version N] [--skip-bad-rows] [--json]',
  ],
  example: 'pricelists import eu-list --file prices.csv --valid-from 2027-01-01',
  args: REF_ARG,
  flags: [
    { ...stringFlag('file', 'FILE', 'The CSV file.'), required: true },
    stringFlag('valid-from', 'DATE', 'From when it applies: a date or UTC time (default: now).'),
    stringFlag('valid-to', 'DATE', 'Until when (a date includes that day; default: open-ended).'),
    stringFlag('version', 'N', 'Its version number (default: the latest plus one).'),
    stringFlag('currency', 'CODE', "Its currency (default: the list's)."),
    {
      name: 'skip-bad-rows',
      type: 'boolean',
      description: 'Import the good rows when some are rejected (default: import nothing).',
    },
    OWNER_FLAG,
  ],
  json: true,
  details: [
    'Columns: sku, minQty, listPrice, standardPrice, limitPrice (a header row; sku and listPrice required). Each rejected row is reported with its line, column and reason.',
  ],
  async run(ctx) {
    const version = flagInteger(ctx, 'version', VERSION_RANGE);
    const validFrom = flagString(ctx, 'valid-from');
    const validTo = flagString(ctx, 'valid-to');
    const currency = flagString(ctx, 'currency');
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
      throw new UsageError('--currency must be an ISO 4217 code such as EUR', ctx.spec.name);
    }
    const csv = await flagFile(ctx, 'file');
    return withNode(ctx, async (node) => {
      const list = await listArg(ctx, node, spec);
      const started = performance.now();
      const progress = createProgress(ctx.io, { json: ctx.out.json });
      const report: ImportReport = await asFlags(ctx, () =>
        importPriceList(node.deps, list.id, csv, {
          skipBadRows: flagSet(ctx, 'skip-bad-rows'),
          ...(version > 0 && { version }),
          ...(validFrom !== undefined && { validFrom }),
          ...(validTo !== undefined && { validTo }),
          ...(currency !== undefined && { currency }),
          onProgress: (stage, rows) => progress.update(`${stage} ${rows} rows`),
        }),
      ).finally(() => progress.done());
      if (ctx.out.json) {
        ctx.out.data(report);
        return report.ok ? 0 : 1;
      }
      printReport(ctx.out, report);
      if (!report.ok) return 1;
      const ms = Math.round(performance.now() - started);
      ctx.out.line(
        `Imported ${report.imported} lines as version ${report.version} of ${list.listId} in ${ms} ms.`,
      );
      return 0;
    });
  },
};

function printReport(out: Parameters<CommandSpec['run']>[0]['out'], report: ImportReport) {
  if (report.fileError) {
    out.error(`line ${report.fileError.line}: ${report.fileError.reason}; nothing imported`);
    return;
  }
  if (report.rejectedCount > 0) {
    out.table(
      ['LINE', 'COLUMN', 'REASON'],
      report.rejected.map((r) => [String(r.line), r.column ?? '-', r.reason]),
    );
    if (report.rejectedCount > report.rejected.length) {
      out.line(`… and ${report.rejectedCount - report.rejected.length} more.`);
    }
    if (!report.ok) {
      out.error(
        `${report.rejectedCount} of ${report.rows} rows rejected; nothing imported (--skip-bad-rows imports the others)`,
      );
    } else {
      out.warn(`${report.rejectedCount} of ${report.rows} rows rejected and skipped`);
    }
  }
}

export const pricelistsExportCommand: CommandSpec = {
  name: 'pricelists export',
  summary: 'Write a version of a price list as CSV',
  usage: ['pricelists export <ref> [--version N] [--out FILE]'],
  example: 'pricelists export eu-list --out prices.csv',
  args: REF_ARG,
  flags: [
    stringFlag('version', 'N', 'The version (default: the latest applied).'),
    stringFlag('out', 'FILE', 'Write to this file instead of standard output.'),
    OWNER_FLAG,
  ],
  async run(ctx) {
    const number = flagInteger(ctx, 'version', VERSION_RANGE);
    return withNode(ctx, async (node) => {
      const list = await listArg(ctx, node, spec);
      const lines = await node.deps.store.read(async (tx) => {
        const version =
          number > 0
            ? await tx.catalog.getVersion(list.id, number)
            : await tx.catalog.latestApplied(list.id);
        if (!version || version.status !== 'applied') return null;
        return tx.catalog.readLines(version.id);
      });
      if (!lines) throw new CliFailure(`${list.listId} has no such applied version`);
      const csv = [...priceCsvRows(lines)].join('');
      const out = flagString(ctx, 'out');
      if (out === undefined && ctx.out.json) ctx.out.data({ listId: list.listId, csv });
      else if (out === undefined) ctx.io.stdout.write(csv);
      else {
        await writeFile(resolve(ctx.io.cwd, out), csv);
        ctx.out.warn(`wrote ${lines.length} lines to ${out}`);
      }
      return 0;
    });
  },
};

export const pricelistsPriceCommand: CommandSpec = {
  name: 'pricelists price',
  summary: 'The price of a SKU for a quantity at a date, from a price list',
  usage: ['pricelists price <ref> --sku SKU [--qty N] [--at DATE] [--json]'],
  example: 'pricelists price eu-list --sku FW-200 --qty 10',
  args: REF_ARG,
  flags: [
    { ...stringFlag('sku', 'SKU', 'The product.'), required: true },
    stringFlag('qty', 'N', 'The quantity (default 1): picks the quantity break.'),
    stringFlag('at', 'DATE', 'A date or UTC time (default: now): picks the version.'),
    OWNER_FLAG,
  ],
  json: true,
  async run(ctx) {
    // The admin API's query, read by the same schema: an error names the flag that carried it.
    const [qty, at] = [flagString(ctx, 'qty'), flagString(ctx, 'at')];
    const query = await asFlags(ctx, () =>
      parseInput(PriceQuery, {
        sku: flagString(ctx, 'sku') ?? '',
        ...(qty !== undefined && { qty }),
        ...(at !== undefined && { at }),
      }),
    );
    return withNode(ctx, async (node) => {
      const list = await listArg(ctx, node, spec);
      const at = priceMoment(query.at, node.deps.clock.now());
      const quote = await asFlags(ctx, () =>
        lookupPrice(node.deps.store, list, { sku: query.sku, qty: query.qty ?? '1', at }),
      );
      if (ctx.out.json) {
        ctx.out.data(quote);
        return 0;
      }
      ctx.out.fields([
        ['sku', quote.sku],
        ['quantity', `${quote.qty} (break from ${quote.minQty})`],
        [
          'version',
          `${quote.version} (valid from ${quote.validFrom}${quote.validTo ? ` to ${quote.validTo}` : ''})`,
        ],
        ['list price', `${quote.listPrice} ${quote.currency ?? ''}`],
        ['standard price', quote.standardPrice ?? undefined],
        ['limit price', quote.limitPrice ?? undefined],
        ['amount', `${quote.amount} ${quote.currency ?? ''}`],
      ]);
      return 0;
    });
  },
};

export const PRICELISTS_COMMANDS: readonly CommandSpec[] = [
  listCommand(spec, 'pricelists'),
  showCommand(spec, 'pricelists show'),
  pricelistsCreateCommand,
  pricelistsImportCommand,
  pricelistsExportCommand,
  pricelistsPriceCommand,
  pushCommand(spec, 'pricelists push'),
  withdrawCommand(spec, 'pricelists revoke'),
  syncCommand(spec, 'pricelists sync'),
];
