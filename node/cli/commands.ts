/**
 * Every CLI command, in the order the usage screen lists them. Help screens are rendered from
 * this table, and docs can be generated from it too.
 */
import type { CommandSpec } from './command.ts';
import { backupCommand } from './commands/backup.ts';
import { connectCommand } from './commands/connect.ts';
import { DEALS_COMMANDS } from './commands/deals.ts';
import { helpCommand } from './commands/help.ts';
import { initCommand } from './commands/init.ts';
import { INVITATIONS_COMMANDS } from './commands/invitations.ts';
import { inviteCommand } from './commands/invite.ts';
import { keysRotateCommand } from './commands/keys.ts';
import { LEADS_COMMANDS } from './commands/leads.ts';
import { MESSAGES_COMMANDS } from './commands/messages.ts';
import { OUTBOX_COMMANDS } from './commands/outbox.ts';
import { PARTNERS_COMMANDS } from './commands/partners.ts';
import { PORTAL_COMMANDS } from './commands/portal.ts';
import { profileCommand } from './commands/profile.ts';
import { refusalsCommand } from './commands/refusals.ts';
import { restoreCommand } from './commands/restore.ts';
import { migrateStoreCommand } from './commands/migrate-store.ts';
import { serveCommand } from './commands/serve.ts';
import { SERVICE_COMMANDS } from './commands/service.ts';
import { ACCOUNTING_COMMANDS } from './commands/accounting.ts';
import { CATALOG_COMMANDS } from './commands/catalog.ts';
import { ORDERS_COMMANDS } from './commands/orders.ts';
import { FUNDS_COMMANDS } from './commands/funds.ts';
import { INVENTORY_COMMANDS } from './commands/inventory.ts';
import { statusCommand } from './commands/status.ts';
import { STAFF_COMMANDS } from './commands/staff.ts';
import { TOKENS_COMMANDS } from './commands/tokens.ts';
import { AUDIT_COMMANDS } from './commands/audit.ts';
import { WEBHOOKS_COMMANDS } from './commands/webhooks.ts';

export const COMMANDS: readonly CommandSpec[] = [
  initCommand,
  serveCommand,
  statusCommand,
  inviteCommand,
  connectCommand,
  ...PARTNERS_COMMANDS,
  ...INVITATIONS_COMMANDS,
  ...OUTBOX_COMMANDS,
  refusalsCommand,
  ...MESSAGES_COMMANDS,
  ...LEADS_COMMANDS,
  ...DEALS_COMMANDS,
  ...SERVICE_COMMANDS,
  ...PORTAL_COMMANDS,
  ...CATALOG_COMMANDS,
  ...ACCOUNTING_COMMANDS,
  ...ORDERS_COMMANDS,
  ...FUNDS_COMMANDS,
  ...INVENTORY_COMMANDS,
  ...STAFF_COMMANDS,
  ...TOKENS_COMMANDS,
  ...AUDIT_COMMANDS,
  ...WEBHOOKS_COMMANDS,
  profileCommand,
  keysRotateCommand,
  backupCommand,
  restoreCommand,
  migrateStoreCommand,
  helpCommand,
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The subcommands of a group: `partners` → partners show, suspend, … */
export function subcommandsOf(group: string): CommandSpec[] {
  return COMMANDS.filter((c) => c.name.startsWith(`${group} `));
}
