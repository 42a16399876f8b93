import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDetail } from '../../../common/api/patients';
import type { ApiError } from '../../../common/result';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { ageInYears, formatDate } from '../../format';
import { errorText } from '../../i18n';
import { useCan } from '../../state/session';
import { useUi } from '../../state/ui';
import { PortalSlot } from '../portal/PortalSlot';
import { EditContact } from './EditContact';

function Item({ label, value, missing, onOpen }: { label: string; value: string | null; missing: string; onOpen?: (() => void) | undefined }) {
  return (
    <div className="header-item">
      <dt>{label}</dt>
      <dd className={value ? undefined : 'muted'}>
        {onOpen ? (
          <button type="button" className="link-button" onClick={onOpen}>
            {value || missing}
          </button>
        ) : (
          value || missing
        )}
      </dd>
    </div>
  );
}

/** The open patient, on every screen: demographics, and the place where portal status lives. */
export default function PatientHeader({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const [patient, setPatient] = useState<PatientDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const openPatient = useUi((s) => s.openPatient);
  const [portalOpen, setPortalOpen] = useState(false);
  // bumped when the portal form changed the email or postal code shown here
  const [version, setVersion] = useState(0);
  const canPortal = useCan('portal.frontDesk');

  useEffect(() => {
    setPatient(null);
    setError(null);
    setPortalOpen(false);
  }, [patientId]);

  useEffect(() => {
    let live = true;
    void call('patients.get', { id: patientId }).then((r) => {
      if (!live) return;
      if (r.ok) setPatient(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [patientId, version]);

  useCommands([{ id: 'patient.close', label: t('patients.header.close'), shortcut: 'Alt+X', run: () => openPatient(null) }]);

  if (error) return <div className="patient-header form-error" role="alert">{errorText(t, error)}</div>;
  if (!patient) return <div className="patient-header muted">{t('common.loading')}</div>;
  const missing = t('common.notOnFile');
  return (
    <section className="patient-header" aria-label={t('patients.header.label')}>
      <div className="patient-header-main">
        <h2 className="patient-name">
          {patient.familyName}, {patient.givenName}
        </h2>
        <span className="patient-meta">
          {t('patients.header.mrn')} <strong>{patient.mrn}</strong> · {t('patients.header.dateOfBirth')}{' '}
          <strong>{formatDate(patient.dateOfBirth)}</strong> ({t('patients.header.age', { years: ageInYears(patient.dateOfBirth) })}) ·{' '}
          {t(`patients.sex.${patient.sex}`)}
        </span>
        <EditContact patient={patient} onChange={setPatient} />
        <CommandButton command="patient.close" variant="secondary" />
      </div>
      <dl className="patient-header-details">
        <Item label={t('patients.header.email')} value={patient.email} missing={missing} onOpen={canPortal ? () => setPortalOpen(true) : undefined} />
        <Item label={t('patients.header.mobile')} value={patient.mobile} missing={missing} />
        <Item label={t('patients.header.postalCode')} value={patient.postalCode} missing={missing} />
        <Item label={t('patients.header.address')} value={[patient.addressLine, patient.city].filter(Boolean).join(', ') || null} missing={missing} />
      </dl>
      <div className="patient-header-portal" role="group" aria-label={t('patients.header.portal')} data-slot="portal">
        <PortalSlot patientId={patient.id} patientName={`${patient.givenName} ${patient.familyName}`} open={portalOpen}
          onOpenChange={setPortalOpen} onContactChanged={() => setVersion((v) => v + 1)} />
      </div>
    </section>
  );
}
