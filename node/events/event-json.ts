/**
 * A record as the JSON text an event carries: times as ISO strings, bigints as strings, and no
 * secrets (token hashes, private keys, signed messages, file bytes) at any depth.
 *
 * Serialising is most of what an event costs its unit of work (bench/sections/events.ts), and the
 * largest record a busy node emits, the partner a `partner.update` changes, is mostly parts that
 * do not change from one event to the next (its keys, its kinds, its dates). The store's partner
 * cache hands out frozen records and registers them here ({@link markFrozenRecord}, with their
 * parts {@link markImmutable}): such a record's text is assembled from its fields, the text of
 * each immutable part worked out once and reused, and a declared profile arrives with the text
 * the store wrote for it ({@link rememberJson}). The text is the same as a plain serialisation.
 */

/** Fields never copied into an event, at any depth. */
const SECRET_FIELDS = new Set([
  'tokenHash',
  'privateJwk',
  'privateKey',
  'jws',
  'receipt',
  'secret',
]);

function replacer(key: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(key)) return undefined;
  if (value instanceof Uint8Array) return undefined;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * What a plain serialisation shows when it needs the replacer: a secret field's key, or bytes
 * (a Uint8Array serialises as an object keyed "0", "1", …). A false alarm only costs the slower
 * path, which gives the same text.
 */
const NEEDS_REPLACER = new RegExp(`"(?:${[...SECRET_FIELDS].join('|')})":|\\{"0":`);

/** `value` as it appears inside an event's data (undefined: left out, as JSON.stringify does). */
function valueJson(value: unknown): string | undefined {
  let text: string | undefined;
  try {
    // Most values hold no secret, bytes or bigint: no replacer call per key (several times
    // faster), and the text is checked instead.
    text = JSON.stringify(value);
  } catch {
    // a bigint: the replacer turns it into a string
  }
  return text !== undefined && !NEEDS_REPLACER.test(text)
    ? text
    : (JSON.stringify(value, replacer) as string | undefined);
}

/**
 * Objects and arrays that never change again (deep-frozen, no Date inside), with their text once
 * it is known. Weak: an entry goes with its object.
 */
const immutable = new WeakMap<object, string | null>();

/**
 * Registers `value` (a plain object or array, deep-frozen, holding no Date or other mutable
 * object at any depth) as one whose text may be kept and reused.
 */
export function markImmutable(value: object): void {
  if (!immutable.has(value)) immutable.set(value, null);
}

/**
 * Registers `value` (as {@link markImmutable} asks) with the text `JSON.stringify` gave for it
 * (or for the object it was parsed from), so that no event serialises it again. Text that needs
 * the replacer is not kept: the event works its own out.
 */
export function rememberJson(value: object, text: string): void {
  immutable.set(value, NEEDS_REPLACER.test(text) ? null : text);
}

/**
 * Records whose own fields never change (frozen); their object fields are registered with
 * {@link markImmutable} or serialised afresh, their dates checked (a Date can be set).
 */
const frozenRecords = new WeakSet<object>();

export function markFrozenRecord(record: object): void {
  frozenRecords.add(record);
}

/**
 * Per field name, the last value a frozen record held there and its `"key":text` segment. The
 * records of one partner follow each other (the cache replaces its entry on every change) and
 * share most values by identity, so most fields of the next event reuse their segment as is: a
 * string, number or kept part the same value, a date the same time. A miss costs one lookup.
 */
interface Segment {
  value: unknown;
  /** A date's time when the segment was worked out (a Date can be set). */
  time: number;
  text: string;
}
const lastSegments = new Map<string, Segment>();

/** `"key":` per field name, written once. */
const keyTexts = new Map<string, string>();
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) keyTexts.set(key, (text = `${JSON.stringify(key)}:`));
  return text;
}

/** The `"key":text` of one field of a frozen record, undefined when the field is left out. */
function segmentOf(key: string, value: unknown): string | undefined {
  const last = lastSegments.get(key);
  if (value instanceof Date) {
    const time = value.getTime();
    // A date's text depends on its time only: another Date of the same time reuses it.
    if (last !== undefined && last.value instanceof Date && last.time === time) return last.text;
    const text = keyText(key) + dateJson(value);
    lastSegments.set(key, { value, time, text });
    return text;
  }
  if (last !== undefined && last.value === value) return last.text;
  let part: string | undefined;
  let keep = true;
  if (typeof value === 'object' && value !== null) {
    if (value instanceof Uint8Array) return undefined;
    const known = immutable.get(value);
    if (known) {
      part = known;
    } else {
      part = valueJson(value);
      if (known === null && part !== undefined) immutable.set(value, part);
      // Only an immutable part's text may be reused: any other object may change.
      else keep = false;
    }
  } else if (typeof value === 'bigint') {
    part = JSON.stringify(value.toString());
  } else {
    part = JSON.stringify(value);
  }
  if (part === undefined) return undefined;
  const text = keyText(key) + part;
  if (keep) lastSegments.set(key, { value, time: 0, text });
  return text;
}

/**
 * A frozen record's text assembled from its fields, each immutable part's text kept: the same
 * text `JSON.stringify(record, replacer)` gives (fields in their own order; undefined, functions
 * and bytes left out; a secret field left out at any depth).
 */
function assembled(record: Record<string, unknown>): string {
  const segments: string[] = [];
  for (const key of Object.keys(record)) {
    if (SECRET_FIELDS.has(key)) continue;
    const segment = segmentOf(key, record[key]);
    if (segment !== undefined) segments.push(segment);
  }
  // One flat string (not a chain of concatenations the database driver would flatten again).
  return `{${segments.join(',')}}`;
}

const dateToJson = Date.prototype.toJSON;
const dateToIso = Date.prototype.toISOString;

/**
 * The last time written as ISO text, and its text: the events of one unit of work or one delivery
 * batch mostly carry the same instant (the time of the change), which is then formatted once.
 */
let lastIsoTime = Number.NaN;
let lastIso = '';

/** What `toJSON` gives for `date` (its own methods the prototype's): ISO text, null if invalid. */
function isoText(date: Date): string | null {
  const time = date.getTime();
  if (time === lastIsoTime) return lastIso;
  if (!Number.isFinite(time)) return null;
  lastIso = date.toISOString();
  lastIsoTime = time;
  return lastIso;
}

/** A date as JSON.stringify writes it, formatted by {@link isoText} when its methods are stock. */
function dateJson(date: Date): string {
  if (date.toJSON !== dateToJson || date.toISOString !== dateToIso) return JSON.stringify(date);
  const text = isoText(date);
  return text === null ? 'null' : `"${text}"`;
}

/**
 * `record`, or a shallow copy with its own top-level dates replaced by what their `toJSON` gives
 * (the ISO string, or null for an invalid date): the same text, but a Date sends JSON.stringify
 * down its slow path, which cost a small record (a lead, two dates) three times its string.
 */
function withDatesAsText(record: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value instanceof Date && value.toJSON === dateToJson && value.toISOString === dateToIso) {
      copy ??= { ...record };
      // What Date.prototype.toJSON gives, without its generic lookups.
      copy[key] = isoText(value);
    }
  }
  return copy ?? record;
}

/** The record as the JSON object an event carries (a non-object is wrapped as `value`). */
export function toEventJson(record: unknown): string {
  if (record !== null && typeof record === 'object' && !Array.isArray(record)) {
    if (frozenRecords.has(record)) return assembled(record as Record<string, unknown>);
    return valueJson(withDatesAsText(record as Record<string, unknown>))!;
  }
  return valueJson({ value: record ?? null })!;
}
