/**
 * Pushing a version to partners: one, several, or every active partner of a type. The call
 * writes one distribution row per partner in one unit of work and returns; the distributor
 * (distribute.ts) cuts the version into messages afterwards, so that a push to many partners
 * returns at once whatever the size of the version, and nothing is signed or sent in the request.
 */
import { AppError, badRequest } from '../errors.ts';
import type { Distribution } from '../store/catalog-store.ts';
import type { Partner } from '../store/types.ts';
import { assertOwn, type CatalogDeps } from './catalog-deps.ts';
import type { ListKindSpec } from './list-kinds.ts';

export type PushTarget = { partnerIds: number[] } | { partnerType: string } | { all: true };

export interface PushResult {
  version: number;
  distributions: Distribution[];
}

export async function pushList(
  deps: CatalogDeps,
  spec: ListKindSpec,
  listRowId: number,
  input: { target: PushTarget; version?: number },
): Promise<PushResult> {
  const result = await deps.store.transact(async (tx) => {
    const list = await tx.catalog.getList(listRowId);
    if (!list) throw new AppError(404, 'not_found', `${spec.label} not found`);
    assertOwn(spec, list);
    const version =
      input.version === undefined
        ? await tx.catalog.latestApplied(list.id)
        : await tx.catalog.getVersion(list.id, input.version);
    if (!version) {
      throw input.version === undefined
        ? new AppError(409, 'no_version', `the ${spec.label} has no version to push yet`)
        : badRequest('invalid_field', `no version ${input.version}`, 'version');
    }
    const partners = choosePartners(await tx.partners.list(), input.target);
    const distributions = await tx.catalog.insertDistributions(
      partners.map((p) => ({
        listRowId: list.id,
        versionRowId: version.id,
        partnerId: p.id,
        ref: null,
        forceFull: false,
      })),
      deps.clock.now(),
    );
    return { version: version.version, distributions };
  });
  return result;
}

/** The partners a push goes to: only active ones (a suspended partner gets nothing new). */
export function choosePartners(partners: readonly Partner[], target: PushTarget): Partner[] {
  if ('partnerIds' in target) {
    const chosen = target.partnerIds.map((id) => partners.find((p) => p.id === id));
    const bad = target.partnerIds.find((id, i) => chosen[i]?.status !== 'active');
    if (bad !== undefined) {
      throw badRequest('invalid_field', `partner ${bad} is not an active partner`, 'partners');
    }
    return chosen as Partner[];
  }
  const active = partners.filter((p) => p.status === 'active');
  const chosen =
    'partnerType' in target ? active.filter((p) => p.partnerType === target.partnerType) : active;
  if (chosen.length === 0) {
    throw badRequest(
      'invalid_field',
      'no active partner matches',
      'partnerType' in target ? 'partnerType' : 'all',
    );
  }
  return chosen;
}
