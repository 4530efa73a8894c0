/** Form parts and notices shared by the portal's pages, each labelled and keyboard-usable. */
import type { Child, FC } from 'hono/jsx';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';

/** A field the person must correct, named by the form's own field name. */
export interface FormError {
  field: string;
  message: string;
}

/** What a form was sent back with: every field to correct (one error or a list). */
export type FormErrors = FormError | readonly FormError[] | null | undefined;

export const formErrorList = (errors: FormErrors): readonly FormError[] =>
  errors ? (Array.isArray(errors) ? errors : [errors as FormError]) : [];

/** The error of one field, if it has one. */
export const errorOf = (errors: FormErrors, name: string): FormError | undefined =>
  formErrorList(errors).find((e) => e.field === name);

const fieldId = (name: string) => `f-${name}`;

interface FieldProps {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string;
  /** The form's errors; the field shows its own. */
  error?: FormErrors;
  required?: boolean;
}

/** `aria-describedby` for a field's hint and error, when it has them. */
function describedBy(p: FieldProps): string | undefined {
  const ids = [
    p.hint && `${fieldId(p.name)}-hint`,
    errorOf(p.error, p.name) && `${fieldId(p.name)}-error`,
  ];
  const joined = ids.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

const FieldNotes: FC<FieldProps> = (p) => (
  <>
    {p.hint && (
      <p class="hint" id={`${fieldId(p.name)}-hint`}>
        {p.hint}
      </p>
    )}
    {errorOf(p.error, p.name) && (
      <p class="field-error" id={`${fieldId(p.name)}-error`}>
        <span class="visually-hidden">{t('form.errorPrefix')}</span>
        {errorOf(p.error, p.name)!.message}
      </p>
    )}
  </>
);

export const TextField: FC<
  FieldProps & {
    type?: string;
    maxlength?: number;
    inputmode?: string;
    autocomplete?: string;
    /** Values the browser offers while typing (a datalist): any other value may be typed. */
    suggestions?: ReadonlyArray<readonly [value: string, label: string]>;
  }
> = (p) => (
  <div class={errorOf(p.error, p.name) ? 'field invalid' : 'field'}>
    <label for={fieldId(p.name)}>
      {p.label}
      {!p.required && <span class="optional">{t('form.optional')}</span>}
    </label>
    <FieldNotes {...p} />
    <input
      id={fieldId(p.name)}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value ?? ''}
      required={p.required}
      maxlength={p.maxlength}
      inputmode={p.inputmode as 'text' | undefined}
      autocomplete={p.autocomplete}
      list={p.suggestions ? `${fieldId(p.name)}-suggestions` : undefined}
      aria-invalid={errorOf(p.error, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    />
    {p.suggestions && (
      <datalist id={`${fieldId(p.name)}-suggestions`}>
        {p.suggestions.map(([value, label]) => (
          <option value={value} label={label} />
        ))}
      </datalist>
    )}
  </div>
);

export const TextArea: FC<FieldProps & { maxlength?: number; rows?: number }> = (p) => (
  <div class={errorOf(p.error, p.name) ? 'field invalid' : 'field'}>
    <label for={fieldId(p.name)}>
      {p.label}
      {!p.required && <span class="optional">{t('form.optional')}</span>}
    </label>
    <FieldNotes {...p} />
    <textarea
      id={fieldId(p.name)}
      name={p.name}
      rows={p.rows ?? 4}
      required={p.required}
      maxlength={p.maxlength}
      aria-invalid={errorOf(p.error, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    >
      {p.value ?? ''}
    </textarea>
  </div>
);

export const SelectField: FC<FieldProps & { options: ReadonlyArray<readonly [string, string]> }> = (
  p,
) => (
  <div class={errorOf(p.error, p.name) ? 'field invalid' : 'field'}>
    <label for={fieldId(p.name)}>
      {p.label}
      {!p.required && <span class="optional">{t('form.optional')}</span>}
    </label>
    <FieldNotes {...p} />
    <select
      id={fieldId(p.name)}
      name={p.name}
      required={p.required}
      aria-invalid={errorOf(p.error, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    >
      {p.options.map(([value, label]) => (
        <option value={value} selected={value === (p.value ?? '')}>
          {label}
        </option>
      ))}
    </select>
  </div>
);

/** Shown above a form that was sent back: every problem, each linked to its field. */
export const ErrorSummary: FC<{ error: FormErrors }> = ({ error }) => {
  const errors = formErrorList(error);
  if (errors.length === 0) return null;
  return (
    // Focused when the page opens (no script needed), so that keyboard and screen-reader users
    // start at the list of problems.
    <div class="notice error" role="alert" tabindex={-1} autofocus>
      <h2>{t('form.problems', { count: errors.length })}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

/** What a redirect after a form says (`?done=` / `?error=`), from fixed texts only. */
export const Notice: FC<{ done?: string | undefined; error?: string | undefined }> = ({
  done,
  error,
}) => (
  <>
    {done && DONE[done] && (
      <div class="notice done" role="status">
        <p>{t(DONE[done])}</p>
      </div>
    )}
    {error && (
      <div class="notice error" role="alert">
        <p>{t(REFUSED[error] ?? REFUSED.other!)}</p>
        {/* The stable code, for support; only a code's shape, as it comes from the query. */}
        {/^[a-z][a-z_]{1,40}$/.test(error) && (
          <p class="error-code">
            {useTranslator().rich('error.code', {
              code: error,
              c: (chunks: unknown) => <code>{chunks}</code>,
            })}
          </p>
        )}
      </div>
    )}
  </>
);

/** The notices of `?done=`, by stable code → catalog key. */
export const DONE: Record<string, MessageKey> = {
  accepted: 'done.accepted',
  declined: 'done.declined',
  progress: 'done.progress',
  registered: 'done.registered',
  amended: 'done.amended',
  opened: 'done.opened',
  updated: 'done.updated',
  filed: 'done.filed',
  withdrawn: 'done.withdrawn',
  revised: 'done.revised',
  amended_claim: 'done.amended_claim',
};

/**
 * Why the vendor's node refused an action (`?error=`); the codes are the protocol's and the
 * portal's own, each shown through the catalog's `refusal.<code>`.
 */
export const REFUSED: Record<string, MessageKey> = {
  offer_expired: 'refusal.offer_expired',
  lead_closed: 'refusal.lead_closed',
  not_accepted: 'refusal.not_accepted',
  already_accepted: 'refusal.already_accepted',
  deal_closed: 'refusal.deal_closed',
  request_withdrawn: 'refusal.request_withdrawn',
  withdrawn: 'refusal.withdrawn',
  claim_decided: 'refusal.claim_decided',
  not_owner: 'refusal.not_owner',
  nothing_to_send: 'refusal.nothing_to_send',
  conflict: 'refusal.conflict',
  forbidden: 'refusal.forbidden',
  unknown_partner: 'refusal.unknown_partner',
  invalid_body: 'refusal.invalid_body',
  service_not_offered: 'refusal.service_not_offered',
  unknown_code: 'refusal.unknown_code',
  other: 'refusal.other',
};

export const Status: FC<{ value: string; children?: Child }> = ({ value, children }) => (
  <span class={`status status-${value}`}>{children ?? useTranslator().code('status', value)}</span>
);

/** One link of a site's main navigation. */
export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

/** The main navigation of the portal and the console: a wrapping list, the current page marked. */
export const NavList: FC<{ items: readonly NavItem[]; label?: string }> = ({
  items,
  label = 'Main',
}) => (
  <nav aria-label={label}>
    <ul>
      {items.map((n) => (
        <li>
          <a href={n.href} aria-current={n.current ? 'page' : undefined}>
            {n.label}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

/** The link to a list's next page (keyset: the last row's cursor), when there is one. */
export const NextPage: FC<{ href: string | null; label?: string }> = ({ href, label }) =>
  href === null ? null : (
    <p class="pager">
      <a href={href} rel="next">
        {label ?? 'Next page'}
      </a>
    </p>
  );
