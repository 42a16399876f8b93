import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { useSession } from '../../state/session';

export default function ChangePassword() {
  const { t } = useTranslation();
  const setSession = useSession((s) => s.set);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { errors, busy, submit, clear } = useSubmit();
  return (
    <div className="auth-page">
      <form
        className="auth-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(() => call('auth.changePassword', { current, next }), setSession);
        }}
      >
        <h1>{t('auth.changeTitle')}</h1>
        <p>{t('auth.changeIntro')}</p>
        <Field label={t('auth.currentPassword')} type="password" autoComplete="current-password" autoFocus value={current} error={errors.current}
          onChange={(e) => { setCurrent(e.target.value); clear('current'); }} />
        <Field label={t('auth.newPassword')} type="password" autoComplete="new-password" value={next} error={errors.next} hint={t('auth.passwordHint')}
          onChange={(e) => { setNext(e.target.value); clear('next'); }} />
        <FormError message={errors._form} />
        <button type="submit" className="btn btn-primary" disabled={busy}>{t('auth.changePassword')}</button>
      </form>
    </div>
  );
}
