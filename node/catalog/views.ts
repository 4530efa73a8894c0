/** How the admin API and the CLI's --json show lists, versions, shares and distributions. */
import type {
  CatalogList,
  CatalogShare,
  CatalogVersion,
  Distribution,
} from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { Partner } from '../store/types.ts';
import { iso } from '../records/iso-time.ts';

const partnerOf = (id: number, partners: ReadonlyMap<number, Partner>) => ({
  id,
  nodeId: partners.get(id)?.nodeId ?? null,
  name: partners.get(id)?.name ?? null,
});

export function listView(
  list: CatalogList,
  partners: ReadonlyMap<number, Partner>,
  latest: CatalogVersion | null,
) {
  const own = list.ownerPartnerId === SELF_OWNER;
  return {
    id: list.id,
    listId: list.listId,
    owner: own ? ('self' as const) : ('partner' as const),
    ownerPartner: own ? null : partnerOf(list.ownerPartnerId, partners),
    readOnly: !own,
    name: list.name,
    currency: list.currency,
    latestVersion: latest?.version ?? null,
    withdrawn: list.withdrawnAt !== null,
    withdrawnAt: iso(list.withdrawnAt),
    withdrawnReason: list.withdrawnReason,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
  };
}

export function versionView(v: CatalogVersion) {
  return {
    version: v.version,
    status: v.status,
    name: v.name,
    currency: v.currency,
    validFrom: v.validFrom,
    validTo: v.validTo,
    contentHash: v.contentHash,
    lineCount: v.lineCount,
    mode: v.mode,
    baseVersion: v.baseVersion,
    parts: v.parts,
    failureCode: v.failureCode,
    failureDetail: v.failureDetail,
    createdAt: v.createdAt.toISOString(),
    appliedAt: iso(v.appliedAt),
  };
}

export function shareView(s: CatalogShare, partners: ReadonlyMap<number, Partner>) {
  return {
    partner: partnerOf(s.partnerId, partners),
    heldVersion: s.heldVersion,
    pendingVersion: s.pendingVersion,
    pendingParts: s.pendingMessageIds.length,
    sharedAt: s.sharedAt.toISOString(),
    withdrawnAt: iso(s.withdrawnAt),
  };
}

export function distributionView(
  d: Distribution,
  partners: ReadonlyMap<number, Partner>,
  versionOf: (versionRowId: number) => number | null,
) {
  return {
    id: d.id,
    partner: partnerOf(d.partnerId, partners),
    version: versionOf(d.versionRowId),
    status: d.status,
    mode: d.mode,
    baseVersion: d.baseVersion,
    parts: d.parts,
    bytes: d.bytes,
    ref: d.ref,
    detail: d.detail,
    createdAt: d.createdAt.toISOString(),
    doneAt: iso(d.doneAt),
  };
}
