/**
 * A console form checked against the admin operation's declared zod schema before the API is
 * called: every issue becomes a field error in the API's own words and code, so the page comes
 * back with all of them at once and the person's input kept.
 */
import type { z } from 'zod';
import { fieldOfIssue, inputError } from '../../input/parse-input.ts';
import type { FormError } from '../../portal/web/components.tsx';

/**
 * The form errors of a failed parse. `fieldOf` turns the schema's field (`approvedAmount`) into
 * the form field's name when they differ; `fallback` takes an issue about the body as a whole.
 */
export function zodFormErrors(
  error: z.ZodError,
  fallback: string,
  fieldOf: (field: string) => string = (f) => f,
): FormError[] {
  return error.issues.map((issue) => {
    const refusal = inputError({ issues: [issue] } as unknown as z.ZodError);
    const field = fieldOfIssue(issue);
    return {
      field: field === 'body' ? fallback : fieldOf(field),
      message: `${refusal.message} (code: ${refusal.code})`,
    };
  });
}
