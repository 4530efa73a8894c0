/** `partner-sync profile`: tells partners about a change of this node's name or contact. */
import { readConfigFile, writeConfigFile } from '../../config/config-file.ts';
import type { NodeConfig } from '../../config/defaults.ts';
import { AppError } from '../../errors.ts';
import { sendProfileUpdate } from '../../partners/profile-update.ts';
import type { Partner } from '../../store/types.ts';
import { flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { commandHint, findPartnerRef, withNode } from '../node-context.ts';

/** Where each flag's value goes in the partner.update body. */
const POINTER_FLAGS: Readonly<Record<string, string>> = {
  '/name': '--name',
  '/contact/name': '--contact-name',
  '/contact/email': '--contact-email',
  '/contact/phone': '--contact-phone',
};

export const profileCommand: CommandSpec = {
  name: 'profile',
  summary: 'Send a new name or contact of this node to all active partners (or one)',
  usage: [
    'profile [--name NAME] [--contact-name NAME] [--contact-email EMAIL] [--contact-phone PHONE] [--to REF]',
  ],
  example: 'profile --name "ACME Networks GmbH" --contact-email partners@acme.example',
  flags: [
    {
      name: 'name',
      type: 'string',
      value: 'NAME',
      description: 'New display name of your company.',
    },
    {
      name: 'contact-name',
      type: 'string',
      value: 'NAME',
      description: 'Your contact person for partners.',
    },
    {
      name: 'contact-email',
      type: 'string',
      value: 'EMAIL',
      description: "The contact person's email address.",
    },
    {
      name: 'contact-phone',
      type: 'string',
      value: 'PHONE',
      description: "The contact person's phone number, preferably as +4930123456.",
    },
    {
      name: 'to',
      type: 'string',
      value: 'REF',
      description: 'Tell only this partner (its number or node id); default all active partners.',
    },
  ],
  details: [
    'Only what you give changes. A new --name sent to all partners is also saved as the name',
    'setting in config.json, so that new partners see it after the node restarts.',
  ],
  async run(ctx) {
    const body = profileBody(ctx);
    const name = flagString(ctx, 'name');
    const to = flagString(ctx, 'to');
    return withNode(ctx, async ({ deps, config, running }) => {
      let recipients: 'all' | Partner[] = 'all';
      if (to !== undefined) {
        const partner = await findPartnerRef(deps.store, to);
        if (partner.status !== 'active') {
          throw new CliFailure(
            `partner ${partner.id} ${partner.name} is ${partner.status}; only active partners get profile updates`,
          );
        }
        recipients = [partner];
      }
      let sent: string[];
      try {
        sent = (await sendProfileUpdate(deps, body, recipients)).messageIds;
      } catch (error) {
        throw asFlagError(error) ?? error;
      }

      const { out } = ctx;
      out.line(
        sent.length === 0
          ? 'No active partners to tell; nothing was sent.'
          : `Sent partner.update to ${sent.length} partner${sent.length === 1 ? '' : 's'}.`,
      );
      if (sent.length > 0 && !running) {
        out.warn(
          `this node is not running; the update goes out when it starts: ${commandHint(ctx, 'serve')}`,
        );
      }
      if (name !== undefined && to === undefined) {
        await saveName(config.dataDir, name);
        out.line('Saved the new name in config.json; the node publishes it after its next start.');
        if (ctx.io.env.PARTNER_SYNC_NAME !== undefined) {
          out.warn('PARTNER_SYNC_NAME is set and overrides the name in config.json');
        }
      }
      return 0;
    });
  },
};

function profileBody(ctx: CommandContext): Record<string, unknown> {
  const contact = Object.fromEntries(
    (['name', 'email', 'phone'] as const)
      .map((field) => [field, flagString(ctx, `contact-${field}`)] as const)
      .filter(([, value]) => value !== undefined),
  );
  const name = flagString(ctx, 'name');
  const body = {
    ...(name === undefined ? {} : { name }),
    ...(Object.keys(contact).length === 0 ? {} : { contact }),
  };
  if (Object.keys(body).length === 0) {
    throw new UsageError(
      'nothing to send: give at least one of --name, --contact-name, --contact-email, --contact-phone',
      'profile',
    );
  }
  return body;
}

/** A schema complaint about the body, told as the flag that carried the bad value. */
function asFlagError(error: unknown): UsageError | undefined {
  if (!(error instanceof AppError) || error.code !== 'invalid_field' || !error.field)
    return undefined;
  const flag = POINTER_FLAGS[error.field];
  if (flag === undefined) return undefined;
  const problem = error.message.replace(/^[^:]*:\s*/, '');
  return new UsageError(`${flag}: ${problem}`, 'profile');
}

async function saveName(dataDir: string, name: string): Promise<void> {
  const file = await readConfigFile(dataDir);
  // loadConfig has just read and validated this file, so it is readable and well-formed.
  const values = file.ok ? (file.values ?? {}) : {};
  await writeConfigFile(dataDir, { ...(values as Partial<NodeConfig>), name: name.trim() });
}
