/** Form parts and notices shared by the portal's pages, each labelled and keyboard-usable. */
import type { Child, FC } from 'hono/jsx';

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
        <span class="visually-hidden">Error: </span>
        {errorOf(p.error, p.name)!.message}
      </p>
    )}
  </>
);

export const TextField: FC<
  FieldProps & { type?: string; maxlength?: number; inputmode?: string; autocomplete?: string }
> = (p) => (
  <div class={errorOf(p.error, p.name) ? 'field invalid' : 'field'}>
    <label for={fieldId(p.name)}>
      {p.label}
      {!p.required && <span class="optional"> (optional)</span>}
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
      aria-invalid={errorOf(p.error, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    />
  </div>
);

export const TextArea: FC<FieldProps & { maxlength?: number; rows?: number }> = (p) => (
  <div class={errorOf(p.error, p.name) ? 'field invalid' : 'field'}>
    <label for={fieldId(p.name)}>
      {p.label}
      {!p.required && <span class="optional"> (optional)</span>}
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
      {!p.required && <span class="optional"> (optional)</span>}
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
      <h2>{errors.length === 1 ? 'There is a problem' : `There are ${errors.length} problems`}</h2>
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
        <p>{DONE[done]}</p>
      </div>
    )}
    {error && (
      <div class="notice error" role="alert">
        <p>{REFUSED[error] ?? REFUSED.other}</p>
      </div>
    )}
  </>
);

export const DONE: Record<string, string> = {
  accepted: 'You accepted the lead. The vendor has been told.',
  declined: 'You declined the lead. The vendor has been told.',
  progress: 'Your progress report was sent to the vendor.',
  registered: 'Your deal registration was sent to the vendor.',
  amended: 'Your amended registration was sent to the vendor.',
  opened: 'Your service request was sent to the vendor.',
  updated: 'Your update was sent to the vendor.',
  filed: 'Your warranty claim was sent to the vendor.',
  withdrawn: 'You withdrew it. The vendor has been told.',
  revised: 'Your changed request was sent to the vendor.',
  amended_claim: 'The new version of your claim was sent to the vendor.',
};

/** Why the vendor's node refused an action; the codes are the protocol's and the portal's own. */
export const REFUSED: Record<string, string> = {
  offer_expired: 'The offer has expired; it can no longer be accepted.',
  lead_closed: 'This lead is closed; it can no longer be answered.',
  not_accepted: 'Accept the lead before reporting progress.',
  already_accepted: 'You accepted this lead; to close it, report progress "lost".',
  deal_closed: 'This registration has been decided and can no longer change.',
  request_withdrawn: 'This request was withdrawn.',
  withdrawn: 'This was withdrawn already.',
  claim_decided: 'The vendor has decided on this claim; it can no longer change.',
  not_owner: 'Only the side that opened it may change or withdraw it.',
  nothing_to_send: 'Choose a status or write a comment.',
  conflict: 'The vendor’s records do not allow this any more. Reload the page to see why.',
  forbidden: 'This action is not allowed for your company.',
  unknown_partner: 'Your company’s access is suspended. Please contact the vendor.',
  other: 'The action could not be completed. Please try again.',
};

export const Status: FC<{ value: string; children?: Child }> = ({ value, children }) => (
  <span class={`status status-${value}`}>{children ?? value.replaceAll('_', ' ')}</span>
);

/** One link of a site's main navigation. */
export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

/** The main navigation of the portal and the console: a wrapping list, the current page marked. */
export const NavList: FC<{ items: readonly NavItem[] }> = ({ items }) => (
  <nav aria-label="Main">
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
