import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow, StaffWithPassword } from '../../../common/api/staff';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { PasswordChoice } from './StaffForm';

/** Disabling asks first and says what it does; the last-admin refusal shows here. */
export function DisableDialog({ staff, onClose, onDone }: { staff: StaffRow | null; onClose(): void; onDone(s: StaffRow): void }) {
  const { t } = useTranslation();
  const { errors, busy, submit, setErrors } = useSubmit();
  useEffect(() => setErrors({}), [staff, setErrors]);
  const name = staff?.displayName ?? '';
  return (
    <Dialog open={!!staff} onClose={onClose} title={t('staffAdmin.disable.title', { name })} description={t('staffAdmin.disable.intro')}
      onSubmit={() => {
        if (staff) void submit(() => call('staff.setDisabled', { id: staff.id, disabled: true }), onDone);
      }}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-danger" disabled={busy} autoFocus>{t('staffAdmin.disable.confirm')}</button>
        </>
      }>
      <FormError message={errors.disabled ?? errors._form} />
    </Dialog>
  );
}

export function ResetDialog({ staff, onClose, onDone }: { staff: StaffRow | null; onClose(): void; onDone(r: StaffWithPassword): void }) {
  const { t } = useTranslation();
  const { errors, busy, submit, setErrors, clear } = useSubmit();
  const [typed, setTyped] = useState(false);
  const [password, setPassword] = useState('');
  useEffect(() => {
    setErrors({});
    setTyped(false);
    setPassword('');
  }, [staff, setErrors]);
  const name = staff?.displayName ?? '';
  return (
    <Dialog open={!!staff} onClose={onClose} title={t('staffAdmin.reset.title', { name })} description={t('staffAdmin.reset.intro')}
      onSubmit={() => {
        if (staff) void submit(() => call('staff.resetPassword', { id: staff.id, ...(typed ? { password } : {}) }), onDone);
      }}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{t('staffAdmin.reset.confirm')}</button>
        </>
      }>
      <PasswordChoice typed={typed} password={password} error={errors.password}
        onTyped={(v) => { setTyped(v); clear('password'); }} onPassword={(v) => { setPassword(v); clear('password'); }} />
      <FormError message={errors._form} />
    </Dialog>
  );
}

/** The temporary password, once: it is not kept anywhere in clear and cannot be shown again. */
export function PasswordShown({ shown, onClose }: { shown: StaffWithPassword | null; onClose(): void }) {
  const { t } = useTranslation();
  const name = shown?.staff.displayName ?? '';
  return (
    <Dialog open={!!shown} onClose={onClose} onSubmit={onClose} title={t('staffAdmin.shown.title', { name })} description={t('staffAdmin.shown.intro', { name })}
      footer={<button type="submit" className="btn btn-primary" autoFocus>{t('staffAdmin.shown.done')}</button>}>
      <dl className="shown-list">
        <dt>{t('staffAdmin.shown.username')}</dt>
        <dd><code>{shown?.staff.username}</code></dd>
        <dt>{t('staffAdmin.shown.password')}</dt>
        <dd><output className="shown-once" aria-label={t('staffAdmin.shown.password')}>{shown?.temporaryPassword}</output></dd>
      </dl>
    </Dialog>
  );
}
