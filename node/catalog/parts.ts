/**
 * Cutting a version into the bodies of the messages that carry it. Each part repeats the header
 * (ids, version, mode, base, contentHash) and carries a share of the removed SKUs and lines, so
 * that its signed message stays well inside the partner's `maxBodyBytes`: a quarter of it, so
 * that the outbox can send several parts in one request (it batches up to the partner's
 * `maxBatch` within `maxBodyBytes`), and each part is small enough to store and check quickly.
 */
import type { StoredLine } from '../store/catalog-store.ts';

/** At most this many lines (and removed SKUs) per part; the schemas allow 20,000. */
export const MAX_PART_ITEMS = 10_000;
/** The schemas' bound on `parts`. */
export const MAX_PARTS = 100_000;
/** Room for the envelope around a body besides the node ids: id, kind, sentAt, ref, keys. */
const ENVELOPE_BYTES = 400;
/** The JWS protected header and signature, base64url-encoded. */
const JWS_OVERHEAD = 200;

/** Bytes of lines (and removed SKUs) a part may carry to a partner with this body limit. */
export function partBudget(
  maxBodyBytes: number,
  fixed: { headerBytes: number; nodeIdBytes: number },
): number {
  // Small limits (down to the 1 KiB minimum) get the whole body; large ones a quarter of it.
  const jws = maxBodyBytes >= 64 * 1024 ? Math.floor(maxBodyBytes / 4) : maxBodyBytes - 64;
  // base64url turns 3 bytes of payload into 4 characters.
  const payload = Math.floor(((jws - JWS_OVERHEAD) * 3) / 4);
  return Math.max(1, payload - ENVELOPE_BYTES - fixed.nodeIdBytes - fixed.headerBytes);
}

export interface CutInput {
  /** The fields every part repeats (without part, parts and the arrays). */
  header: Record<string, unknown>;
  linesField: string;
  lines: readonly StoredLine[];
  removed: readonly string[];
  budgetBytes: number;
}

export interface CutResult {
  bodies: Array<Record<string, unknown>>;
  /** JSON bytes of all bodies together. */
  bytes: number;
}

/** Cuts into parts in order: removed SKUs first, then lines; at least one part. */
export function cutParts(input: CutInput): CutResult {
  type Group = { removed: string[]; lines: StoredLine[]; bytes: number };
  const groups: Group[] = [];
  let current: Group = { removed: [], lines: [], bytes: 0 };
  const fits = (cost: number, count: number) =>
    (current.bytes + cost <= input.budgetBytes ||
      current.removed.length + current.lines.length === 0) &&
    count < MAX_PART_ITEMS;
  const next = () => {
    groups.push(current);
    current = { removed: [], lines: [], bytes: 0 };
  };
  for (const sku of input.removed) {
    const cost = Buffer.byteLength(sku) + 3;
    if (!fits(cost, current.removed.length)) next();
    current.removed.push(sku);
    current.bytes += cost;
  }
  for (const line of input.lines) {
    const cost = Buffer.byteLength(line.line) + 1;
    if (!fits(cost, current.lines.length)) next();
    current.lines.push(line);
    current.bytes += cost;
  }
  groups.push(current);
  const parts = groups.length;
  let bytes = 0;
  const bodies = groups.map((g, i) => {
    // A stored line is the canonical JSON of the wire line: the part's lines are read back in one
    // JSON.parse of their texts joined, not one call per line, and the body's size is that of
    // its JSON with the lines left out plus the texts and their commas (JSON.stringify writes a
    // parsed canonical line back as the same text), not a serialisation of the whole body.
    const text = `[${g.lines.map((l) => l.line).join(',')}]`;
    const shell = {
      ...input.header,
      part: i + 1,
      parts,
      [input.linesField]: [],
      removed: g.removed,
    };
    bytes += Buffer.byteLength(JSON.stringify(shell)) + Buffer.byteLength(text) - 2;
    return { ...shell, [input.linesField]: JSON.parse(text) as unknown };
  });
  return { bodies, bytes };
}
