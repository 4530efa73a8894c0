/**
 * `partner-sync accounting …`: accounting data sets we maintain (payment terms, tax categories,
 * currencies, units, account codes) and read-only copies of our suppliers': list, show, create,
 * import a version from a JSON file, push, revoke, sync, and our own extensions on copies we hold
 * (extensions.ts). The same list machinery as price lists and catalogs (catalog-shared.ts).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseNewList, parseNewVersion } from '../../catalog/input.ts';
import { ACCOUNTING } from '../../catalog/list-kinds.ts';
import { createList, createVersion } from '../../catalog/owner-lists.ts';
import { versionView } from '../../catalog/views.ts';
import { flagInteger, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
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
import { extendCommand, ownRecordCommand, recordsCommand } from './extensions.ts';

const spec = ACCOUNTING;
/** An accounting file is small (entries are codes); larger ones are a mistake. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export const accountingCreateCommand: CommandSpec = {
  name: 'accounting create',
  summary: 'Create an accounting data set of ours (its versions come by import)',
  usage: ['accounting create --id ID --name NAME [--json]'],
  example: 'accounting create --id std --name "Acme accounting data"',
  flags: [
    {
      ...stringFlag('id', 'ID', 'Its id on the wire, unique among our data sets.'),
      required: true,
    },
    { ...stringFlag('name', 'NAME', 'Its name, as partners see it.'), required: true },
  ],
  json: true,
  async run(ctx) {
    const input = await asFlags(ctx, () =>
      parseNewList(spec, { id: flagString(ctx, 'id'), name: flagString(ctx, 'name') }),
    );
    return withNode(ctx, async (node) => {
      const list = await asFlags(ctx, () => createList(node.deps, spec, input));
      if (ctx.out.json) ctx.out.data({ id: list.id, listId: list.listId, name: list.name });
      else ctx.out.line(`Created accounting data set ${list.id} (${list.listId}).`);
      return 0;
    });
  },
};

export const accountingImportCommand: CommandSpec = {
  name: 'accounting import',
  summary: 'Import a version of our accounting data set from a JSON file',
  usage: ['accounting import <ref> --file FILE.json [--base N] [--version N] [--json]'],
  example: 'accounting import std --file accounting.json',
  args: REF_ARG,
  flags: [
    {
      ...stringFlag(
        'file',
        'FILE',
        'JSON: {"entries": [...], "removed": [...]} or a list of entries.',
      ),
      required: true,
    },
    stringFlag('base', 'N', 'Start from this version: entries replace or add, removed drops.'),
    stringFlag('version', 'N', 'Its version number (default: the latest plus one).'),
    OWNER_FLAG,
  ],
  json: true,
  details: [
    'An entry is {"type", "code", "name"} plus "days" (payment_terms), "rate" (tax_category: percent; currency: per unit of our base currency) and "use" (account: e.g. expense_claim).',
    'removed names entries as "type:code". Without --base the file is the whole version.',
  ],
  async run(ctx) {
    const file = resolve(ctx.io.cwd, flagString(ctx, 'file') ?? '');
    const base = flagInteger(ctx, 'base', VERSION_RANGE);
    const version = flagInteger(ctx, 'version', VERSION_RANGE);
    let parsed: unknown;
    try {
      const text = await readFile(file, 'utf8');
      if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new Error('file is over 4 MiB');
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--file: ${(error as Error).message}`, ctx.spec.name);
    }
    const body = Array.isArray(parsed) ? { entries: parsed } : (parsed as Record<string, unknown>);
    if (typeof body !== 'object' || body === null) {
      throw new UsageError('--file: expected a JSON object or list', ctx.spec.name);
    }
    const input = await asFlags(ctx, () =>
      parseNewVersion(spec, {
        entries: body.entries ?? [],
        ...(body.removed !== undefined && { removed: body.removed }),
        ...(base > 0 && { baseVersion: base }),
        ...(version > 0 && { version }),
      }),
    );
    return withNode(ctx, async (node) => {
      const list = await listArg(ctx, node, spec);
      const created = await asFlags(ctx, () => createVersion(node.deps, spec, list.id, input));
      if (ctx.out.json) {
        ctx.out.data(versionView(created));
        return 0;
      }
      ctx.out.line(
        `Imported ${created.lineCount} entries as version ${created.version} of ${list.listId} (${created.contentHash}).`,
      );
      return 0;
    });
  },
};

export const ACCOUNTING_COMMANDS: readonly CommandSpec[] = [
  listCommand(spec, 'accounting'),
  showCommand(spec, 'accounting show'),
  accountingCreateCommand,
  accountingImportCommand,
  pushCommand(spec, 'accounting push'),
  withdrawCommand(spec, 'accounting revoke'),
  syncCommand(spec, 'accounting sync'),
  recordsCommand(spec, 'accounting records'),
  extendCommand(spec, 'accounting extend'),
  ownRecordCommand(spec, 'accounting add-own'),
];
