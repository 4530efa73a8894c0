/**
 * The commands the hand-written docs show work: every `partner-sync …` line of docs/operator.md,
 * the README and the examples' READMEs is a command the CLI accepts with those flags, and every
 * `METHOD /api/…` they name is an operation of the admin API (its OpenAPI document describes
 * every route, test/node/admin/openapi.test.ts). docs/cli.md is generated and checked apart.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../node/admin/openapi.ts';
import { parseCommandArgs } from '../../node/cli/parse-args.ts';
import { resolveCommand } from '../../node/cli/resolve.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function docFiles(): Promise<string[]> {
  const files = ['README.md', 'docs/operator.md'];
  for (const dir of await readdir(join(ROOT, 'examples'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const names = await readdir(join(ROOT, 'examples', dir.name));
    if (names.includes('README.md')) files.push(`examples/${dir.name}/README.md`);
  }
  return files;
}

/** Command lines: in code blocks (with `\` continuations joined) and in inline code spans. */
function commandLines(text: string): string[] {
  const lines: string[] = [];
  for (const block of text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      const at = line.indexOf('partner-sync ');
      if (at === 0 || (at > 0 && /^\s*(\$\s*)?$/.test(line.slice(0, at)))) {
        lines.push(line.slice(at));
      }
    }
  }
  // Inline spans in prose; the generated settings table quotes default values, not commands.
  const prose = text
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .filter((line) => !line.startsWith('| `'))
    .join('\n');
  for (const span of prose.matchAll(/`(partner-sync [^`]+)`/g)) lines.push(span[1]!);
  return lines;
}

/** A shell's words, up to a comment or a pipe; placeholders (<x>, …) make a line a template. */
function words(line: string): string[] | null {
  const cut = line.split(/\s+(?:#|\||&&|;)/)[0]!;
  if (/[<…]/.test(cut)) return null;
  return [...cut.matchAll(/"([^"]*)"|'([^']*)'|(\S*\$\([^)]*\)\S*|\S+)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

/** `METHOD /api/path` pairs, even when the line breaks between them. */
function apiCalls(text: string): Array<{ method: string; path: string }> {
  return [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s+(\/api\/[^\s`),"']+)/g)].map((m) => ({
    method: m[1]!.toLowerCase(),
    path: m[2]!.replace(/[.]$/, ''),
  }));
}

function isOperation(method: string, path: string): boolean {
  const local = path.replace(/^\/api/, '').replace(/\?.*$/, '');
  return Object.entries(OPENAPI_DOCUMENT.paths).some(([template, ops]) => {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(local) && Object.hasOwn(ops as object, method);
  });
}

describe('docs › commands', () => {
  it('every partner-sync command line in the docs is accepted by the CLI', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of await docFiles()) {
      const text = await readFile(join(ROOT, file), 'utf8');
      for (const line of commandLines(text)) {
        const argv = words(line)?.slice(1);
        if (!argv || argv.length === 0) continue;
        try {
          const resolved = resolveCommand(argv);
          if (resolved.kind === 'command') parseCommandArgs(resolved.spec, resolved.rest);
          checked++;
        } catch (error) {
          problems.push(`${file}: ${line}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('every admin API call in the docs is an operation of the API', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of await docFiles()) {
      for (const call of apiCalls(await readFile(join(ROOT, file), 'utf8'))) {
        checked++;
        if (!isOperation(call.method, call.path)) {
          problems.push(`${file}: ${call.method.toUpperCase()} ${call.path}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
});
