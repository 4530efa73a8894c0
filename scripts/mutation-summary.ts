/**
 * Per-file mutation scores from Stryker JSON reports (`npm run mutation` writes them under
 * reports/mutation/): `tsx scripts/mutation-summary.ts reports/mutation/protocol.json [...]`.
 * The score is Stryker's: killed and timed-out mutants over all valid ones (survived and
 * not-covered included; ignored, static and non-compiling ones left out). `--survivors` also lists
 * each surviving mutant as file:line:column, mutator and replacement.
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  id: string;
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

const args = process.argv.slice(2);
const survivors = args.includes('--survivors');
const files = new Map<string, Mutant[]>();
for (const path of args.filter((a) => !a.startsWith('--'))) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    files: Record<string, { mutants: Mutant[] }>;
  };
  for (const [file, { mutants }] of Object.entries(report.files)) files.set(file, mutants);
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows: string[] = [
  '| file | killed | survived | no coverage | score |',
  '|---|---|---|---|---|',
];
let totalDetected = 0;
let totalValid = 0;
for (const [file, mutants] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const count = (status: string) => mutants.filter((m) => m.status === status).length;
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
  totalDetected += detected;
  totalValid += valid;
  const score = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)} %`;
  rows.push(`| ${file} | ${detected} | ${count('Survived')} | ${count('NoCoverage')} | ${score} |`);
}
rows.push(
  `| **total** | ${totalDetected} | | | ${((100 * totalDetected) / Math.max(totalValid, 1)).toFixed(1)} % |`,
);
console.log(rows.join('\n'));

if (survivors) {
  for (const [file, mutants] of files) {
    for (const m of mutants) {
      if (!UNDETECTED.has(m.status)) continue;
      const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
      console.log(`${m.status} ${at} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')}`);
    }
  }
}
