/**
 * Module loader hooks for the memory tests' child processes (`module.register`): appends the URL
 * of every module the process loads to the file given as `data.log`, one a line.
 */
import { appendFileSync } from 'node:fs';

let log = '';

export function initialize(data) {
  log = data.log;
}

export async function load(url, context, nextLoad) {
  appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
