/**
 * The console's first page (the full console is a later issue): who is signed in, their roles,
 * their password and second factor, and signing out here or everywhere.
 */
import type { FC } from 'hono/jsx';
import { TextField, type FormErrors, ErrorSummary } from '../../portal/web/components.tsx';
import { LOCALE_NAMES, t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import type { ConsoleViewer } from '../console-sessions.ts';
import type { ConsoleSite } from './console-env.ts';
import type { DigestFrequency } from '../../store/staff-notification-store.ts';
import { ConsoleLayout, Csrf } from './console-layout.tsx';
import { DigestSettingForm } from './console-notifications.tsx';

const DONE: Record<string, MessageKey> = {
  password: 'console.home.done.password',
  totp: 'console.home.done.totp',
  'totp-off': 'console.home.done.totpOff',
  digest: 'console.digest.saved',
};

export const ConsoleHome: FC<{
  site: ConsoleSite;
  viewer: ConsoleViewer;
  done?: string | undefined;
  errors?: FormErrors;
  /** A fresh TOTP key to set up, when the person has none. */
  totpSetup: { key: string; uri: string } | null;
  /** Their e-mail digest of notifications. */
  digest: DigestFrequency;
}> = ({ site, viewer, done, errors, totpSetup, digest }) => {
  const tr = useTranslator();
  return (
    <ConsoleLayout site={site} title={t('console.home.title')} viewer={viewer}>
      <h1>{t('console.home.heading', { name: viewer.user.name })}</h1>
      {done && DONE[done] && (
        <div class="notice done" role="status">
          <p>{t(DONE[done]!)}</p>
        </div>
      )}
      <ErrorSummary error={errors} />
      <dl>
        <dt>{t('console.email')}</dt>
        <dd id="who-email">{viewer.user.email}</dd>
        <dt>{t('console.home.roles')}</dt>
        <dd id="who-roles" data-roles={viewer.user.roles.join(',')}>
          {/* English shows the role names as the CLI and the API spell them. */}
          {tr.locale === 'en'
            ? viewer.user.roles.join(', ')
            : viewer.user.roles.map((r) => tr.code('role', r)).join(tr.t('format.listSeparator'))}
        </dd>
        <dt>{t('layout.language')}</dt>
        <dd id="who-language">{LOCALE_NAMES[tr.locale]}</dd>
      </dl>

      <h2>{t('console.password')}</h2>
      <form method="post" action={`${site.base}/password`} novalidate>
        <Csrf viewer={viewer} />
        <TextField
          name="password"
          label={t('console.home.newPassword', { has: viewer.user.passwordHash ? 'yes' : 'no' })}
          type="password"
          autocomplete="new-password"
          hint={t('console.home.passwordHint')}
          required
          maxlength={256}
          error={errors}
        />
        <button type="submit">{t('console.home.savePassword')}</button>
      </form>

      <h2>{t('console.home.secondFactor')}</h2>
      {viewer.user.totpKey ? (
        <form method="post" action={`${site.base}/totp/off`}>
          <Csrf viewer={viewer} />
          <p>{t('console.home.totpSet')}</p>
          <button type="submit" class="secondary">
            {t('console.home.totpOff')}
          </button>
        </form>
      ) : (
        totpSetup && (
          <form method="post" action={`${site.base}/totp`} novalidate>
            <Csrf viewer={viewer} />
            <p>
              {t('console.home.totpAdd')} <code id="totp-key">{totpSetup.key}</code>
            </p>
            <p class="hint">
              {tr.rich('console.home.totpLink', {
                link: (chunks: unknown) => <a href={totpSetup.uri}>{chunks}</a>,
              })}
            </p>
            <input type="hidden" name="key" value={totpSetup.key} />
            <TextField
              name="code"
              label={t('console.home.code')}
              inputmode="numeric"
              autocomplete="one-time-code"
              required
              maxlength={6}
              error={errors}
            />
            <button type="submit">{t('console.home.totpOn')}</button>
          </form>
        )
      )}

      <DigestSettingForm site={site} viewer={viewer} frequency={digest} />

      <h2>{t('layout.signOut')}</h2>
      <form method="post" action={`${site.base}/sign-out`}>
        <Csrf viewer={viewer} />
        <button type="submit">{t('layout.signOut')}</button>
      </form>
      <form method="post" action={`${site.base}/sign-out-everywhere`}>
        <Csrf viewer={viewer} />
        <button type="submit" class="secondary">
          {t('console.home.signOutEverywhere')}
        </button>
      </form>
    </ConsoleLayout>
  );
};
