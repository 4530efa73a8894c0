/**
 * `npm run docs:events`: writes a JSON Schema with an example for every event type the node
 * emits (schemas/events/<type>.schema.json) and the event table of docs/integrations.md, from
 * the event catalogue. `--check` writes nothing and exits 1 when anything is out of date.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { allEventTypes } from '../node/events/event-catalogue.ts';
import { renderEventFiles } from './render-event-schemas.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../schemas/events/', import.meta.url));
const DOC = fileURLToPath(new URL('../docs/integrations.md', import.meta.url));

async function main(check: boolean): Promise<number> {
  const doc = await readFile(DOC, 'utf8');
  const rendered = renderEventFiles(allEventTypes(), doc);
  // Written as `npm run format` would leave them, so the format check and --check agree.
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(rendered.files)) {
    files[name] = await prettier.format(text, { ...options, parser: 'json' });
  }
  const newDoc = await prettier.format(rendered.doc, { ...options, parser: 'markdown' });
  const stale: string[] = [];
  if (newDoc !== doc) stale.push(DOC);
  const existing = new Set(await readdir(SCHEMA_DIR).catch(() => []));
  for (const [name, text] of Object.entries(files)) {
    const now = existing.has(name) ? await readFile(SCHEMA_DIR + name, 'utf8') : '';
    if (now !== text) stale.push(SCHEMA_DIR + name);
  }
  if (check) {
    for (const file of stale) process.stderr.write(`${file} is out of date\n`);
    return stale.length > 0 ? 1 : 0;
  }
  await mkdir(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(SCHEMA_DIR + name, text);
  await writeFile(DOC, newDoc);
  process.stdout.write(`wrote ${Object.keys(files).length} event schemas and ${DOC}\n`);
  return 0;
}

process.exitCode = await main(process.argv.includes('--check'));
