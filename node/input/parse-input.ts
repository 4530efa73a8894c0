/**
 * Operator input (an admin API body or query, CLI flags turned into one, a portal form) is read
 * through zod schemas declared in the domains. A failure is a 400 `invalid_field` naming the
 * first offending field the way an operator writes it (`contact.email`, an item of a list as the
 * list), so an error reads the same whichever way the input came in.
 */
import type { z } from 'zod';
import { AppError, badRequest } from '../errors.ts';

type Issue = z.core.$ZodIssue;

/**
 * `['contact', 'email']` → `contact.email`; `['lines', 0, 'qty']` → `lines[0].qty` (a field of a
 * list item names the item); a plain item of a list is named by the list (`['products', 3]` →
 * `products`).
 */
export function fieldOfPath(path: ReadonlyArray<PropertyKey>): string {
  let field = '';
  path.forEach((p, i) => {
    if (typeof p === 'number') {
      if (typeof path[i + 1] === 'string') field += `[${p}]`;
    } else field += field === '' ? String(p) : `.${String(p)}`;
  });
  return field || 'body';
}

/** The field an issue is about: an unknown key is named itself, not its parent object. */
export function fieldOfIssue(issue: Issue, at: readonly string[] = []): string {
  if (issue.code === 'unrecognized_keys') {
    return fieldOfPath([...at, ...issue.path, issue.keys[0]!]);
  }
  return fieldOfPath([...at, ...issue.path]);
}

/** The refusal for the first issue: 400 invalid_field with the field and a readable message. */
export function inputError(
  error: z.ZodError,
  what: 'field' | 'query parameter' = 'field',
  at: readonly string[] = [],
): AppError {
  const issue = error.issues[0]!;
  const field = fieldOfIssue(issue, at);
  if (issue.code === 'unrecognized_keys') {
    return badRequest('invalid_field', `unknown ${what} ${field}`, field);
  }
  return badRequest('invalid_field', messageOf(field, issue), field);
}

/** Worded like the rest of the API: "currency is required", "limit must be an integer …". */
function messageOf(field: string, issue: Issue): string {
  if (issue.code === 'custom' && issue.params?.sentence === true) return issue.message;
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return `${field} is required`;
  }
  if (/^(must|may) /.test(issue.message)) return `${field} ${issue.message}`;
  return `${field}: ${issue.message}`;
}

/**
 * Parses input with a schema or throws the 400 of its first issue; `at` names the input when it
 * is one field of a larger whole (a form's part), so the refusal names it.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  at?: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw inputError(result.error, 'field', at === undefined ? [] : [at]);
  return result.data;
}
