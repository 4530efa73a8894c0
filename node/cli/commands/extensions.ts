/**
 * Our own additions to a partner's list we hold a copy of (catalog/partner-extensions.ts), for
 * price lists, catalogs and accounting data alike: `… records` shows the owner's records merged
 * with ours (each marked), `… extend` sets our alias, notes and attributes on one of the owner's
 * records, `… add-own` adds a record of our own. None of it changes the owner's copy.
 */
import type { ListKindSpec } from '../../catalog/list-kinds.ts';
import {
  addOwnRecord,
  mergedRecords,
  parseExtension,
  setExtension,
} from '../../catalog/partner-extensions.ts';
import { flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { asFlags, listArg, OWNER_FLAG, REF_ARG, stringFlag } from './catalog-shared.ts';

const EXAMPLE: Record<ListKindSpec['kind'], { ref: string; key: string; own: string }> = {
  pricelist: { ref: 'eu-list', key: 'KB-100', own: 'sku=OWN-1,listPrice=9.90' },
  catalog: { ref: 'hardware', key: 'KB-100', own: 'sku=OWN-1,name=Cable,uom=EA' },
  accounting: { ref: 'std', key: 'currency:EUR', own: 'type=uom,code=PAL,name=Pallet' },
};

/** "a=1,b=2" as an object of strings (values may not hold commas). */
function pairs(ctx: Parameters<CommandSpec['run']>[0], flag: string): Record<string, string> {
  const text = flagString(ctx, flag);
  if (text === undefined) return {};
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at < 1) throw new UsageError(`--${flag}: expected NAME=VALUE, got ${part}`, ctx.spec.name);
    out[part.slice(0, at).trim()] = part.slice(at + 1);
  }
  return out;
}

export function recordsCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `A partner's ${spec.label} merged with our own additions`,
    usage: [`${name} <ref> [--owner OWNER] [--json]`],
    example: `${name} ${EXAMPLE[spec.kind].ref}`,
    args: REF_ARG,
    flags: [OWNER_FLAG],
    json: true,
    details: [
      'ORIGIN is "owner" for the owner\'s records (ALIAS and NOTES are our extension of them) and "own" for records of ours, which the owner never sees.',
      'Shows the first 1,000 records of the latest version; the admin API pages through the rest.',
    ],
    async run(ctx) {
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        const { last: _last, ...merged } = await asFlags(ctx, () =>
          node.deps.store.read((tx) => mergedRecords(tx, list, { limit: 1000 })),
        );
        if (ctx.out.json) {
          ctx.out.data(merged);
          return 0;
        }
        const label = (r: unknown) => {
          const rec = r as Record<string, string>;
          return rec.name ?? rec.listPrice ?? '';
        };
        ctx.out.table(
          ['ORIGIN', 'KEY', 'NAME', 'ALIAS', 'NOTES'],
          [
            ...merged.records.map((r) => [
              'owner',
              r.key,
              label(r.record),
              r.own?.alias ?? '',
              r.own?.notes ?? '',
            ]),
            ...merged.ownRecords.map((r) => ['own', r.key, label(r.record), '', '']),
          ],
        );
        return 0;
      });
    },
  };
}

export function extendCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `Keep our own alias, notes or attributes on a partner's record`,
    usage: [
      `${name} <ref> --key KEY [--alias ALIAS] [--notes TEXT] [--attr NAME=VALUE,…] [--json]`,
    ],
    example: `${name} ${EXAMPLE[spec.kind].ref} --key ${EXAMPLE[spec.kind].key} --notes "book to 2"`,
    args: REF_ARG,
    flags: [
      {
        ...stringFlag('key', 'KEY', 'The record: a SKU, or type:code for accounting.'),
        required: true,
      },
      stringFlag('alias', 'ALIAS', 'Our local SKU alias.'),
      stringFlag('notes', 'TEXT', 'Our notes.'),
      stringFlag('attr', 'NAME=VALUE,…', 'Our own attributes.'),
      OWNER_FLAG,
    ],
    json: true,
    details: [
      "Stored apart from the owner's records: every push (full or delta) keeps it, and the owner's content hash never covers it. Setting it again replaces it.",
    ],
    async run(ctx) {
      const attrs = pairs(ctx, 'attr');
      const fields = await asFlags(ctx, () =>
        parseExtension({
          ...(flagString(ctx, 'alias') !== undefined && { alias: flagString(ctx, 'alias') }),
          ...(flagString(ctx, 'notes') !== undefined && { notes: flagString(ctx, 'notes') }),
          ...(Object.keys(attrs).length > 0 && { attributes: attrs }),
        }),
      );
      const key = flagString(ctx, 'key') ?? '';
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        await asFlags(ctx, () => setExtension(node.deps, spec, list, key, fields));
        if (ctx.out.json) ctx.out.data({ key, origin: 'own', ...fields });
        else ctx.out.line(`Extended ${key} of ${list.listId} (ours only).`);
        return 0;
      });
    },
  };
}

export function ownRecordCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `Add a record of our own to a partner's ${spec.label}`,
    usage: [`${name} <ref> --fields NAME=VALUE,… [--json]`],
    example: `${name} ${EXAMPLE[spec.kind].ref} --fields ${EXAMPLE[spec.kind].own}`,
    args: REF_ARG,
    flags: [
      {
        ...stringFlag('fields', 'NAME=VALUE,…', 'The record, as a line of the list.'),
        required: true,
      },
      OWNER_FLAG,
    ],
    json: true,
    details: [
      "Ours alone: never sent, never part of a version; a record of the owner with the same key stays the owner's.",
    ],
    async run(ctx) {
      const record = pairs(ctx, 'fields');
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        const saved = await asFlags(ctx, () => addOwnRecord(node.deps, spec, list, record));
        if (ctx.out.json) ctx.out.data({ key: saved.itemKey, origin: 'own', record });
        else ctx.out.line(`Added our own record ${saved.itemKey} to ${list.listId}.`);
        return 0;
      });
    },
  };
}
