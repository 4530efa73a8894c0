/** The page around a form that creates a record: back link, heading, problem summary, CSRF. */
import type { Child, FC } from 'hono/jsx';
import { ErrorSummary, Notice, type FormErrors } from './components.tsx';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';

export const NewRecordPage: FC<{
  ctx: PageCtx;
  title: string;
  /** Portal path of the list the record joins; the form posts there too. */
  listPath: string;
  listLabel: string;
  submit: string;
  /** Every field to correct, shown at the top and beside each field. */
  error?: FormErrors;
  /** The vendor's node refused what the form sent (its stable code): nothing was made. */
  refused?: string | undefined;
  children?: Child;
}> = ({ ctx, title, listPath, listLabel, submit, error, refused, children }) => (
  <Layout ctx={ctx} title={title}>
    <p>
      <a href={href(ctx, listPath)}>{listLabel}</a>
    </p>
    <h1>{title}</h1>
    <Notice error={refused} />
    <ErrorSummary error={error} />
    <form method="post" action={href(ctx, listPath)} novalidate>
      <CsrfInput ctx={ctx} />
      {children}
      <button type="submit">{submit}</button>
    </form>
  </Layout>
);
