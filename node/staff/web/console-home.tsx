/**
 * The console's first page (the full console is a later issue): who is signed in, their roles,
 * their password and second factor, and signing out here or everywhere.
 */
import type { FC } from 'hono/jsx';
import { TextField, type FormErrors, ErrorSummary } from '../../portal/web/components.tsx';
import type { ConsoleViewer } from '../console-sessions.ts';
import type { ConsoleSite } from './console-env.ts';
import { ConsoleLayout, Csrf } from './console-layout.tsx';

const DONE: Record<string, string> = {
  password: 'Your password is set.',
  totp: 'Your second factor is on. You will be asked for a code when you sign in with your password.',
  'totp-off': 'Your second factor is off.',
};

export const ConsoleHome: FC<{
  site: ConsoleSite;
  viewer: ConsoleViewer;
  done?: string | undefined;
  errors?: FormErrors;
  /** A fresh TOTP key to set up, when the person has none. */
  totpSetup: { key: string; uri: string } | null;
}> = ({ site, viewer, done, errors, totpSetup }) => (
  <ConsoleLayout site={site} title="Console" viewer={viewer}>
    <h1>Signed in as {viewer.user.name}</h1>
    {done && DONE[done] && (
      <div class="notice done" role="status">
        <p>{DONE[done]}</p>
      </div>
    )}
    <ErrorSummary error={errors} />
    <dl>
      <dt>E-mail address</dt>
      <dd id="who-email">{viewer.user.email}</dd>
      <dt>Roles</dt>
      <dd id="who-roles">{viewer.user.roles.join(', ')}</dd>
    </dl>

    <h2>Password</h2>
    <form method="post" action={`${site.base}/password`} novalidate>
      <Csrf viewer={viewer} />
      <TextField
        name="password"
        label={viewer.user.passwordHash ? 'New password' : 'Choose a password'}
        type="password"
        autocomplete="new-password"
        hint="At least 12 characters."
        required
        maxlength={256}
        error={errors}
      />
      <button type="submit">Save password</button>
    </form>

    <h2>Second factor</h2>
    {viewer.user.totpKey ? (
      <form method="post" action={`${site.base}/totp/off`}>
        <Csrf viewer={viewer} />
        <p>Your authenticator app is set up.</p>
        <button type="submit" class="secondary">
          Turn the second factor off
        </button>
      </form>
    ) : (
      totpSetup && (
        <form method="post" action={`${site.base}/totp`} novalidate>
          <Csrf viewer={viewer} />
          <p>
            Add this key to your authenticator app, then enter the code it shows. Key:{' '}
            <code id="totp-key">{totpSetup.key}</code>
          </p>
          <p class="hint">
            Or open <a href={totpSetup.uri}>this link</a> on the device with the app.
          </p>
          <input type="hidden" name="key" value={totpSetup.key} />
          <TextField
            name="code"
            label="Code from the app"
            inputmode="numeric"
            autocomplete="one-time-code"
            required
            maxlength={6}
            error={errors}
          />
          <button type="submit">Turn the second factor on</button>
        </form>
      )
    )}

    <h2>Sign out</h2>
    <form method="post" action={`${site.base}/sign-out`}>
      <Csrf viewer={viewer} />
      <button type="submit">Sign out</button>
    </form>
    <form method="post" action={`${site.base}/sign-out-everywhere`}>
      <Csrf viewer={viewer} />
      <button type="submit" class="secondary">
        Sign out everywhere
      </button>
    </form>
  </ConsoleLayout>
);
