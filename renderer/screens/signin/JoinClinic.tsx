import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSession } from '../../state/session';
import { useEnrollFields } from '../sync/EnrollForm';

/**
 * The third way to start: this workstation joins a clinic that is already on a portal hub. Its
 * records, staff included, arrive from the hub; then the clinic's staff sign in as anywhere else.
 */
export function JoinClinic({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const setSession = useSession((s) => s.set);
  const f = useEnrollFields({ hubUrl: '', code: '' });
  return (
    <form
      className="auth-card"
      aria-labelledby="join-clinic"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (f.check()) void f.submit(() => call('setup.joinClinic', f.form), setSession);
      }}
    >
      <h2 id="join-clinic">{t('sync.join.title')}</h2>
      <p className="muted">{t('sync.join.intro')}</p>
      <Field label={t('sync.enroll.hubUrl')} hint={t('sync.enroll.hubUrlHint')} type="url" autoComplete="url" {...f.bind('hubUrl')} />
      <Field label={t('sync.join.code')} hint={t('sync.enroll.codeHint')} autoComplete="off" spellCheck={false} {...f.bind('code')} />
      <FormError message={f.errors._form} />
      {f.busy ? <p role="status" className="muted">{t('sync.join.joining')}</p> : null}
      <button type="submit" className="btn btn-secondary" disabled={disabled || f.busy}>{t('sync.join.submit')}</button>
    </form>
  );
}
