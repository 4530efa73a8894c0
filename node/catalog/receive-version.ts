/**
 * Receiving a part of a pushed version (pricelist.push, catalog.push). Parts are stored as they
 * arrive, once each; a full version's lines go into place with their part (unapplied until the
 * version is), a delta's wait in the part. When every part is there the version is assembled in
 * the same unit of work (a delta on top of its base), its content hash checked, and it is
 * applied, or kept unapplied, its lines dropped, and marked failed. A delta whose base is missing here, or that assembles to another hash, is
 * asked for again in full with sync.request. A full version that fails is left to the operator
 * (who can ask for a resync): asking automatically could loop on an owner that sends bad data.
 */
import { newMessageId } from '../../protocol/index.ts';
import { conflict, forbidden } from '../domain-kernel/outcomes.ts';
import { enqueueTo } from '../domain-kernel/send-to-partner.ts';
import { crashPoint } from '../faults/crash-points.ts';
import type { HandlerContext, HandlerOutcome } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type {
  CatalogList,
  CatalogVersion,
  StoredLine,
  VersionHeader,
} from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';
import { compareLines, hashSortedLines } from './lines.ts';
import type { ListKindSpec, WireLine } from './list-kinds.ts';
import { parseValidity } from './validity.ts';

export interface PushBody {
  name: string;
  currency?: string;
  version: number;
  validFrom?: string;
  validTo?: string;
  mode: 'full' | 'delta';
  baseVersion?: number;
  part: number;
  parts: number;
  removed: string[];
  contentHash: string;
  [field: string]: unknown;
}

export async function authorizePush(
  _spec: ListKindSpec,
  ctx: HandlerContext,
  _tx: StoreTx,
): Promise<HandlerOutcome> {
  const body = ctx.message.body as PushBody;
  // Only the owner pushes a list, and what it pushes is stored as its own: ids are scoped by
  // owner, so a list of ours with the same id is a different list and blocks nothing.
  if (body.part > body.parts) return conflict('part is greater than parts');
  // Each announced part is state we keep until the version is complete or expires.
  if (body.parts > ctx.limits.maxPartsPerVersion) {
    return conflict(
      `too_many_parts: this node takes versions of at most ${ctx.limits.maxPartsPerVersion} parts`,
    );
  }
  return OK;
}

export async function applyPush(
  spec: ListKindSpec,
  ctx: HandlerContext,
  tx: StoreTx,
): Promise<HandlerOutcome> {
  const body = ctx.message.body as PushBody;
  const listId = body[spec.idField] as string;
  const header = headerOf(spec, body);
  if (!header.ok) return conflict(header.detail);

  let list = await tx.catalog.findList(spec.kind, ctx.partner.id, listId);
  list ??= await tx.catalog.insertList({
    kind: spec.kind,
    listId,
    ownerPartnerId: ctx.partner.id,
    name: body.name,
    currency: body.currency ?? null,
    at: ctx.now,
  });

  let version = await tx.catalog.getVersion(list.id, body.version);
  if (version?.status === 'applied') {
    // Immutable once applied: the same content again changes nothing; other content is refused.
    return version.contentHash === body.contentHash
      ? OK
      : conflict(`version ${body.version} was pushed before with other content`);
  }
  if (!version) {
    version = await tx.catalog.insertVersion({
      listRowId: list.id,
      header: header.value,
      status: 'assembling',
      lineCount: 0,
      at: ctx.now,
    });
  } else if (version.status === 'failed' || !sameTransmission(version, header.value)) {
    // A new transmission of a version not applied here (a resend, a full answer to our
    // sync.request): what came before of it is dropped, the lines already in place too.
    await tx.catalog.deleteParts(version.id);
    await tx.catalog.deleteLines(version.id);
    const reset = { status: 'assembling', failureCode: null, failureDetail: null } as const;
    await tx.catalog.updateVersion(version.id, { ...header.value, ...reset });
    version = { ...version, ...header.value, ...reset };
  }

  const lines = body[spec.linesField] as WireLine[];
  // A full version's lines go into place as its parts arrive (the last part then only reads them
  // back in key order to check the hash); a delta's wait in its parts for the base to be copied.
  const full = version.mode === 'full';
  const fresh = await tx.catalog.savePart(
    version.id,
    {
      part: body.part,
      messageId: ctx.message.id,
      lines: full ? '[]' : JSON.stringify(lines),
      removed: JSON.stringify(body.removed),
    },
    ctx.now,
  );
  if (fresh && full && version.failureCode === null) {
    const repeat = await placeLines(spec, tx, version.id, body.part, lines);
    if (repeat !== null) {
      // Remembered, and the version fails once all its parts are in, as any other failure.
      await tx.catalog.updateVersion(version.id, {
        failureCode: 'duplicate_line',
        failureDetail: repeat,
      });
      version = { ...version, failureCode: 'duplicate_line', failureDetail: repeat };
    }
  }
  if ((await tx.catalog.countParts(version.id)) < version.parts) return OK;
  await assemble(spec, ctx, tx, list, version);
  return OK;
}

/**
 * Puts a part's lines of a full version in place; returns what repeats a key, or null. A key
 * repeated inside the part sits next to its twin once sorted; one that another part has makes
 * the insert report a line already there.
 */
async function placeLines(
  spec: ListKindSpec,
  tx: StoreTx,
  versionRowId: number,
  part: number,
  lines: readonly WireLine[],
): Promise<string | null> {
  const stored = lines.map((l) => spec.toStored(l));
  // In key order (as the owner sends them, so the sort only confirms it).
  stored.sort(compareLines);
  for (let i = 1; i < stored.length; i++) {
    if (compareLines(stored[i - 1]!, stored[i]!) === 0) {
      return `the key of ${stored[i]!.sku} appears twice`;
    }
  }
  return (await tx.catalog.insertLines(versionRowId, stored))
    ? null
    : `a key of part ${part} appears in another part`;
}

function sameTransmission(held: CatalogVersion, next: VersionHeader): boolean {
  return (Object.keys(next) as Array<keyof VersionHeader>).every((k) => held[k] === next[k]);
}

function headerOf(
  spec: ListKindSpec,
  body: PushBody,
): { ok: true; value: VersionHeader } | { ok: false; detail: string } {
  let validity = { validFrom: null, validTo: null, validFromMs: null, validToMs: null } as Pick<
    VersionHeader,
    'validFrom' | 'validTo' | 'validFromMs' | 'validToMs'
  >;
  if (spec.priced) {
    const parsed = parseValidity(body.validFrom ?? '', body.validTo ?? null);
    if (!parsed.ok) return { ok: false, detail: parsed.message };
    validity = parsed.validity;
  }
  if (body.mode === 'full' && body.removed.length > 0) {
    return { ok: false, detail: 'a full version removes nothing' };
  }
  return {
    ok: true,
    value: {
      version: body.version,
      name: body.name,
      currency: body.currency ?? null,
      ...validity,
      contentHash: body.contentHash,
      mode: body.mode,
      baseVersion: body.baseVersion ?? null,
      parts: body.parts,
    },
  };
}

async function assemble(
  spec: ListKindSpec,
  ctx: HandlerContext,
  tx: StoreTx,
  list: CatalogList,
  version: CatalogVersion,
): Promise<void> {
  const fail = async (code: string, detail: string) => {
    await tx.catalog.deleteLines(version.id);
    await tx.catalog.updateVersion(version.id, {
      status: 'failed',
      failureCode: code,
      failureDetail: detail,
    });
    if (version.mode === 'delta') await askAgain(spec, ctx, tx, list);
  };

  let assembled: StoredLine[];
  if (version.mode === 'full') {
    const parts = await tx.catalog.readParts(version.id);
    await tx.catalog.deleteParts(version.id);
    // Its lines were put in place part by part (placeLines), and a repeat remembered.
    if (version.failureCode === 'duplicate_line') {
      return fail('duplicate_line', version.failureDetail ?? 'a line key appears twice');
    }
    // A part stored with its lines (by a build that placed them only here) is placed now.
    for (const part of parts.filter((p) => p.lines !== '[]')) {
      const lines = JSON.parse(part.lines) as WireLine[];
      const repeat = await placeLines(spec, tx, version.id, part.part, lines);
      if (repeat !== null) return fail('duplicate_line', repeat);
    }
    assembled = await tx.catalog.readLines(version.id);
  } else {
    const parts = await tx.catalog.readParts(version.id);
    await tx.catalog.deleteParts(version.id);
    const lines: StoredLine[] = [];
    const removed: string[] = [];
    for (const part of parts) {
      for (const line of JSON.parse(part.lines) as WireLine[]) lines.push(spec.toStored(line));
      removed.push(...(JSON.parse(part.removed) as string[]));
    }
    // In key order (as the owner sends them, so the sort only confirms it), a repeated key is
    // next to its twin.
    lines.sort(compareLines);
    for (let i = 1; i < lines.length; i++) {
      if (compareLines(lines[i - 1]!, lines[i]!) === 0) {
        return fail('duplicate_line', `the key of ${lines[i]!.sku} appears twice`);
      }
    }
    const base = await tx.catalog.getVersion(list.id, version.baseVersion ?? 0);
    if (base?.status !== 'applied') {
      return fail('missing_base', `version ${version.baseVersion} is not held here`);
    }
    await tx.catalog.copyLines(base.id, version.id);
    await tx.catalog.removeSkus(version.id, removed);
    await tx.catalog.putLines(version.id, lines);
    assembled = await tx.catalog.readLines(version.id);
  }
  const hash = hashSortedLines(assembled);
  if (hash !== version.contentHash) {
    return fail('hash_mismatch', `the assembled version hashes to ${hash}`);
  }
  crashPoint('catalog.mid-apply');
  await tx.catalog.updateVersion(version.id, {
    status: 'applied',
    lineCount: assembled.length,
    appliedAt: ctx.now,
  });
  const latest = await tx.catalog.latestApplied(list.id);
  await tx.catalog.updateList(
    list.id,
    {
      // A push shares the list again after a withdrawal.
      withdrawnAt: null,
      withdrawnReason: null,
      ...(latest?.id === version.id && { name: version.name, currency: version.currency }),
    },
    ctx.now,
  );
}

/** Asks the owner for the list again in full (sync.request). */
export async function askAgain(
  spec: ListKindSpec,
  ctx: Pick<HandlerContext, 'partner' | 'now'>,
  tx: StoreTx,
  list: CatalogList,
): Promise<string> {
  const have = await tx.catalog.latestApplied(list.id);
  const messageId = newMessageId();
  const body = { what: spec.kind, id: list.listId, ...(have && { haveVersion: have.version }) };
  await enqueueTo(tx, ctx.partner, { messageId, kind: 'sync.request', body }, ctx.now);
  return messageId;
}
