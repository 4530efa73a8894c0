/**
 * docs/cli.md and the configuration table of docs/operator.md are generated from the code's own
 * tables (scripts/render-docs.ts); these tests fail when either is stale or a command has no
 * example, and say what to do about it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../node/cli/commands.ts';
import { parseCommandArgs } from '../../node/cli/parse-args.ts';
import { SETTINGS } from '../../node/config/defaults.ts';
import {
  commandsWithoutExample,
  renderCliDoc,
  renderSettingsTable,
  withSettingsTable,
} from '../../scripts/render-docs.ts';

const read = (file: string) =>
  readFile(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');

/** Splits an example command line as a shell would: spaces, and "double quotes" around words. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('docs', () => {
  it('every CLI command has an example', () => {
    expect(
      commandsWithoutExample(COMMANDS),
      'These commands need an `example` in their CommandSpec (one typical command line, without ' +
        '"partner-sync"); then run: npm run docs:cli',
    ).toEqual([]);
  });

  it('every example is a valid command line for its command', () => {
    for (const spec of COMMANDS) {
      if (!spec.example) continue;
      const argv = words(spec.example);
      const name = spec.name.split(' ');
      expect(argv.slice(0, name.length), `example of ${spec.name}`).toEqual(name);
      expect(() => parseCommandArgs(spec, argv.slice(name.length)), spec.example).not.toThrow();
    }
  });

  it('docs/cli.md is current (else run: npm run docs:cli)', async () => {
    expect(await read('docs/cli.md'), 'docs/cli.md is out of date: run npm run docs:cli').toBe(
      renderCliDoc(COMMANDS),
    );
  });

  it("docs/operator.md's configuration table lists every setting (else run: npm run docs:cli)", async () => {
    const doc = await read('docs/operator.md');
    const expected = withSettingsTable(doc, renderSettingsTable(SETTINGS));
    expect(expected, 'docs/operator.md has lost its settings-table markers').toBeDefined();
    expect(doc, 'docs/operator.md is out of date: run npm run docs:cli').toBe(expected);
    for (const s of SETTINGS) expect(doc).toContain(`| \`${s.key}\` | \`${s.env}\` |`);
  });

  it('the README links the operator guide, the CLI reference and the examples', async () => {
    const readme = await read('README.md');
    for (const link of ['docs/operator.md', 'docs/cli.md', 'examples/two-nodes']) {
      expect(readme).toContain(`(${link}`);
    }
  });
});
