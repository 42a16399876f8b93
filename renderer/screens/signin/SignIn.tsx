import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { useSession } from '../../state/session';
import { LanguageToggle } from './LanguageToggle';

export default function SignIn() {
  const { t } = useTranslation();
  const state = useSession((s) => s.state);
  const setSession = useSession((s) => s.set);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { errors, busy, submit, clear } = useSubmit();

  return (
    <div className="auth-page">
      <form
        className="auth-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(() => call('auth.signIn', { username, password }), (s) => {
            setPassword('');
            setSession(s);
          });
        }}
      >
        <h1>{t('auth.signInTitle')}</h1>
        <p className="muted">{state?.clinic?.name}</p>
        <Field label={t('auth.username')} name="username" autoComplete="username" autoFocus value={username} error={errors.username}
          onChange={(e) => { setUsername(e.target.value); clear('username'); }} disabled={busy} />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" value={password} error={errors.password}
          onChange={(e) => { setPassword(e.target.value); clear('password'); }} disabled={busy} />
        <FormError message={errors._form} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        <LanguageToggle />
      </form>
      {state?.demo && state.demoAccounts.length ? (
        <aside className="auth-card demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('auth.demoTitle')}</h2>
          <p className="muted">{t('auth.demoNote')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auth.username')}</th>
                <th scope="col">{t('auth.password')}</th>
                <th scope="col">{t('shell.screens.staff')}</th>
              </tr>
            </thead>
            <tbody>
              {state.demoAccounts.map((a) => (
                <tr key={a.username}>
                  <td><code>{a.username}</code></td>
                  <td><code>{a.password}</code></td>
                  <td>{t(`auth.roles.${a.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </aside>
      ) : null}
    </div>
  );
}
