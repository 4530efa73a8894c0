/**
 * Free text on the wire carries no control characters but newline and tab (PROTOCOL.md section 2,
 * issue 14 finding 9): ESC would let a partner clear an operator's screen, fake output, set the
 * window title or write the clipboard (OSC 52) when a CLI prints the text. Every string of every
 * example body is tried with each hostile insertion; ids and codes keep their own, stricter rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/messages/', import.meta.url));
const registry = getDefaultSchemaRegistry();

/** C0 controls (other than newline and tab) refused in every string field. */
const C0_ATTACKS = [
  '\u001b[2J\u001b[H', // clear the screen
  '\u001b]0;owned\u0007', // window title
  '\u001b]52;c;ZXZpbA==\u0007', // OSC 52 clipboard write
  'fake\rline', // carriage return overwrites what was printed
  '\u0000',
  '\u007f',
];
/** C1 controls (8-bit CSI, OSC, NEL) refused in text fields. */
const C1_ATTACKS = ['\u009b2J', '\u009d0;owned\u009c', '\u0085'];

/** Ids and codes: each has its own pattern, unchanged by the text rule. */
const ID_LIKE = /^(id|token|product|products|basedOn)$|Id$/;

interface Leaf {
  kind: string;
  path: (string | number)[];
}

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`${EXAMPLES}${f}`, 'utf8')) as { kind: string; body: any });

function leaves(): Leaf[] {
  const out: Leaf[] = [];
  for (const { kind, body } of examples) {
    const walk = (v: unknown, path: (string | number)[]) => {
      if (typeof v === 'string') out.push({ kind, path });
      else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
        }
      }
    };
    walk(body, []);
  }
  return out;
}

function withText(leaf: Leaf, change: (s: string) => string): unknown {
  const body = structuredClone(examples.find((e) => e.kind === leaf.kind)!.body);
  let parent = body;
  for (const p of leaf.path.slice(0, -1)) parent = parent[p];
  const last = leaf.path.at(-1)!;
  parent[last] = change(parent[last] as string);
  return body;
}

const nameOf = (leaf: Leaf) => `${leaf.kind} /${leaf.path.join('/')}`;
const fieldName = (leaf: Leaf) => String(leaf.path.filter((p) => typeof p === 'string').at(-1));

describe('schemas › control characters in text', () => {
  const all = leaves();

  it('has string fields to check in every example', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('refuses ESC, CR, BEL, NUL and DEL in every string field of every kind', () => {
    const accepted: string[] = [];
    for (const leaf of all) {
      // The invitation token is opaque and never shown; it only has to match a stored hash.
      if (leaf.kind === 'partner.connect' && fieldName(leaf) === 'token') continue;
      for (const attack of C0_ATTACKS) {
        const check = registry.validateBody(
          leaf.kind,
          withText(leaf, (s) => s + attack),
        );
        if (check.ok) accepted.push(`${nameOf(leaf)} ${JSON.stringify(attack)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('refuses C1 controls in every text field (ids and codes keep their own rule)', () => {
    const accepted: string[] = [];
    for (const leaf of all.filter((l) => !ID_LIKE.test(fieldName(l)))) {
      for (const attack of C1_ATTACKS) {
        const check = registry.validateBody(
          leaf.kind,
          withText(leaf, (s) => s + attack),
        );
        if (check.ok) accepted.push(`${nameOf(leaf)} ${JSON.stringify(attack)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('keeps newline and tab in free text, and any other character', () => {
    const notes = all.find((l) => l.kind === 'deal.register' && fieldName(l) === 'notes')!;
    expect(notes).toBeDefined();
    for (const text of ['line one\nline two', 'a\tb', 'Größe 10 – 20 €, 東京 ✓']) {
      expect(
        registry.validateBody(
          'deal.register',
          withText(notes, () => text),
        ),
      ).toMatchObject({
        ok: true,
      });
    }
  });
});
