import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow, StaffWithPassword } from '../../../common/api/staff';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { DoneButton, PasswordChoice, ShownOnce } from './passwordParts';

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
  const [shown, setShown] = useState<StaffWithPassword | null>(null);
  useEffect(() => {
    setErrors({});
    setTyped(false);
    setPassword('');
    setShown(null);
  }, [staff, setErrors]);
  const name = staff?.displayName ?? '';
  if (shown) {
    return (
      <Dialog open={!!staff} onClose={onClose} onSubmit={onClose} title={t('staffAdmin.shown.title', { name })} footer={<DoneButton />}>
        <ShownOnce shown={shown} />
      </Dialog>
    );
  }
  return (
    <Dialog open={!!staff} onClose={onClose} title={t('staffAdmin.reset.title', { name })} description={t('staffAdmin.reset.intro')}
      onSubmit={() => {
        if (staff) {
          void submit(() => call('staff.resetPassword', { id: staff.id, ...(typed ? { password } : {}) }), (r) => {
            setPassword('');
            setShown(r);
            onDone(r);
          });
        }
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
