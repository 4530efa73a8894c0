/**
 * `npm run docs:cli`: writes docs/cli.md and the configuration table in docs/operator.md from
 * the code's own tables. `--check` writes nothing and exits 1 when either is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../node/cli/commands.ts';
import { SETTINGS } from '../node/config/defaults.ts';
import {
  commandsWithoutExample,
  renderCliDoc,
  renderSettingsTable,
  withSettingsTable,
} from './render-docs.ts';

export const CLI_DOC = fileURLToPath(new URL('../docs/cli.md', import.meta.url));
export const OPERATOR_DOC = fileURLToPath(new URL('../docs/operator.md', import.meta.url));

async function main(check: boolean): Promise<number> {
  const cli = renderCliDoc(COMMANDS);
  const operatorNow = await readFile(OPERATOR_DOC, 'utf8');
  const operator = withSettingsTable(operatorNow, renderSettingsTable(SETTINGS));
  if (operator === undefined) {
    process.stderr.write(`${OPERATOR_DOC} has lost its settings-table markers\n`);
    return 1;
  }
  const missing = commandsWithoutExample(COMMANDS);
  if (missing.length > 0) {
    process.stderr.write(`commands without an example: ${missing.join(', ')}\n`);
  }
  const cliNow = await readFile(CLI_DOC, 'utf8').catch(() => '');
  if (check) {
    const stale = [cli !== cliNow ? CLI_DOC : null, operator !== operatorNow ? OPERATOR_DOC : null];
    for (const file of stale) if (file) process.stderr.write(`${file} is out of date\n`);
    return stale.some((f) => f !== null) ? 1 : 0;
  }
  await writeFile(CLI_DOC, cli);
  await writeFile(OPERATOR_DOC, operator);
  process.stdout.write(`wrote ${CLI_DOC} (${COMMANDS.length} commands) and ${OPERATOR_DOC}\n`);
  return 0;
}

process.exitCode = await main(process.argv.includes('--check'));
