/**
 * What the price list and catalog commands share: naming a list (`<ref>` and `--owner`), the
 * listing, showing one, pushing with progress, withdrawing, and asking an owner for a resync.
 * Bad input is reported as the flag that carried it; a partner's list is read-only (not_owner).
 */
import { runDistributions } from '../../catalog/distribute.ts';
import { findList } from '../../catalog/find-list.ts';
import type { ListKindSpec } from '../../catalog/list-kinds.ts';
import { pushList, type PushTarget } from '../../catalog/push.ts';
import { requestResync, withdrawList } from '../../catalog/share-ops.ts';
import { listView, shareView, versionView } from '../../catalog/views.ts';
import type { CatalogList } from '../../store/catalog-store.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import {
  flagInteger,
  flagSet,
  flagString,
  type CommandContext,
  type CommandSpec,
  type FlagSpec,
} from '../command.ts';
import { UsageError } from '../errors.ts';
import { commandHint, findPartnerRef, withNode, type CliNode } from '../node-context.ts';
import { formatTime, type Cell } from '../output.ts';
import { createProgress } from '../progress.ts';
import { flagReader } from '../flag-errors.ts';
import { partnersByIdIn } from '../../partners/partners-by-id.ts';

export const REF_ARG = [{ name: 'ref', required: true }] as const;
export const OWNER_FLAG: FlagSpec = {
  name: 'owner',
  type: 'string',
  value: 'OWNER',
  description: 'self, or the owning partner (number or node id), when several lists share the id.',
};
export const stringFlag = (name: string, value: string, description: string): FlagSpec => ({
  name,
  type: 'string',
  value,
  description,
});
/** The list id the generated examples use. */
const exampleRef = (spec: ListKindSpec): string =>
  ({ catalog: 'hardware', pricelist: 'eu-list', accounting: 'std' })[spec.kind];
export const VERSION_RANGE = { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 0 };

/** Input fields as the flags that carry them, for error messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  validFrom: '--valid-from',
  validTo: '--valid-to',
  currency: '--currency',
  name: '--name',
  id: '--id',
  version: '--version',
  partners: '--partners',
  partnerType: '--type',
  all: '--all',
  reason: '--reason',
  owner: '--owner',
  sku: '--sku',
  qty: '--qty',
  at: '--at',
};

/** Runs `fn`, turning an invalid field into a usage error that names the flag. */
export const asFlags = flagReader(FLAG_OF);

export async function listArg(
  ctx: CommandContext,
  node: CliNode,
  spec: ListKindSpec,
): Promise<CatalogList> {
  const ref = ctx.args[0] ?? '';
  const owner = flagString(ctx, 'owner');
  return asFlags(ctx, () =>
    node.deps.store.read((tx) =>
      findList(tx, spec, owner === undefined ? { ref } : { ref, owner }),
    ),
  );
}

const partnerName = (list: CatalogList, names: Map<number, string>) =>
  list.ownerPartnerId === SELF_OWNER
    ? 'us'
    : (names.get(list.ownerPartnerId) ?? String(list.ownerPartnerId));

export function listCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `List ${spec.label}s: ours and read-only copies of partners'`,
    usage: [`${name} [--json]`],
    example: `${name} --json`,
    flags: [],
    json: true,
    async run(ctx) {
      return withNode(ctx, async (node) => {
        const { rows, partners } = await node.deps.store.read(async (tx) => {
          const lists = await tx.catalog.listLists({ kind: spec.kind });
          const rows = await Promise.all(
            lists.map(async (l) => ({ list: l, latest: await tx.catalog.latestApplied(l.id) })),
          );
          return { rows, partners: await partnersByIdIn(tx) };
        });
        if (ctx.out.json) {
          ctx.out.data(rows.map((r) => listView(r.list, partners, r.latest)));
          return 0;
        }
        if (rows.length === 0) {
          ctx.out.line(`No ${spec.label}s.`);
          return 0;
        }
        const names = new Map([...partners].map(([id, p]) => [id, p.name]));
        ctx.out.table(
          ['ID', 'LIST', 'OWNER', 'NAME', ...(spec.priced ? ['CURRENCY'] : []), 'VERSION', 'LINES'],
          rows.map(({ list, latest }) => [
            String(list.id),
            list.listId,
            partnerName(list, names),
            list.withdrawnAt ? { text: `${list.name} (withdrawn)`, style: 'dim' } : list.name,
            ...(spec.priced ? [list.currency ?? ''] : []),
            latest ? String(latest.version) : '-',
            latest ? String(latest.lineCount) : '-',
          ]),
        );
        return 0;
      });
    },
  };
}

export function showCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `Show one ${spec.label}: its versions, and what each partner holds`,
    usage: [`${name} <ref> [--owner OWNER] [--json]`],
    example: `${name} ${exampleRef(spec)}`,
    args: REF_ARG,
    flags: [OWNER_FLAG],
    json: true,
    details: [`<ref> is the number "${name.split(' ')[0]}" shows, or the ${spec.label}'s id.`],
    async run(ctx) {
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        const { versions, shares, partners } = await node.deps.store.read(async (tx) => ({
          versions: await tx.catalog.listVersions(list.id),
          shares: await tx.catalog.listShares(list.id),
          partners: await partnersByIdIn(tx),
        }));
        const latest = versions.find((v) => v.status === 'applied') ?? null;
        const { out } = ctx;
        if (out.json) {
          out.data({
            ...listView(list, partners, latest),
            versions: versions.map(versionView),
            shares: shares.map((s) => shareView(s, partners)),
          });
          return 0;
        }
        const names = new Map([...partners].map(([id, p]) => [id, p.name]));
        out.line(`${out.style.bold(list.name)}  ${list.listId}`);
        out.fields([
          ['owner', partnerName(list, names)],
          ['currency', list.currency ?? undefined],
          [
            'withdrawn',
            list.withdrawnAt
              ? `${formatTime(list.withdrawnAt)}: ${list.withdrawnReason}`
              : undefined,
          ],
        ]);
        out.line();
        out.table(
          [
            'VERSION',
            'STATUS',
            'LINES',
            ...(spec.priced ? ['VALID FROM', 'VALID TO'] : []),
            'HASH',
          ],
          versions.map((v) => [
            String(v.version),
            statusOf(v.status, v.failureCode),
            String(v.lineCount),
            ...(spec.priced ? [v.validFrom ?? '', v.validTo ?? ''] : []),
            v.contentHash.slice(0, 20),
          ]),
        );
        if (shares.length > 0) {
          out.line();
          out.table(
            ['PARTNER', 'HOLDS', 'ON ITS WAY', 'WITHDRAWN'],
            shares.map((s) => [
              names.get(s.partnerId) ?? String(s.partnerId),
              s.heldVersion === null ? '-' : String(s.heldVersion),
              s.pendingVersion === null
                ? '-'
                : `${s.pendingVersion} (${s.pendingMessageIds.length} parts)`,
              formatTime(s.withdrawnAt),
            ]),
          );
        }
        return 0;
      });
    },
  };
}

function statusOf(status: string, failure: string | null): Cell {
  if (status === 'applied') return { text: status, style: 'green' };
  if (status === 'failed') return { text: `failed: ${failure}`, style: 'red' };
  return { text: status, style: 'yellow' };
}

/** Parses --partners / --type / --all into a push target. */
async function pushTarget(ctx: CommandContext, node: CliNode): Promise<PushTarget> {
  const refs = flagString(ctx, 'partners');
  const type = flagString(ctx, 'type');
  const all = flagSet(ctx, 'all');
  if ([refs !== undefined, type !== undefined, all].filter(Boolean).length !== 1) {
    throw new UsageError('give exactly one of --partners, --type, --all', ctx.spec.name);
  }
  if (all) return { all: true };
  if (type !== undefined) return { partnerType: type };
  const ids: number[] = [];
  for (const ref of refs!
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)) {
    ids.push((await findPartnerRef(node.deps.store, ref)).id);
  }
  if (ids.length === 0)
    throw new UsageError('--partners needs at least one partner', ctx.spec.name);
  return { partnerIds: [...new Set(ids)] };
}

export function pushCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `Push a version of our ${spec.label} to partners (full or delta)`,
    usage: [`${name} <ref> (--partners REF,REF… | --type TYPE | --all) [--version N]`],
    example: `${name} ${exampleRef(spec)} --type reseller`,
    args: REF_ARG,
    flags: [
      stringFlag('partners', 'REFS', 'Partner numbers or node ids, separated by commas.'),
      stringFlag('type', 'TYPE', 'Every active partner of this type (e.g. reseller).'),
      { name: 'all', type: 'boolean', description: 'Every active partner.' },
      stringFlag('version', 'N', 'The version to push (default: the latest).'),
      OWNER_FLAG,
    ],
    details: [
      'Each partner gets a delta when it is known to hold an earlier version, else the whole version; large versions travel in parts. Progress is shown per partner.',
    ],
    async run(ctx) {
      const version = flagInteger(ctx, 'version', VERSION_RANGE);
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        const target = await pushTarget(ctx, node);
        const pushed = await asFlags(ctx, () =>
          pushList(node.deps, spec, list.id, { target, ...(version > 0 && { version }) }),
        );
        const total = pushed.distributions.length;
        ctx.out.line(`Pushing version ${pushed.version} of ${list.listId} to ${total} partner(s).`);
        let done = 0;
        const progress = createProgress(ctx.io, { json: ctx.out.json });
        await runDistributions(node.deps, {
          onProgress: (p) => {
            done++;
            const what = p.mode === null ? 'skipped' : `${p.mode}, ${p.parts} part(s)`;
            const bytes = p.distribution.bytes ?? 0;
            progress.update(
              `[${done}/${total}] ${p.partnerName}: ${what}${bytes ? ` (${bytes} bytes)` : ''}`,
            );
          },
        }).finally(() => progress.done());
        ctx.out.line(`Queued for ${total} partner(s).`);
        if (!node.running) {
          ctx.out.warn(
            `this node is not running; the messages go out when it starts: ${commandHint(ctx, 'serve')}`,
          );
        }
        return 0;
      });
    },
  };
}

export function withdrawCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `Stop sharing our ${spec.label} with partners (record.withdraw)`,
    details: [
      `Partners mark their copies withdrawn and stop using them; a later push shares it again.`,
    ],
    usage: [`${name} <ref> --reason TEXT [--partners REF,REF…]`],
    example: `${name} ${exampleRef(spec)} --reason "discontinued" --partners 2`,
    args: REF_ARG,
    flags: [
      { ...stringFlag('reason', 'TEXT', 'Why, as the partners will read it.'), required: true },
      stringFlag('partners', 'REFS', 'Only these partners (default: every partner holding it).'),
      OWNER_FLAG,
    ],
    async run(ctx) {
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        const refs = flagString(ctx, 'partners');
        const partnerIds = refs
          ? await Promise.all(
              refs
                .split(',')
                .map(async (r) => (await findPartnerRef(node.deps.store, r.trim())).id),
            )
          : undefined;
        const result = await asFlags(ctx, () =>
          withdrawList(node.deps, spec, list.id, {
            reason: flagString(ctx, 'reason') ?? '',
            ...(partnerIds && { partnerIds }),
          }),
        );
        ctx.out.line(`Withdrawn from ${result.partnerIds.length} partner(s).`);
        return 0;
      });
    },
  };
}

export function syncCommand(spec: ListKindSpec, name: string): CommandSpec {
  return {
    name,
    summary: `Ask the owner of a ${spec.label} to send it again in full`,
    usage: [`${name} <ref> [--owner OWNER]`],
    example: `${name} ${exampleRef(spec)} --owner 1`,
    args: REF_ARG,
    flags: [OWNER_FLAG],
    details: ['For a node that lost data, or was offline past the retry horizon.'],
    async run(ctx) {
      return withNode(ctx, async (node) => {
        const list = await listArg(ctx, node, spec);
        const { messageId } = await asFlags(ctx, () => requestResync(node.deps, spec, list.id));
        ctx.out.line(`Asked the owner for ${list.listId} (message ${messageId}).`);
        if (!node.running) {
          ctx.out.warn(
            `this node is not running; the request goes out when it starts: ${commandHint(ctx, 'serve')}`,
          );
        }
        return 0;
      });
    },
  };
}
