/**
 * `partner-sync catalog …`: product catalogs we maintain and read-only copies of our suppliers'
 * (list, show, create, push, withdraw, sync; versions are created through the admin API), and
 * with them every price list command (pricelists.ts): the catalog domain's part of the CLI.
 */
import { parseNewList } from '../../catalog/input.ts';
import { CATALOG, PRICE_LIST } from '../../catalog/list-kinds.ts';
import { createList } from '../../catalog/owner-lists.ts';
import { flagString, type CommandSpec } from '../command.ts';
import { withNode } from '../node-context.ts';
import {
  asFlags,
  listCommand,
  pushCommand,
  showCommand,
  stringFlag,
  syncCommand,
  withdrawCommand,
} from './catalog-shared.ts';
import { extendCommand, ownRecordCommand, recordsCommand } from './extensions.ts';
import { PRICELISTS_COMMANDS } from './pricelists.ts';

export const catalogCreateCommand: CommandSpec = {
  name: 'catalog create',
  summary: 'Create a product catalog of ours (versions via the admin API)',
  usage: ['catalog create --id ID --name NAME'],
  example: 'catalog create --id hardware --name "Hardware catalog"',
  flags: [
    { ...stringFlag('id', 'ID', 'Its id on the wire, unique among our catalogs.'), required: true },
    { ...stringFlag('name', 'NAME', 'Its name, as partners see it.'), required: true },
  ],
  async run(ctx) {
    const input = await asFlags(ctx, () =>
      parseNewList(CATALOG, { id: flagString(ctx, 'id'), name: flagString(ctx, 'name') }),
    );
    return withNode(ctx, async (node) => {
      const list = await asFlags(ctx, () => createList(node.deps, CATALOG, input));
      ctx.out.line(`Created catalog ${list.id} (${list.listId}).`);
      return 0;
    });
  },
};

export const CATALOG_COMMANDS: readonly CommandSpec[] = [
  listCommand(CATALOG, 'catalog'),
  showCommand(CATALOG, 'catalog show'),
  catalogCreateCommand,
  pushCommand(CATALOG, 'catalog push'),
  withdrawCommand(CATALOG, 'catalog revoke'),
  syncCommand(CATALOG, 'catalog sync'),
  recordsCommand(CATALOG, 'catalog records'),
  extendCommand(CATALOG, 'catalog extend'),
  ownRecordCommand(CATALOG, 'catalog add-own'),
  recordsCommand(PRICE_LIST, 'pricelists records'),
  extendCommand(PRICE_LIST, 'pricelists extend'),
  ownRecordCommand(PRICE_LIST, 'pricelists add-own'),
  ...PRICELISTS_COMMANDS,
];
