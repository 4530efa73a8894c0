/**
 * The catalog domain's part of the storage boundary: product catalogs and price lists, owned by
 * this node or held as read-only copies of a partner's, their versions and lines, received parts,
 * and (owner side) what each partner holds and the pushes waiting to be cut into messages.
 */
import type { CatalogExtensionsRepo } from './catalog-extensions-store.ts';

export const LIST_KINDS = ['pricelist', 'catalog', 'accounting'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** The owner of a list: 0 for this node, otherwise the partner's id. */
export const SELF_OWNER = 0;

export interface CatalogList {
  id: number;
  kind: ListKind;
  listId: string;
  ownerPartnerId: number;
  name: string;
  currency: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type VersionStatus = 'assembling' | 'applied' | 'failed';
export type VersionMode = 'full' | 'delta';

/** What a version says besides its lines; the same in every part of a transmission. */
export interface VersionHeader {
  version: number;
  name: string;
  currency: string | null;
  validFrom: string | null;
  validTo: string | null;
  validFromMs: number | null;
  validToMs: number | null;
  contentHash: string;
  mode: VersionMode;
  baseVersion: number | null;
  parts: number;
}

export interface CatalogVersion extends VersionHeader {
  id: number;
  listRowId: number;
  status: VersionStatus;
  lineCount: number;
  failureCode: string | null;
  failureDetail: string | null;
  createdAt: Date;
  appliedAt: Date | null;
}

/** A line as stored: its key (sku, qtyKey) and its canonical JSON. */
export interface StoredLine {
  sku: string;
  qtyKey: string;
  line: string;
}

export interface ReceivedPart {
  part: number;
  messageId: string;
  /** JSON arrays as received. */
  lines: string;
  removed: string;
}

export interface CatalogShare {
  id: number;
  listRowId: number;
  partnerId: number;
  heldVersion: number | null;
  pendingVersion: number | null;
  pendingMessageIds: string[];
  sharedAt: Date;
  withdrawnAt: Date | null;
}

export type DistributionStatus = 'queued' | 'enqueued' | 'skipped' | 'cancelled';

export interface Distribution {
  id: number;
  listRowId: number;
  versionRowId: number;
  partnerId: number;
  ref: string | null;
  forceFull: boolean;
  status: DistributionStatus;
  mode: VersionMode | null;
  baseVersion: number | null;
  parts: number | null;
  bytes: number | null;
  detail: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface ListFilter {
  kind: ListKind;
  ownerPartnerId?: number;
}

export interface CatalogRepo extends CatalogExtensionsRepo {
  findList(kind: ListKind, ownerPartnerId: number, listId: string): Promise<CatalogList | null>;
  getList(id: number): Promise<CatalogList | null>;
  /** Lists with this wire id, whoever owns them. */
  listsById(kind: ListKind, listId: string): Promise<CatalogList[]>;
  listLists(filter: ListFilter): Promise<CatalogList[]>;
  insertList(input: {
    kind: ListKind;
    listId: string;
    ownerPartnerId: number;
    name: string;
    currency: string | null;
    at: Date;
  }): Promise<CatalogList>;
  updateList(
    id: number,
    changes: Partial<Pick<CatalogList, 'name' | 'currency' | 'withdrawnAt' | 'withdrawnReason'>>,
    at: Date,
  ): Promise<void>;

  getVersion(listRowId: number, version: number): Promise<CatalogVersion | null>;
  getVersionById(id: number): Promise<CatalogVersion | null>;
  /** Newest first. */
  listVersions(listRowId: number): Promise<CatalogVersion[]>;
  latestApplied(listRowId: number): Promise<CatalogVersion | null>;
  /** The applied version with the highest number whose validity covers `atMs`. */
  versionInEffect(listRowId: number, atMs: number): Promise<CatalogVersion | null>;
  insertVersion(input: {
    listRowId: number;
    header: VersionHeader;
    status: VersionStatus;
    lineCount: number;
    at: Date;
  }): Promise<CatalogVersion>;
  /** Replaces an unapplied version's header and state (a new transmission of it). */
  updateVersion(
    id: number,
    changes: Partial<
      VersionHeader &
        Pick<CatalogVersion, 'status' | 'lineCount' | 'failureCode' | 'failureDetail'> & {
          appliedAt: Date | null;
        }
    >,
  ): Promise<void>;

  /** Inserts lines; false when a key (sku, qtyKey) is already in the version. */
  insertLines(versionRowId: number, lines: Iterable<StoredLine>): Promise<boolean>;
  /** Inserts a line, or replaces the one with the same key. */
  putLines(versionRowId: number, lines: Iterable<StoredLine>): Promise<void>;
  copyLines(fromVersionRowId: number, toVersionRowId: number): Promise<number>;
  removeSkus(versionRowId: number, skus: Iterable<string>): Promise<void>;
  deleteLines(versionRowId: number): Promise<void>;
  countLines(versionRowId: number): Promise<number>;
  /** Every line in key order (sku, then qtyKey): the content hash's order. */
  readLines(versionRowId: number): Promise<StoredLine[]>;
  /** A page of lines in key order, after the key `after` (sku, qtyKey) when given. */
  pageLines(
    versionRowId: number,
    page: { limit: number; after?: { sku: string; qtyKey: string } },
  ): Promise<StoredLine[]>;
  linesForSku(versionRowId: number, sku: string): Promise<StoredLine[]>;

  /** Stores a part; false when that part was stored before (a part is kept once). */
  savePart(versionRowId: number, part: ReceivedPart, at: Date): Promise<boolean>;
  countParts(versionRowId: number): Promise<number>;
  readParts(versionRowId: number): Promise<ReceivedPart[]>;
  deleteParts(versionRowId: number): Promise<void>;
  /**
   * Marks failed (`incomplete`) every version still assembling whose last part arrived before
   * `before`, and drops its parts; returns their row ids.
   */
  expireAssembling(before: Date): Promise<number[]>;

  getShare(listRowId: number, partnerId: number): Promise<CatalogShare | null>;
  listShares(listRowId: number): Promise<CatalogShare[]>;
  /** The partner's shares with a version on its way (pendingVersion set). */
  listPendingShares(partnerId: number): Promise<CatalogShare[]>;
  saveShare(
    input: Omit<CatalogShare, 'id' | 'sharedAt' | 'withdrawnAt'> & {
      at: Date;
      withdrawnAt?: Date | null;
    },
  ): Promise<void>;
  setShareWithdrawn(listRowId: number, partnerId: number, at: Date | null): Promise<void>;

  insertDistributions(
    rows: Array<{
      listRowId: number;
      versionRowId: number;
      partnerId: number;
      ref: string | null;
      forceFull: boolean;
    }>,
    at: Date,
  ): Promise<Distribution[]>;
  /** The oldest queued distribution. */
  nextQueued(): Promise<Distribution | null>;
  countQueued(): Promise<number>;
  finishDistribution(
    id: number,
    result: {
      status: Exclude<DistributionStatus, 'queued'>;
      mode?: VersionMode;
      baseVersion?: number | null;
      parts?: number;
      bytes?: number;
      detail?: string;
      at: Date;
    },
  ): Promise<void>;
  /** Cancels the queued distributions of a list (to some partners, or all); returns which. */
  cancelQueued(
    listRowId: number,
    partnerIds?: number[],
  ): Promise<Array<{ id: number; partnerId: number }>>;
  /** Newest first. */
  listDistributions(listRowId: number, limit: number): Promise<Distribution[]>;
  /** Whether a resync (a distribution answering a sync.request) of the list to the partner waits. */
  hasQueuedResync(listRowId: number, partnerId: number): Promise<boolean>;
  /** How many sync.requests of the partner were answered (queued) since `since`, over all lists. */
  countResyncsSince(partnerId: number, since: Date): Promise<number>;
}
