import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalConfig } from '../../../common/api/settings';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';

/**
 * Seed 003 "Enable / Disable Patient Portal". Either turn is confirmed in a dialog that says what
 * happens; disabling lists its effects at the hub, enabling says that nothing comes back by itself.
 */
export function SwitchDialog({ open, enabled, onClose, onDone }: { open: boolean; enabled: boolean; onClose(): void; onDone(c: PortalConfig): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { errors, busy, submit, clear } = useSubmit();
  const turningOff = enabled;
  const close = () => {
    setReason('');
    clear('reason');
    onClose();
  };
  const confirm = () =>
    void submit(() => call('settings.setPortalEnabled', { enabled: !enabled, ...(reason.trim() ? { reason } : {}) }), (c) => {
      setReason('');
      onDone(c);
    });
  return (
    <Dialog open={open} onClose={close} onSubmit={confirm}
      title={t(turningOff ? 'portalConfig.switch.disableTitle' : 'portalConfig.switch.enableTitle')}
      description={turningOff ? t('portalConfig.switch.disableIntro') : t('portalConfig.switch.enableIntro')}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={close}>{t('common.cancel')}</button>
          <button type="submit" className={`btn ${turningOff ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
            {t(turningOff ? 'portalConfig.switch.disableConfirm' : 'portalConfig.switch.enableConfirm')}
          </button>
        </>
      }>
      {turningOff ? (
        <>
          <ul className="effects">
            <li>{t('portalConfig.switch.disableEffects.access')}</li>
            <li>{t('portalConfig.switch.disableEffects.links')}</li>
            <li>{t('portalConfig.switch.disableEffects.data')}</li>
          </ul>
          <p><strong>{t('portalConfig.switch.disableAdvice')}</strong></p>
        </>
      ) : null}
      <Field label={t('portalConfig.switch.reason')} value={reason} error={errors.reason} autoFocus maxLength={500}
        onChange={(e) => { setReason(e.target.value); clear('reason'); }} />
      <FormError message={errors._form} />
    </Dialog>
  );
}
