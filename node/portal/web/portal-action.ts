/**
 * What the routes share when a person acts: send the message as the signed-in partner and come
 * back to the page with what happened (`?done=` or `?error=` with a code the page turns into fixed
 * words), and read a form's input errors into the fields to mark, all of them at once.
 */
import type { Context } from 'hono';
import { AppError } from '../../errors.ts';
import { t, useTranslator, type MessageKey, type MessageValues } from '../../i18n/index.ts';
import { actAsPartner, type ActDeps, type PortalMessage } from '../act-as-partner.ts';
import { REFUSED, type FormError } from './components.tsx';
import type { FormValues, PortalEnv } from './portal-env.ts';

export function backTo(
  c: Context<PortalEnv>,
  path: string,
  outcome: { done?: string; error?: string },
) {
  const query = outcome.done
    ? `done=${outcome.done}`
    : `error=${encodeURIComponent(outcome.error ?? 'other')}`;
  return c.redirect(`${c.var.site.base}${path}?${query}`, 303);
}

/**
 * The code a refused action is shown by: the finer stable code a refusal's detail starts with
 * (`service_not_offered: …` under `forbidden`), when the portal has words for it, else the
 * protocol's code.
 */
export function refusalCodeOf(result: { code?: string; message?: string }): string {
  const finer = /^([a-z][a-z_]{2,40}):/.exec(result.message ?? '')?.[1];
  return finer && finer in REFUSED ? finer : (result.code ?? 'other');
}

export async function actAndReturn(
  deps: ActDeps,
  c: Context<PortalEnv>,
  message: PortalMessage,
  to: {
    path: string;
    done: string;
    /** A new record the node refused does not exist: the form again, with why, instead. */
    refused?: (code: string) => Response | Promise<Response>;
  },
): Promise<Response> {
  const result = await actAsPartner(deps, c.var.viewer.partner.id, message);
  if (result.status === 'rejected') {
    const code = refusalCodeOf(result);
    deps.log.info(
      {
        category: 'portal',
        partnerId: c.var.viewer.partner.id,
        kind: message.kind,
        code: result.code,
      },
      'portal action refused',
    );
    if (to.refused) return to.refused(code);
    return backTo(c, to.path, { error: code });
  }
  return backTo(c, to.path, { done: to.done });
}

/**
 * A 400 from the input parsers as the field to mark: `names` maps the parser's field name to the
 * form's, and `labels` the form's name to the words on the page. Anything else is rethrown.
 */
export function formErrorOf(
  error: unknown,
  names: Record<string, string>,
  labels: Record<string, string>,
): FormError {
  if (!(error instanceof AppError) || error.status !== 400) throw error;
  const apiField = error.field ?? '';
  const field = names[apiField] ?? apiField;
  const label = labels[field];
  if (useTranslator().locale !== 'en') return { field, message: translatedProblem(error, label) };
  const message = label && apiField ? error.message.replaceAll(apiField, label) : error.message;
  return { field, message: message.charAt(0).toUpperCase() + message.slice(1) };
}

/**
 * The input parsers (shared with the admin API, which stays English) say what is wrong in
 * English; on other pages each kind of problem they report has its own catalog message. The
 * kinds are recognised by the parsers' fixed wording; anything else reads "not valid".
 */
const PROBLEMS: ReadonlyArray<[RegExp, MessageKey, (m: RegExpMatchArray) => MessageValues]> = [
  [/ is required/, 'form.required', () => ({})],
  [/must be a decimal string/, 'form.decimal', () => ({})],
  [/must be a date such as/, 'form.date', () => ({})],
  [/must be an RFC 3339 UTC time/, 'form.time', () => ({})],
  [/ISO 4217/, 'form.currency', () => ({})],
  [/ISO 3166/, 'form.country', () => ({})],
  [/must be a text of 1 to (\d+) characters/, 'form.textLength', (m) => ({ max: m[1] })],
  [/must be a single line/, 'form.singleLine', () => ({})],
  [/must be one of/, 'form.oneOf', () => ({})],
  [/must be more than (0|zero)/, 'form.positive', () => ({})],
  [/whole number from (\d+) to (\d+)/, 'form.wholeNumber', (m) => ({ min: m[1], max: m[2] })],
  [/must be a SKU/, 'form.sku', () => ({})],
  [/ is before /, 'form.dateOrder', () => ({})],
  [/must not be in the future/, 'form.future', () => ({})],
  [/must be a list of 1 to (\d+)/, 'form.listLength', (m) => ({ max: m[1] })],
];

function translatedProblem(error: AppError, label: string | undefined): string {
  const name = label ?? error.field ?? '';
  for (const [pattern, key, values] of PROBLEMS) {
    const m = error.message.match(pattern);
    if (m) return t(key, { label: name, ...values(m) });
  }
  return t('form.invalid', { label: name });
}

/** A form's labels (field name → catalog key) in the request's language, for its errors. */
export function labelsIn(keys: Record<string, MessageKey>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, t(key)]));
}

/** A form value, or undefined when the field was left empty. */
export const given = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
};

export type CheckedForm<T> = { ok: true; value: T } | { ok: false; errors: FormError[] };

/**
 * Reads a form with the domain's own parser and reports every field's problem at once, not just
 * the first. The parsers stop at the first bad field, so each field is first judged on its own:
 * the submitted value among `sample` values known to pass for the others. Only then is the whole
 * form parsed, for the rules that join fields (e.g. a failure date before the purchase date).
 * `parse` takes the form's own values; its 400s are mapped with `names` and `labels` as in
 * `formErrorOf`, and anything else is rethrown.
 */
export function checkForm<T>(
  form: FormValues,
  spec: {
    sample: FormValues;
    parse: (values: FormValues) => T;
    names?: Record<string, string>;
    labels: Record<string, string>;
  },
): CheckedForm<T> {
  const { sample, parse, names = {}, labels } = spec;
  const errors: FormError[] = [];
  for (const field of Object.keys(sample)) {
    try {
      parse({ ...sample, [field]: form[field] ?? '' });
    } catch (error) {
      const e = formErrorOf(error, names, labels);
      // A problem the sample caused in another field is not this field's.
      if (e.field !== field) continue;
      // An empty field is simply missing, whatever rule the parser found broken.
      const empty = (form[field] ?? '').trim() === '';
      errors.push(
        empty ? { field, message: t('form.requiredField', { label: labels[field] ?? field }) } : e,
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  try {
    return { ok: true, value: parse(form) };
  } catch (error) {
    return { ok: false, errors: [formErrorOf(error, names, labels)] };
  }
}
