/**
 * Admin input for lists and versions, read through the schemas of catalog-schemas.ts before
 * anything is written: each failure is a 400 `invalid_field` naming the field
 * (`lines[3].listPrice`). The CLI gathers its flags into the same shapes and reads them here.
 * What a shape cannot say is checked here: what an accounting entry's type needs, and that a
 * push names exactly one target.
 */
import { z } from 'zod';
import { invalidField } from '../domain-kernel/input-fields.ts';
import { parseInput } from '../input/parse-input.ts';
import { entryProblem } from './accounting-entries.ts';
import {
  LINE_RULES,
  LINES,
  MAX_INPUT_LINES,
  NEW_LISTS,
  NEW_VERSIONS,
  PushRequest,
} from './catalog-schemas.ts';
import type { ListKindSpec, WireLine } from './list-kinds.ts';
import type { NewList, NewVersion } from './owner-lists.ts';
import type { PushTarget } from './push.ts';

export { MAX_INPUT_LINES };

/** The fields a line of `spec`'s kind may carry (a bulk import names the others it finds). */
export function lineFields(spec: ListKindSpec): readonly string[] {
  return Object.keys(LINE_RULES[spec.kind]);
}

/** Lines of `spec`'s kind; an accounting entry must carry what its type needs. */
export function parseLines(spec: ListKindSpec, value: unknown, field: string): WireLine[] {
  const lines = parseInput(
    z
      .array(LINES[spec.kind], { error: `must be a list of at most ${MAX_INPUT_LINES} lines` })
      .max(MAX_INPUT_LINES, { error: `must be a list of at most ${MAX_INPUT_LINES} lines` }),
    value,
    field,
  ) as WireLine[];
  checkEntries(spec, lines, field);
  return lines;
}

function checkEntries(spec: ListKindSpec, lines: readonly WireLine[], field: string): void {
  if (spec.kind !== 'accounting') return;
  lines.forEach((line, i) => {
    const problem = entryProblem(line);
    if (problem) throw invalidField(`${field}[${i}]`, `${field}[${i}]: ${problem}`);
  });
}

export function parseNewList(spec: ListKindSpec, body: unknown): NewList {
  const input = parseInput(NEW_LISTS[spec.kind], body);
  return {
    listId: input.id,
    name: input.name,
    currency: 'currency' in input ? (input.currency as string) : null,
  };
}

export function parseNewVersion(spec: ListKindSpec, body: unknown): NewVersion {
  const input = parseInput(NEW_VERSIONS[spec.kind], body) as Record<string, unknown>;
  const lines = (input[spec.linesField] ?? []) as WireLine[];
  checkEntries(spec, lines, spec.linesField);
  const version: NewVersion = { lines };
  for (const key of [
    'version',
    'baseVersion',
    'name',
    'removed',
    'currency',
    'validFrom',
  ] as const) {
    if (input[key] !== undefined) Object.assign(version, { [key]: input[key] });
  }
  if (typeof input.validTo === 'string') version.validTo = input.validTo;
  return version;
}

/** `{ partners: [refs] }`, `{ partnerType }` or `{ all: true }`, plus an optional version. */
export async function parsePushInput(
  body: unknown,
  resolve: (ref: unknown, field: string) => number | Promise<number>,
): Promise<{ target: PushTarget; version?: number }> {
  const input = parseInput(PushRequest, body);
  const given = (['partners', 'partnerType', 'all'] as const).filter((f) => input[f] !== undefined);
  if (given.length !== 1) {
    throw invalidField(given[1] ?? 'partners', 'give exactly one of partners, partnerType, all');
  }
  const withVersion = <T extends PushTarget>(target: T) =>
    input.version === undefined ? { target } : { target, version: input.version };
  if (input.all) return withVersion({ all: true });
  if (input.partnerType !== undefined) return withVersion({ partnerType: input.partnerType });
  const ids: number[] = [];
  for (const ref of input.partners!) ids.push(await resolve(ref, 'partners'));
  return withVersion({ partnerIds: [...new Set(ids)] });
}
