/**
 * Reading an operator's lead (admin API body or CLI flags turned into one) into the core fields
 * `lead.offer` carries. The wire schema is the judge of every field, so admin input and messages
 * are bounded alike; a failure is a 400 naming the field (`contact.email`), before anything is
 * written.
 */
import { newMessageId, type SchemaRegistry } from '../../protocol/index.ts';
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import { normalizeDomain } from '../records/normalize-customer.ts';
import type { LeadCore } from '../store/lead-store.ts';
import { CreateLeadRequest, UpdateLeadRequest } from './lead-schemas.ts';

const invalidField = (field: string, message: string) =>
  badRequest('invalid_field', message, field);

const CORE_FIELDS = [
  'company',
  'contact',
  'region',
  'interest',
  'estimatedValue',
  'currency',
  'source',
  'notes',
  'domain',
] as const;
/** Optional fields an update may clear with null. */
const CLEARABLE = ['estimatedValue', 'currency', 'notes', 'domain'] as const;

export interface CreateLeadInput {
  core: LeadCore;
  route: boolean;
  offerHours: number | null;
}

/**
 * `/lead/contact/email` → `contact.email`; the field an operator recognizes. A missing property
 * is reported by the schema at its parent, so the name in the detail completes the path.
 */
export function fieldOfPointer(pointer: string, prefix = '', detail = ''): string {
  const missing = /must have (?:required )?property '?([A-Za-z]+)'?/.exec(detail)?.[1];
  const full = missing ? `${pointer}/${missing}` : pointer;
  const path = full.startsWith(prefix) ? full.slice(prefix.length) : full;
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  // An item of a list is reported as the list.
  const named = parts.filter((p) => !/^\d+$/.test(p));
  return named.join('.') || 'body';
}

/** Checks core fields against the `lead.offer` schema, naming the failing field. */
export function checkCore(schemas: SchemaRegistry, core: LeadCore): LeadCore {
  const probe = {
    lead: core,
    exclusive: true,
    offerExpiresAt: '2000-01-01T00:00:00Z',
    version: 1,
  };
  const result = schemas.validateBody('lead.offer', probe);
  if (!result.ok) {
    const field = fieldOfPointer(result.pointer, '/lead', result.detail);
    throw invalidField(field, `${field}: ${result.detail.replace(/^\/\S*: /, '')}`);
  }
  return core;
}

/** The domain as written (URL, www., upper case) reduced to what matching compares. */
function domainOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const domain = normalizeDomain(value);
  if (!domain)
    throw invalidField('domain', 'domain must be an internet domain such as acme.example');
  return domain;
}

function pickCore(input: Record<string, unknown>): Record<string, unknown> {
  const core: Record<string, unknown> = {};
  for (const field of CORE_FIELDS) {
    if (input[field] !== undefined && input[field] !== null) core[field] = input[field];
  }
  if (core.domain !== undefined) core.domain = domainOf(core.domain);
  return core;
}

export function parseCreateLead(schemas: SchemaRegistry, raw: unknown): CreateLeadInput {
  const input = parseInput(CreateLeadRequest, raw);
  const id = input.id ?? newMessageId();
  const core = checkCore(schemas, { id, ...pickCore(input) } as unknown as LeadCore);
  return { core, route: input.route === true, offerHours: input.offerHours ?? null };
}

/** An update's fields merged over the current ones; `contact` is replaced as a whole. */
export function parseLeadUpdate(
  schemas: SchemaRegistry,
  current: LeadCore,
  raw: unknown,
): LeadCore {
  const input: Record<string, unknown> = parseInput(UpdateLeadRequest, raw);
  const merged: Record<string, unknown> = { ...current, ...pickCore(input) };
  for (const field of CLEARABLE) if (input[field] === null) delete merged[field];
  return checkCore(schemas, merged as unknown as LeadCore);
}

/** Whether two versions of a lead's core fields differ (a no-op update keeps the version). */
export function coreChanged(a: LeadCore, b: LeadCore): boolean {
  return JSON.stringify(sorted(a)) !== JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sorted(v)]),
    );
  }
  return value;
}
