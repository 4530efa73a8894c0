/**
 * Operator input (an admin API body or query, CLI flags turned into one, a portal form) is read
 * through zod schemas declared in the domains. A failure is a 400 `invalid_field` naming the
 * first offending field the way an operator writes it (`contact.email`, an item of a list as the
 * list), so an error reads the same whichever way the input came in.
 */
import type { z } from 'zod';
import { AppError, badRequest } from '../errors.ts';

type Issue = z.core.$ZodIssue;

/** `['contact', 'email']` → `contact.email`; list indexes are dropped (the list is named). */
export function fieldOfPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path
      .filter((p) => typeof p === 'string')
      .map(String)
      .join('.') || 'body'
  );
}

/** The field an issue is about: an unknown key is named itself, not its parent object. */
export function fieldOfIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return fieldOfPath([...issue.path, issue.keys[0]!]);
  return fieldOfPath(issue.path);
}

/** The refusal for the first issue: 400 invalid_field with the field and a readable message. */
export function inputError(
  error: z.ZodError,
  what: 'field' | 'query parameter' = 'field',
): AppError {
  const issue = error.issues[0]!;
  const field = fieldOfIssue(issue);
  if (issue.code === 'unrecognized_keys') {
    return badRequest('invalid_field', `unknown ${what} ${field}`, field);
  }
  return badRequest('invalid_field', messageOf(field, issue), field);
}

/** Worded like the rest of the API: "currency is required", "limit must be an integer …". */
function messageOf(field: string, issue: Issue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return `${field} is required`;
  }
  if (/^(must|may) /.test(issue.message)) return `${field} ${issue.message}`;
  return `${field}: ${issue.message}`;
}

/** Parses input with a schema or throws the 400 of its first issue. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw inputError(result.error);
  return result.data;
}
