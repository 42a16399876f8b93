import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffWithPassword } from '../../../common/api/staff';
import { Field } from '../../components/Field';

/** "Generate one" or "Type one": the typed password must meet the policy; either is shown once. */
export function PasswordChoice({ typed, password, error, onTyped, onPassword }: {
  typed: boolean; password: string; error?: string | undefined; onTyped(v: boolean): void; onPassword(v: string): void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="field choice-group">
      <legend>{t('staffAdmin.form.password')}</legend>
      <div className="choices" role="radiogroup">
        <label><input type="radio" name={name} checked={!typed} onChange={() => onTyped(false)} /> {t('staffAdmin.form.passwordGenerate')}</label>
        <label><input type="radio" name={name} checked={typed} onChange={() => onTyped(true)} /> {t('staffAdmin.form.passwordType')}</label>
      </div>
      {typed ? (
        <Field label={t('staffAdmin.form.password')} type="text" autoComplete="off" spellCheck={false} value={password} error={error}
          hint={t('staffAdmin.form.passwordHint')} onChange={(e) => onPassword(e.target.value)} />
      ) : error ? <div className="field-error" role="alert">{error}</div> : null}
    </fieldset>
  );
}

/**
 * The temporary password, once: it is not kept anywhere in clear and cannot be shown again.
 * Shown in the dialog that set it, so the focus goes back to the table when it closes.
 */
export function ShownOnce({ shown }: { shown: StaffWithPassword }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('staffAdmin.shown.intro', { name: shown.staff.displayName })}</p>
      <dl className="shown-list">
        <dt>{t('staffAdmin.shown.username')}</dt>
        <dd><code>{shown.staff.username}</code></dd>
        <dt>{t('staffAdmin.shown.password')}</dt>
        <dd><output className="shown-once" aria-label={t('staffAdmin.shown.password')}>{shown.temporaryPassword}</output></dd>
      </dl>
    </>
  );
}

export function DoneButton() {
  const { t } = useTranslation();
  return <button type="submit" className="btn btn-primary" autoFocus>{t('staffAdmin.shown.done')}</button>;
}
