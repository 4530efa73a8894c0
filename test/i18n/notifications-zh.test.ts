/**
 * Every e-mail notification a portal user can get, in Chinese: each example message of the
 * protocol (examples/messages) with every value its schema allows for a coded field (statuses,
 * answer codes, reasons, priorities, kinds of record) is composed for a Chinese-speaking user,
 * and neither the subject nor the body has English words left beyond what the sender wrote
 * (names, reasons, free text) and codes. mail-language.test.ts sends such mail over SMTP.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../node/i18n/index.ts';
import { composeNotification } from '../../node/portal/notifications.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** The kinds of record a withdrawal can name (free text in the schema, a fixed set in code). */
const RECORD_KINDS = ['lead', 'deal', 'service_request', 'warranty_claim', 'price_list', 'product'];

/** Latin words a Chinese notification may show: codes, ids, units, addresses. */
const ALLOWED = [
  /^[A-Z0-9][A-Z0-9_./:-]*$/, // codes, SKUs, currencies, UTC, order ids
  /^[a-f0-9-]{8,}$/, // record ids
  /^https?:/,
  /@/,
];

/** Schema paths (dotted, under `properties`) whose values come from an enum. */
function enumFields(schema: any, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (Array.isArray(prop.enum)) found.set(path, prop.enum);
    if (prop.type === 'object') for (const [p, e] of enumFields(prop, path)) found.set(p, e);
  }
  return found;
}

const getAt = (body: any, path: string) => path.split('.').reduce((o, k) => o?.[k], body);
function setAt(body: any, path: string, value: unknown): any {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const last = keys.pop()!;
  keys.reduce((o, k) => o[k], copy)[last] = value;
  return copy;
}

/** Every word the sender wrote in the message, outside its coded fields. */
function senderWords(body: unknown, coded: Set<string>, path = ''): string[] {
  // A free-text code of the sender's (an activity such as online_ads) is shown in its words.
  if (typeof body === 'string')
    return coded.has(path) ? [] : words(body).flatMap((w) => [w, ...w.split('_')]);
  if (body === null || typeof body !== 'object') return [];
  return Object.entries(body).flatMap(([k, v]) =>
    senderWords(v, coded, Array.isArray(body) ? path : path ? `${path}.${k}` : k),
  );
}

const words = (text: string) =>
  text.split(/[\s,;()（），。：；、!?"“”]+/).map((w) => w.replace(/^[.:]+|[.:]+$/g, ''));

const english = (text: string, own: Set<string>) =>
  words(text).filter(
    (w) => /[A-Za-z]{2,}/.test(w) && !own.has(w) && !ALLOWED.some((r) => r.test(w)),
  );

interface Case {
  name: string;
  kind: string;
  body: any;
  coded: Set<string>;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const file of readdirSync(join(ROOT, 'examples', 'messages')).sort()) {
    const { kind, body } = read(`examples/messages/${file}`);
    const fields = enumFields(read(`schemas/${kind}.schema.json`));
    if (kind === 'record.withdraw') fields.set('recordKind', RECORD_KINDS);
    const coded = new Set(fields.keys());
    all.push({ name: kind, kind, body, coded });
    for (const [path, values] of fields) {
      if (getAt(body, path) === undefined) continue;
      for (const value of values)
        all.push({ name: `${kind} ${path}=${value}`, kind, body: setAt(body, path, value), coded });
    }
  }
  return all;
}

describe('i18n › e-mail notifications in Chinese', () => {
  const zh = translatorFor('zh-CN');
  const en = translatorFor('en');
  const all = cases();

  it('covers every kind of message that notifies a portal user', () => {
    const notifying = new Set(
      all
        .filter((c) => composeNotification({ ...c, messageId: 'm-1', label: null }, en))
        .map((c) => c.kind),
    );
    expect([...notifying].sort()).toEqual([
      'catalog.push',
      'deal.decision',
      'expense.decision',
      'fund.allocation',
      'lead.offer',
      'lead.recall',
      'order.response',
      'order.status',
      'pricelist.push',
      'record.withdraw',
      'replenishment.proposal',
      'service.request',
      'service.update',
      'warranty.decision',
    ]);
    expect(all.length).toBeGreaterThan(60);
  });

  it('has no English left in any subject or body, named records or not', () => {
    const found: Record<string, string[]> = {};
    for (const c of all) {
      for (const label of [null, '苏州精工制造']) {
        const facts = { kind: c.kind, messageId: 'm-1', body: c.body, label };
        const inEnglish = composeNotification(facts, en);
        const inChinese = composeNotification(facts, zh);
        expect(inChinese === null, c.name).toBe(inEnglish === null);
        if (!inChinese || !inEnglish) continue;
        expect(inChinese.subject, c.name).not.toBe(inEnglish.subject);
        expect(inChinese.body, c.name).not.toBe(inEnglish.body);
        expect(inChinese.subject, c.name).toMatch(/\p{Script=Han}/u);
        const own = new Set(senderWords(c.body, c.coded));
        const left = english(`${inChinese.subject}\n${inChinese.body}`, own);
        if (left.length > 0) found[`${c.name} (label ${label})`] = left;
      }
    }
    expect(found).toEqual({});
  });
});
