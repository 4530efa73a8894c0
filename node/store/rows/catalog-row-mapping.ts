/** Conversions between the catalog tables' rows and the domain's records. */
import type {
  CatalogDistributionRow,
  CatalogListRow,
  CatalogShareRow,
  CatalogVersionRow,
} from '../../db/schema/catalog.ts';
import type {
  CatalogList,
  CatalogShare,
  CatalogVersion,
  Distribution,
  DistributionStatus,
  ListKind,
  VersionMode,
  VersionStatus,
} from '../catalog-store.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function listFromRow(row: CatalogListRow): CatalogList {
  return {
    ...row,
    kind: row.kind as ListKind,
    withdrawnAt: dateOrNull(row.withdrawnAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function versionFromRow(row: CatalogVersionRow): CatalogVersion {
  return {
    ...row,
    status: row.status as VersionStatus,
    mode: row.mode as VersionMode,
    createdAt: new Date(row.createdAt),
    appliedAt: dateOrNull(row.appliedAt),
  };
}

export function shareFromRow(row: CatalogShareRow): CatalogShare {
  return {
    ...row,
    pendingMessageIds: JSON.parse(row.pendingMessageIds) as string[],
    sharedAt: new Date(row.sharedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
  };
}

export function distributionFromRow(row: CatalogDistributionRow): Distribution {
  return {
    ...row,
    status: row.status as DistributionStatus,
    mode: row.mode as VersionMode | null,
    createdAt: new Date(row.createdAt),
    doneAt: dateOrNull(row.doneAt),
  };
}
