import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequestDetail, LoginRequestRow } from '../../../common/api/loginRequests';
import type { ApiError } from '../../../common/result';
import type { PortalRight } from '../../../common/settings';
import { call } from '../../api';
import { CommandButton } from '../../components/CommandButton';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { errorText } from '../../i18n';
import { CandidatePicker } from './CandidatePicker';
import { choiceKey, initialChoice, isNew, rightsList, rightsOf, type PatientChoice } from './choice';
import { Commands } from './Commands';
import { Evidence } from './Evidence';
import { RejectDialog } from './RejectDialog';
import { RequestFacts } from './RequestFacts';
import { RightsToGrant } from './RightsToGrant';
import { deciderName, patientName } from './words';

/**
 * One login request: what the patient sent, the candidates field by field, the patient to pick,
 * the rights to grant, and Approve (Alt+O) or Reject (Alt+R). Someone who decided first at the hub
 * turns the decision into a "handled by … at …" notice, with nothing written.
 */
export function RequestDialog({ id, onClose, onDecided, returnFocus }: {
  id: string;
  onClose(): void;
  onDecided(row: LoginRequestRow): void;
  returnFocus(): HTMLElement | null;
}) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<LoginRequestDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [choice, setChoice] = useState<PatientChoice>(null);
  const [rights, setRights] = useState<PortalRight[]>([]);
  const [rejecting, setRejecting] = useState(false);
  const [conflict, setConflict] = useState(false);
  const { errors, busy, submit, setErrors, clear } = useSubmit();

  const load = useCallback(async (afterConflict: boolean) => {
    const r = await call('registrations.get', { id });
    if (!r.ok) return setLoadError(r.error);
    setDetail(r.value);
    setConflict(afterConflict);
    if (!afterConflict) {
      setChoice(initialChoice(r.value));
      setRights(rightsList(r.value.request.rights));
    }
  }, [id]);
  useEffect(() => void load(false), [load]);

  const request = detail?.request;
  const open = request?.state === 'new';
  const approve = () => {
    if (!request || !open || busy) return;
    if (!choice) return setErrors({ patient: t('loginRequests.detail.pickPatient') });
    if (!rights.length) return setErrors({ rights: t('loginRequests.detail.noRightTicked') });
    void submit(async () => {
      const res = await call('registrations.approve', { id, baseVersion: request.version, patient: choice, rights: rightsOf(rights) });
      if (!res.ok && res.error.code === 'conflict') void load(true);
      return res;
    }, onDecided);
  };

  if (!detail || !request) {
    return loadError ? (
      <Dialog open onClose={onClose} returnFocus={returnFocus} title={t('loginRequests.title')}
        footer={<button type="button" className="btn btn-secondary" onClick={onClose}>{t('common.close')}</button>}>
        <FormError message={errorText(t, loadError)} />
      </Dialog>
    ) : null;
  }
  const shownConflict = conflict && !open;
  const picked = choice && !isNew(choice) ? choiceKey(choice) : (request.patientId ?? null);
  return (
    <>
      <Dialog open onClose={onClose} returnFocus={returnFocus} wide title={t('loginRequests.detail.title', { name: patientName(request) })}
        onSubmit={open ? approve : onClose}
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={onClose}>{open ? t('common.cancel') : t('common.close')}</button>
            {open ? <CommandButton command="loginRequests.reject" variant="danger" /> : null}
            {open ? <CommandButton command="loginRequests.approve" variant="primary" /> : null}
          </>
        }>
        <Commands list={[
          { id: 'loginRequests.approve', label: t('loginRequests.commands.approve'), shortcut: 'Alt+O', permission: 'portal.frontDesk', disabled: busy || !open, run: approve },
          { id: 'loginRequests.reject', label: t('loginRequests.commands.reject'), shortcut: 'Alt+R', permission: 'portal.frontDesk', disabled: busy || !open, run: () => setRejecting(true) },
        ]} />
        {shownConflict ? (
          <p className="warning" role="alert">
            ⚠ {t('loginRequests.detail.conflict', { who: deciderName(t, request), when: formatDateTime(request.decidedAt) })}
          </p>
        ) : null}
        <RequestFacts request={request} />
        {detail.tie ? <p className="warning" role="alert">⚠ {t('loginRequests.detail.tie')}</p> : null}
        {open ? (
          <CandidatePicker candidates={detail.candidates} value={choice} error={errors.patient} onChange={(c) => { setChoice(c); clear('patient'); }} />
        ) : null}
        <Evidence candidates={detail.candidates} pickedId={picked} />
        {open ? (
          <RightsToGrant asked={request.rights} value={rights} error={errors.rights} onChange={(r) => { setRights(r); clear('rights'); }} />
        ) : null}
        {shownConflict ? null : <FormError message={errors._form} />}
      </Dialog>
      {rejecting ? (
        <RejectDialog request={request} onClose={() => setRejecting(false)} onDone={onDecided}
          onConflict={() => {
            setRejecting(false);
            void load(true);
          }} />
      ) : null}
    </>
  );
}
