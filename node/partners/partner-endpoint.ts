/**
 * Learns where a partner node receives messages and which keys it signs with: its discovery
 * document (which must name the node id we asked for, with its endpoints on that id's origin) and
 * its JWKS, both through the SSRF-guarded client.
 */
import {
  parseDiscoveryDocument,
  parseJwks,
  WELL_KNOWN_PATH,
  type DiscoveryDocument,
} from '../../protocol/index.ts';
import type { HttpClient } from '../net/http-client.ts';
import type { PartnerEndpoint } from '../store/types.ts';

export type FetchEndpointResult =
  | { ok: true; endpoint: PartnerEndpoint; discovery: DiscoveryDocument }
  | {
      ok: false;
      code: 'unreachable' | 'bad_discovery' | 'foreign_endpoint' | 'bad_keys';
      detail: string;
    };

export async function fetchPartnerEndpoint(
  http: HttpClient,
  nodeId: string,
): Promise<FetchEndpointResult> {
  const discoveryUrl = `${nodeId}${WELL_KNOWN_PATH}`;
  const docJson = await getJson(http, discoveryUrl);
  if (!docJson.ok) return { ok: false, code: 'unreachable', detail: docJson.detail };
  const parsed = parseDiscoveryDocument(docJson.value, nodeId);
  if (!parsed.ok) {
    return { ok: false, code: parsed.code, detail: `${discoveryUrl}: ${parsed.detail}` };
  }
  const doc = parsed.doc;

  const jwksJson = await getJson(http, doc.jwks);
  if (!jwksJson.ok) return { ok: false, code: 'unreachable', detail: jwksJson.detail };
  const jwks = parseJwks(jwksJson.value);
  if (!jwks.ok) return { ok: false, code: 'bad_keys', detail: `${doc.jwks}: ${jwks.detail}` };
  if (jwks.keys.length === 0)
    return { ok: false, code: 'bad_keys', detail: `${doc.jwks}: no Ed25519 keys` };

  return {
    ok: true,
    discovery: doc,
    endpoint: {
      nodeId: doc.nodeId,
      inboxUrl: doc.inbox,
      jwksUrl: doc.jwks,
      maxBatch: doc.maxBatch,
      maxBodyBytes: doc.maxBodyBytes,
      keys: jwks.keys,
    },
  };
}

/** Fetches only the keys, from the JWKS URL pinned at connect time. */
export async function fetchPartnerKeys(
  http: HttpClient,
  jwksUrl: string,
): Promise<{ ok: true; keys: PartnerEndpoint['keys'] } | { ok: false; detail: string }> {
  const json = await getJson(http, jwksUrl);
  if (!json.ok) return json;
  const jwks = parseJwks(json.value);
  return jwks.ok ? { ok: true, keys: jwks.keys } : { ok: false, detail: jwks.detail };
}

async function getJson(
  http: HttpClient,
  url: string,
): Promise<{ ok: true; value: unknown } | { ok: false; detail: string }> {
  const result = await http.get(url, { accept: 'application/json' });
  if (!result.ok) return { ok: false, detail: `${url}: ${result.code}: ${result.detail}` };
  const { status, bodyText } = result.response;
  if (status !== 200) return { ok: false, detail: `${url}: answered HTTP ${status}` };
  try {
    return { ok: true, value: JSON.parse(bodyText) as unknown };
  } catch {
    return { ok: false, detail: `${url}: answer is not JSON` };
  }
}
