import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedKeyCreated, IssuingPreparation, PortalPatientRow } from '../../../common/api/issuing';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { errorText } from '../../i18n';
import { IssuedStep } from './IssuedStep';
import { PickStudiesStep } from './PickStudiesStep';
import { ValidationStep } from './ValidationStep';

type Step = 'validation' | 'pick' | 'issued';

/**
 * The Issuer: Patient validation → Confirm & Pick studies → Issue the Access Code. The code lives
 * only in this dialog's state: closing it drops the code for good.
 */
export function IssuerDialog({ portalPatient, onClose }: { portalPatient: PortalPatientRow; onClose(issued: boolean): void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('validation');
  const [prep, setPrep] = useState<IssuingPreparation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const [issued, setIssued] = useState<IssuedKeyCreated | null>(null);
  const issue = useSubmit();

  const openRequest = portalPatient.requests.find((r) => r.status === 'new');
  useEffect(() => {
    let live = true;
    const input = portalPatient.patientId ? { patientId: portalPatient.patientId } : { requestId: openRequest?.id ?? portalPatient.requests[0]?.id };
    void call('issuing.prepare', input).then((r) => {
      if (!live) return;
      if (r.ok) setPrep(r.value);
      else setLoadError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
  }, [portalPatient, openRequest, t]);

  const doIssue = () => {
    if (!prep?.patientId || selection.size === 0 || issue.busy) return;
    const patientId = prep.patientId;
    void issue.submit(
      () =>
        call('keys.issue', {
          patientId,
          studyIds: [...selection],
          identityConfirmed: true,
          ...(prep.request?.status === 'new' ? { requestId: prep.request.id } : {}),
        }),
      (created) => {
        setIssued(created);
        setStep('issued');
      },
    );
  };

  const title = step === 'validation' ? t('issuing.validation.title') : step === 'pick' ? t('issuing.pick.title') : t('issuing.issued.title');
  const close = () => onClose(issued !== null);
  return (
    <Dialog
      open
      wide
      title={title}
      onClose={close}
      onSubmit={step === 'validation' ? () => prep && !prep.notIssuable && setStep('pick') : step === 'pick' ? doIssue : undefined}
    >
      {loadError ? <FormError message={loadError} /> : null}
      {!prep && !loadError ? <p className="muted">{t('common.loading')}</p> : null}
      {prep && step === 'validation' ? <ValidationStep prep={prep} onConfirm={() => setStep('pick')} onCancel={close} /> : null}
      {prep && step === 'pick' ? (
        <PickStudiesStep
          prep={prep}
          selection={selection}
          onSelection={setSelection}
          onIssue={doIssue}
          onBack={() => setStep('validation')}
          busy={issue.busy}
          error={issue.errors.studyIds ?? issue.errors._form ?? issue.errors.requestId}
        />
      ) : null}
      {issued && step === 'issued' ? <IssuedStep issued={issued} onDone={close} /> : null}
    </Dialog>
  );
}
