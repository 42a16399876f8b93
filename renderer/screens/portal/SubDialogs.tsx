import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialLetter, PortalView } from '../../../common/api/portal';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { currentLanguage } from '../../i18n';
import { TempPasswordFields, type TempMode } from './TempPasswordFields';

interface SubProps {
  view: PortalView;
  patientName: string;
  onClose(): void;
  onView(view: PortalView, contactChanged?: boolean): void;
}

function Footer({ submit, busy, danger }: { submit: string; busy: boolean; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="muted">{t('common.cancel')}: <kbd>Esc</kbd></span>
      <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>{submit}</button>
    </>
  );
}

/** Seed 002 "Slet": the association with this clinic only; Enter confirms, Esc keeps it. */
export function DeleteDialog({ view, patientName, onClose, onView }: SubProps) {
  const { t } = useTranslation();
  const { errors, busy, submit } = useSubmit();
  const run = () => void submit(() => call('portal.delete', { patientId: view.patientId, confirmed: true }), (v) => {
    onView(v);
    onClose();
  });
  return (
    <Dialog open onClose={onClose} title={t('portal.remove.title')} onSubmit={run} footer={<Footer submit={t('portal.remove.confirm')} busy={busy} danger />}>
      <p>{t('portal.remove.body', { name: patientName })}</p>
      <FormError message={errors._form ?? errors.confirmed} />
    </Dialog>
  );
}

/** Seed 001's privacy note, then who asked and why; the hub tells the old address and activates the new one. */
export function EmailChangeDialog({ view, onClose, onView }: SubProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const { errors, busy, submit, clear } = useSubmit();
  const run = () =>
    void submit(
      // `confirmed` goes as ticked; the server refuses anything but true, at its field
      () => call('portal.changeEmail', { patientId: view.patientId, email, reason, confirmed: confirmed as true }),
      (v) => {
        onView(v, true);
        onClose();
      },
    );
  return (
    <Dialog open onClose={onClose} title={t('portal.emailChange.title')} onSubmit={run} footer={<Footer submit={t('portal.emailChange.submit')} busy={busy} />}>
      <p className="warning" role="note">{t('portal.emailChange.warning')}</p>
      <p>{t('portal.emailChange.current', { email: view.email ?? t('common.notOnFile') })}</p>
      <Field label={t('portal.emailChange.newEmail')} type="email" autoFocus autoComplete="off" value={email} error={errors.email}
        onChange={(e) => { setEmail(e.target.value); clear('email'); }} />
      <Field label={t('portal.emailChange.reason')} value={reason} autoComplete="off" error={errors.reason}
        onChange={(e) => { setReason(e.target.value); clear('reason'); }} />
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(e) => { setConfirmed(e.target.checked); clear('confirmed'); }} />
        {t('portal.emailChange.confirm')}
      </label>
      {errors.confirmed ? <div className="field-error" role="alert">{errors.confirmed}</div> : null}
      <p className="muted">{t('portal.emailChange.after')}</p>
      <FormError message={errors._form} />
    </Dialog>
  );
}

export function TempPasswordDialog({ view, onClose, onView, onLetter }: SubProps & { onLetter(letter: CredentialLetter): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<TempMode>('generate');
  const [password, setPassword] = useState('');
  const { errors, busy, submit, clear } = useSubmit();
  const run = () =>
    void submit(
      () => call('portal.setTempPassword', { patientId: view.patientId, mode: mode === 'typed' ? 'typed' : 'generate', password: mode === 'typed' ? password : '', language: currentLanguage() }),
      (v) => {
        onView(v.view);
        onClose();
        onLetter(v.letter);
      },
    );
  return (
    <Dialog open onClose={onClose} title={t('portal.temp.title')} description={t('portal.temp.description')} onSubmit={run}
      footer={<Footer submit={t('portal.temp.submit')} busy={busy} />}>
      <TempPasswordFields legend={t('portal.form.tempPassword')} allowNone={false} mode={mode} onMode={setMode} password={password}
        onPassword={(v) => { setPassword(v); clear('tempPassword'); }} days={view.tempPasswordDays} error={errors.tempPassword} />
      <FormError message={errors._form} />
    </Dialog>
  );
}
