import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { useSession } from '../../state/session';
import { JoinClinic } from './JoinClinic';
import { LanguageToggle } from './LanguageToggle';

/** An empty data directory: set up the clinic's first admin, open the demo clinic, or join a clinic on a hub. */
export default function FirstRun() {
  const { t } = useTranslation();
  const setSession = useSession((s) => s.set);
  const [form, setForm] = useState({ clinicName: '', username: '', displayName: '', password: '' });
  const admin = useSubmit();
  const demo = useSubmit();
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm({ ...form, [k]: e.target.value });
    admin.clear(k);
  };
  const busy = admin.busy || demo.busy;
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>{t('auth.firstRunTitle')}</h1>
        <p>{t('auth.firstRunIntro')}</p>
        <button type="button" className="btn btn-primary" autoFocus disabled={busy}
          onClick={() => void demo.submit(() => call('setup.openDemo', {}), setSession)}>
          {demo.busy ? t('auth.openingDemo') : t('auth.openDemo')}
        </button>
        <FormError message={demo.errors._form} />
        <LanguageToggle />
      </div>
      <form
        className="auth-card"
        aria-labelledby="first-admin"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void admin.submit(() => call('setup.createAdmin', form), setSession);
        }}
      >
        <h2 id="first-admin">{t('auth.createAdminTitle')}</h2>
        <Field label={t('auth.clinicName')} value={form.clinicName} onChange={set('clinicName')} error={admin.errors.clinicName} maxLength={100} />
        <Field label={t('auth.displayName')} value={form.displayName} onChange={set('displayName')} error={admin.errors.displayName} autoComplete="name" />
        <Field label={t('auth.username')} value={form.username} onChange={set('username')} error={admin.errors.username} autoComplete="username" />
        <Field label={t('auth.password')} type="password" value={form.password} onChange={set('password')} error={admin.errors.password}
          hint={t('auth.passwordHint')} autoComplete="new-password" />
        <FormError message={admin.errors._form} />
        <button type="submit" className="btn btn-secondary" disabled={busy}>{t('auth.createAdmin')}</button>
      </form>
      <JoinClinic disabled={busy} />
    </div>
  );
}
