/** What every fuzz run checks besides the answer: the process's prototypes stay clean. */
import { expect } from 'vitest';

const OBJECT_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_NAMES = Object.getOwnPropertyNames(Array.prototype).sort();
const FUNCTION_NAMES = Object.getOwnPropertyNames(Function.prototype).sort();
const OBJECT_TO_STRING = Object.prototype.toString;

/** Fails when anything was added to or replaced on the shared prototypes. */
export function expectPrototypesClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(OBJECT_NAMES);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_NAMES);
  expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(FUNCTION_NAMES);
  expect(Object.prototype.toString).toBe(OBJECT_TO_STRING);
  const probe = {} as Record<string, unknown>;
  for (const key of ['isAdmin', 'polluted', 'status', 'id', 'kind']) {
    expect(probe[key], key).toBeUndefined();
  }
}
