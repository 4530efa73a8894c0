/**
 * The message catalogs: both languages have exactly the same keys, every message parses as ICU
 * MessageFormat with the same placeholders and tags in both, and every key the code names in a
 * `t('…')` / `tr.t('…')` / `rich('…')` call exists, and every state or coded value shown in
 * words has them (else `tr.code` shows the bare code, in English, on a Chinese page).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES } from '../../node/i18n/locales.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Placeholders and tags of a message, as a sorted list (`arg:name`, `tag:link`). */
function namesOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date)
      into.add(`arg:${e.value}`);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(`arg:${e.value}`);
      for (const option of Object.values(e.options)) namesOf(option.value, into);
    }
    if (e.type === TYPE.tag) {
      into.add(`tag:${e.value}`);
      namesOf(e.children, into);
    }
  }
  return into;
}

/** The words a message shows around its placeholders (its literal text, in every branch). */
function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((e) => {
      if (e.type === TYPE.literal) return e.value;
      if (e.type === TYPE.plural || e.type === TYPE.select)
        return Object.values(e.options)
          .map((o) => literalText(o.value))
          .join(' ');
      if (e.type === TYPE.tag) return literalText(e.children);
      return ' ';
    })
    .join('');
}

/**
 * Keys named in `t('…')`, `tr.t('…')` and `rich('…')` calls. (Keys held in typed maps, such as
 * `Record<string, MessageKey>`, and keys built from a code are checked by the typechecker
 * against the English catalog's keys.)
 */
function keysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  const call = /(?:\bt|\.t|\brich)\(\s*'([A-Za-z0-9_.-]+)'/g;
  for (const file of [...sourceFiles(join(ROOT, 'node')), ...sourceFiles(join(ROOT, 'examples'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) used.set(m[1]!, file);
  }
  return used;
}

/**
 * The stable codes a page or e-mail shows in words through `tr.code(group, value)`: every
 * `…STATUSES` list the node declares (records' and deliveries' states) and every value the
 * protocol's message schemas allow for a coded field.
 */
function codesShownInWords(): Map<string, string> {
  const codes = new Map<string, string>();
  const lists = /const (\w*STATUSES)\s*=\s*\[([^\]]*)\]/g;
  for (const file of sourceFiles(join(ROOT, 'node'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(lists))
      for (const [, value] of m[2]!.matchAll(/'([a-z_]+)'/g))
        codes.set(`code.status.${value}`, `${file} ${m[1]}`);
  }
  const GROUPS: Record<string, string> = {
    status: 'status',
    reason: 'reason',
    priority: 'priority',
    category: 'category',
    partnerType: 'partnerType',
    relationship: 'relationship',
  };
  const walk = (node: unknown, field: string | null, file: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, field, file));
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const group = field ? GROUPS[field] : undefined;
    if (group && Array.isArray(o.enum))
      for (const value of o.enum) codes.set(`code.${group}.${value}`, `${file} ${field}`);
    for (const [k, v] of Object.entries(o)) {
      const structural = ['properties', '$defs', 'items', 'allOf', 'if', 'then', 'else'];
      walk(v, structural.includes(k) ? field : k, file);
    }
  };
  const kinds = readdirSync(join(ROOT, 'examples', 'messages')).map((f) => f.replace('.json', ''));
  for (const name of [...kinds, 'defs']) {
    const file = join(ROOT, 'schemas', `${name}.schema.json`);
    walk(JSON.parse(readFileSync(file, 'utf8')), null, file);
  }
  return codes;
}

describe('message catalogs', () => {
  it('have exactly the same keys in every language', () => {
    const en = Object.keys(CATALOGS.en).sort();
    for (const locale of LOCALES) expect(Object.keys(CATALOGS[locale]).sort()).toEqual(en);
  });

  it('parse as ICU MessageFormat, with the same placeholders and tags in every language', () => {
    for (const [key, english] of Object.entries(CATALOGS.en)) {
      const expected = [...namesOf(parse(english))].sort();
      for (const locale of LOCALES) {
        const message = CATALOGS[locale][key]!;
        expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
        expect([...namesOf(parse(message))].sort(), `${locale} ${key}`).toEqual(expected);
      }
    }
  });

  it('have every key the code uses', () => {
    const used = keysUsedInCode();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !(key in CATALOGS.en));
    expect(missing).toEqual([]);
  });

  it('have words for every state and coded value a person is shown', () => {
    const codes = codesShownInWords();
    expect(codes.size).toBeGreaterThan(40);
    const missing = [...codes].filter(([key]) => !(key in CATALOGS.en));
    expect(missing).toEqual([]);
  });

  it('are not English in the Chinese catalog (beyond names, codes and units)', () => {
    // A Chinese message keeps Latin words only inside placeholders, tags or known tokens.
    const allowed =
      /\b([A-Z]{2,4}|name@example\.com|example\.com|E-mail|URL|KiB|sku|onHand|sold|onOrder|returned)\b/g;
    const english = Object.entries(CATALOGS['zh-CN']).filter(([, message]) => {
      const stripped = literalText(parse(message)).replace(allowed, '');
      return /[A-Za-z]{3,}/.test(stripped);
    });
    expect(english.map(([key]) => key)).toEqual([]);
  });
});
