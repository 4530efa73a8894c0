/**
 * The message payload (the JWS payload of a partner-sync/1 message): building it and checking
 * its envelope fields.
 *
 * @module
 */
import { v7 as uuidv7 } from 'uuid';
import { PROTOCOL_VERSION } from './constants.ts';
import { isNodeId } from './node-id.ts';
import { formatUtcTimestamp, isUtcTimestamp } from './timestamp.ts';

/** The payload of a message JWS. Field order is the one {@link buildMessage} writes. */
export interface MessagePayload {
  /** Protocol version, always 1. */
  v: 1;
  /** Unique per sender (UUIDv7 here; other nodes may use ULIDs); at most 200 characters. */
  id: string;
  /** The message kind, e.g. `partner.connect`; its body has a schema in `schemas/`. */
  kind: string;
  /** Sender's node id. */
  from: string;
  /** Recipient's node id. */
  to: string;
  /** RFC 3339 UTC time of first sending; a retry re-sends the same JWS. */
  sentAt: string;
  /** Id of the message this one answers, if any. */
  ref?: string;
  /** The kind's content. */
  body: unknown;
}

/** Input of {@link buildMessage}. */
export interface BuildMessageInput {
  kind: string;
  from: string;
  to: string;
  body: unknown;
  ref?: string;
  /** Defaults to {@link newMessageId}. */
  id?: string;
  sentAt: Date;
}

/** Result of {@link checkEnvelope}. */
export type CheckEnvelopeResult =
  | { ok: true; message: MessagePayload }
  | { ok: false; code: 'malformed' | 'unsupported_version'; detail: string; id: string | null };

/** Longest accepted message id (and `ref`). */
export const MAX_MESSAGE_ID_LENGTH = 200;
/** Longest accepted kind name. */
export const MAX_KIND_LENGTH = 100;
/** Pattern of a kind name: lower-case dotted words, e.g. `lead.offer`, `record.withdraw`. */
export const KIND_PATTERN = /^[a-z]+(\.[a-z_]+)+$/;

const ENVELOPE_FIELDS = new Set(['v', 'id', 'kind', 'from', 'to', 'sentAt', 'ref', 'body']);

/** A new message id: a UUIDv7 (time-ordered). */
export function newMessageId(): string {
  return uuidv7();
}

/** Whether `x` is a kind name (pattern {@link KIND_PATTERN}, at most 100 characters). */
export function isKindName(x: unknown): x is string {
  return typeof x === 'string' && x.length <= MAX_KIND_LENGTH && KIND_PATTERN.test(x);
}

/**
 * Builds a message payload. `sentAt` is written as RFC 3339 UTC with milliseconds.
 * Throws `TypeError` when the result would not pass {@link checkEnvelope} (programmer error).
 */
export function buildMessage(input: BuildMessageInput): MessagePayload {
  const message: MessagePayload = {
    v: PROTOCOL_VERSION,
    id: input.id ?? newMessageId(),
    kind: input.kind,
    from: input.from,
    to: input.to,
    sentAt: formatUtcTimestamp(input.sentAt),
    ...(input.ref !== undefined ? { ref: input.ref } : {}),
    body: input.body,
  };
  const checked = checkEnvelope(message);
  if (!checked.ok) throw new TypeError(`buildMessage: ${checked.detail}`);
  return message;
}

/**
 * Checks the envelope fields of a parsed payload: presence and types of `v`, `id`, `kind`,
 * `from`, `to`, `sentAt`, optional `ref`, and `body` (any JSON value; the kind's schema checks
 * it later). Unknown top-level fields are `malformed`. `v` missing or not an integer is
 * `malformed`; an integer other than 1 is `unsupported_version` (checked before the other
 * fields, whose shape a later version may change). On success `message` is a fresh object
 * holding only the envelope fields.
 */
export function checkEnvelope(payload: unknown): CheckEnvelopeResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return malformed('payload is not a JSON object', null);
  }
  const p = payload as Record<string, unknown>;
  const id = typeof p.id === 'string' ? p.id : null;
  if (!Object.hasOwn(p, 'v')) return malformed('v is missing', id);
  if (typeof p.v !== 'number' || !Number.isInteger(p.v)) {
    return malformed('v is not an integer', id);
  }
  if (p.v !== PROTOCOL_VERSION) {
    return {
      ok: false,
      code: 'unsupported_version',
      detail: `version ${p.v} is not supported (expected ${PROTOCOL_VERSION})`,
      id,
    };
  }
  for (const key of Object.keys(p)) {
    if (!ENVELOPE_FIELDS.has(key))
      return malformed(`unknown field ${JSON.stringify(key.slice(0, 64))}`, id);
  }
  if (typeof p.id !== 'string' || p.id.length === 0 || p.id.length > MAX_MESSAGE_ID_LENGTH) {
    return malformed(`id must be a string of 1 to ${MAX_MESSAGE_ID_LENGTH} characters`, id);
  }
  if (!isKindName(p.kind)) {
    return malformed('kind must be a dotted lower-case name (e.g. lead.offer)', id);
  }
  if (!isNodeId(p.from)) return malformed('from must be a node id (base URL, no trailing /)', id);
  if (!isNodeId(p.to)) return malformed('to must be a node id (base URL, no trailing /)', id);
  if (!isUtcTimestamp(p.sentAt)) return malformed('sentAt must be an RFC 3339 UTC time', id);
  if (
    p.ref !== undefined &&
    (typeof p.ref !== 'string' || p.ref.length === 0 || p.ref.length > MAX_MESSAGE_ID_LENGTH)
  ) {
    return malformed(`ref must be a string of 1 to ${MAX_MESSAGE_ID_LENGTH} characters`, id);
  }
  if (!Object.hasOwn(p, 'body') || p.body === undefined) return malformed('body is missing', id);
  const message: MessagePayload = {
    v: PROTOCOL_VERSION,
    id: p.id,
    kind: p.kind,
    from: p.from,
    to: p.to,
    sentAt: p.sentAt,
    ...(p.ref !== undefined ? { ref: p.ref } : {}),
    body: p.body,
  };
  return { ok: true, message };
}

function malformed(detail: string, id: string | null): CheckEnvelopeResult {
  return { ok: false, code: 'malformed', detail, id };
}
