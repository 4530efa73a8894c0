/**
 * Inside a Stryker run (`npm run mutation`) every statement is instrumented and runs several times
 * slower, so a wall-clock bound fails for reasons that are not the mutant. Tests keep their time
 * bounds in `npm test` and drop only those under mutation; what they check otherwise stays.
 */
export const UNDER_MUTATION = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** `ms`, or no bound at all in a mutation run. */
export function timeBudget(ms: number): number {
  return UNDER_MUTATION ? Number.POSITIVE_INFINITY : ms;
}
