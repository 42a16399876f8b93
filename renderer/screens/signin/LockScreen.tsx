import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { useSession } from '../../state/session';
import { useUi } from '../../state/ui';

/** Nothing of the patient on screen is kept: the shell is unmounted while this shows. */
export default function LockScreen() {
  const { t } = useTranslation();
  const state = useSession((s) => s.state);
  const setSession = useSession((s) => s.set);
  const [password, setPassword] = useState('');
  const { errors, busy, submit, clear } = useSubmit();
  return (
    <div className="auth-page">
      <form
        className="auth-card"
        aria-labelledby="lock-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(() => call('auth.unlock', { password }), (s) => {
            setPassword('');
            setSession(s);
          });
        }}
      >
        <h1 id="lock-title">{t('auth.lockedTitle')}</h1>
        <p>{t('auth.lockedIntro', { name: state?.staff?.displayName })}</p>
        <Field label={t('auth.password')} type="password" autoComplete="current-password" autoFocus value={password} error={errors.password}
          onChange={(e) => { setPassword(e.target.value); clear('password'); }} disabled={busy} />
        <FormError message={errors._form} />
        <button type="submit" className="btn btn-primary" disabled={busy}>{t('auth.unlock')}</button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={async () => {
            const r = await call('auth.signOut', {});
            if (r.ok) {
              useUi.getState().openPatient(null);
              setSession(r.value);
            }
          }}
        >
          {t('auth.otherUser')}
        </button>
      </form>
    </div>
  );
}
