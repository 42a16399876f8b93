import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequestRow } from '../../../common/api/loginRequests';
import { REJECTION_CHOICES, type RejectionChoice } from '../../../common/notifications';
import { call } from '../../api';
import { CommandButton } from '../../components/CommandButton';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { Commands } from './Commands';
import { patientName } from './words';

/**
 * Reject with a reason from the short list (the patient reads it in their own language), or a
 * typed one, which the hub shows only behind a link. `onConflict`: someone decided first.
 */
export function RejectDialog({ request: r, onClose, onDone, onConflict }: {
  request: LoginRequestRow;
  onClose(): void;
  onDone(row: LoginRequestRow): void;
  onConflict(): void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const [reason, setReason] = useState<RejectionChoice | null>(null);
  const [note, setNote] = useState('');
  const { errors, busy, submit, setErrors, clear } = useSubmit();

  const reject = () => {
    if (!reason) return setErrors({ reason: t('loginRequests.reject.chooseReason') });
    if (reason === 'other' && !note.trim()) return setErrors({ note: t('errors.required') });
    void submit(async () => {
      const res = await call('registrations.reject', { id: r.id, baseVersion: r.version, reason, ...(reason === 'other' ? { note: note.trim() } : {}) });
      if (!res.ok && res.error.code === 'conflict') onConflict();
      return res;
    }, onDone);
  };
  const run = () => {
    if (busy) return;
    reject();
  };

  return (
    <Dialog open onClose={onClose} onSubmit={run} title={t('loginRequests.reject.title', { name: patientName(r) })} description={t('loginRequests.reject.intro')}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{t('common.cancel')}</button>
          <CommandButton command="loginRequests.rejectConfirm" variant="danger" />
        </>
      }>
      <Commands list={[{ id: 'loginRequests.rejectConfirm', label: t('loginRequests.commands.rejectConfirm'), shortcut: 'Alt+J', permission: 'portal.frontDesk', disabled: busy, run }]} />
      <fieldset className={`fieldset${errors.reason ? ' field-invalid' : ''}`}>
        <legend>{t('loginRequests.reject.reason')}</legend>
        {REJECTION_CHOICES.map((c, i) => (
          <label key={c} className="check reject-reason">
            <input type="radio" name={name} value={c} checked={reason === c} autoFocus={i === 0}
              onChange={() => { setReason(c); clear('reason'); clear('note'); }} />
            <span>
              {t(`loginRequests.reject.reasons.${c}`)}
              {c !== 'other' ? <span className="field-hint"> {t('loginRequests.reject.patientReads', { text: t(`notifications.reasons.${c}`, { lng: r.language }) })}</span> : null}
            </span>
          </label>
        ))}
        {errors.reason ? <div className="field-error" role="alert">{errors.reason}</div> : null}
      </fieldset>
      {reason === 'other' ? (
        <Field label={t('loginRequests.reject.note')} hint={t('loginRequests.reject.noteHint')} value={note} maxLength={500} autoFocus error={errors.note}
          onChange={(e) => { setNote(e.target.value); clear('note'); }} />
      ) : null}
      <FormError message={errors._form} />
    </Dialog>
  );
}
