/**
 * The discovery document a node serves at `/.well-known/partner-sync`.
 *
 * @module
 */
import { PROTOCOL_NAME } from './constants.ts';
import { isNodeId } from './node-id.ts';
import { getDefaultSchemaRegistry } from './schema-registry.ts';
import type { SchemaRegistry } from './schema-registry.ts';

/** Path of the discovery document, below the node id. */
export const WELL_KNOWN_PATH = '/.well-known/partner-sync';
/** Path of the node's JWKS, below the node id. */
export const JWKS_PATH = '/.well-known/jwks.json';
/** Path of the inbox, below the node id. */
export const INBOX_PATH = '/inbox';
/** Path of the connect endpoint, below the node id. */
export const CONNECT_PATH = '/connect';

/** The discovery document (all URLs absolute). */
export interface DiscoveryDocument {
  protocol: 'partner-sync/1';
  nodeId: string;
  name: string;
  inbox: string;
  connect: string;
  jwks: string;
  kinds: string[];
  maxBatch: number;
  maxBodyBytes: number;
}

/** Input of {@link buildDiscoveryDocument}. */
export interface BuildDiscoveryInput {
  nodeId: string;
  name: string;
  kinds: readonly string[];
  maxBatch: number;
  maxBodyBytes: number;
}

/**
 * Why a discovery document was refused: `bad_discovery` (not a valid document, or a `nodeId`
 * other than the one asked for), `foreign_endpoint` (an `inbox`, `connect` or `jwks` URL not on
 * the node id's origin).
 */
export type DiscoveryRefusal = 'bad_discovery' | 'foreign_endpoint';

/** Result of {@link parseDiscoveryDocument}. */
export type ParseDiscoveryResult =
  { ok: true; doc: DiscoveryDocument } | { ok: false; code: DiscoveryRefusal; detail: string };

/** The URL fields of a discovery document, which must share the node id's origin. */
const ENDPOINT_FIELDS = ['inbox', 'connect', 'jwks'] as const;

/**
 * Builds this node's discovery document: inbox `${nodeId}/inbox`, connect `${nodeId}/connect`,
 * jwks `${nodeId}/.well-known/jwks.json`. Throws `TypeError` when `nodeId` is not a node id.
 */
export function buildDiscoveryDocument(input: BuildDiscoveryInput): DiscoveryDocument {
  if (!isNodeId(input.nodeId)) throw new TypeError('buildDiscoveryDocument: invalid nodeId');
  return {
    protocol: PROTOCOL_NAME,
    nodeId: input.nodeId,
    name: input.name,
    inbox: input.nodeId + INBOX_PATH,
    connect: input.nodeId + CONNECT_PATH,
    jwks: input.nodeId + JWKS_PATH,
    kinds: [...input.kinds],
    maxBatch: input.maxBatch,
    maxBodyBytes: input.maxBodyBytes,
  };
}

/**
 * Reads a fetched discovery document: validated with `schemas/discovery.schema.json`, `nodeId`
 * must be a node id in normal form, and equal `expectedNodeId` when given (the URL it was
 * fetched from); `inbox`, `connect` and `jwks` must be on the node id's origin (scheme, host and
 * port), so that a node id cannot send its reader's requests, or take its keys, from another
 * host. Returns a fresh copy of the document.
 *
 * @param registry Schema registry to use; default {@link getDefaultSchemaRegistry}.
 */
export function parseDiscoveryDocument(
  doc: unknown,
  expectedNodeId?: string,
  registry: SchemaRegistry = getDefaultSchemaRegistry(),
): ParseDiscoveryResult {
  const refuse = (detail: string, code: DiscoveryRefusal = 'bad_discovery') =>
    ({ ok: false, code, detail }) as const;
  const checked = registry.validate('discovery', doc);
  if (!checked.ok) return refuse(`discovery document ${checked.detail}`);
  const d = doc as DiscoveryDocument;
  if (!isNodeId(d.nodeId)) return refuse('discovery document nodeId is not a node id');
  if (expectedNodeId !== undefined && d.nodeId !== expectedNodeId) {
    return refuse('discovery document nodeId differs from the URL it came from');
  }
  const origin = new URL(d.nodeId).origin;
  for (const field of ENDPOINT_FIELDS) {
    let url: URL;
    try {
      url = new URL(d[field]);
    } catch {
      return refuse(`discovery document /${field}: not an absolute URL`);
    }
    if (url.origin !== origin) {
      return refuse(
        `discovery document /${field}: ${url.origin} is not the node id's origin ${origin}`,
        'foreign_endpoint',
      );
    }
  }
  return {
    ok: true,
    doc: {
      protocol: PROTOCOL_NAME,
      nodeId: d.nodeId,
      name: d.name,
      inbox: d.inbox,
      connect: d.connect,
      jwks: d.jwks,
      kinds: [...d.kinds],
      maxBatch: d.maxBatch,
      maxBodyBytes: d.maxBodyBytes,
    },
  };
}
