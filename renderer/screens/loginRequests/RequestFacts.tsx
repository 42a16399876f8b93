import { useTranslation } from 'react-i18next';
import type { LoginRequestRow } from '../../../common/api/loginRequests';
import { formatDate, formatDateTime } from '../../format';
import { rightsList } from './choice';
import { decisionLine, requestedText, rightsText, STATE_GLYPH } from './words';

/** What the patient sent and how they were verified; the decision, once there is one. */
export function RequestFacts({ request: r }: { request: LoginRequestRow }) {
  const { t } = useTranslation();
  const decision = decisionLine(t, r);
  return (
    <>
      <dl className="request-facts">
        <dt>{t('loginRequests.detail.received')}</dt>
        <dd>{formatDateTime(r.createdAt)}</dd>
        <dt>{t('loginRequests.detail.verified')}</dt>
        <dd data-verification={r.verification}>
          <strong>{t(`loginRequests.verification.${r.verification}`)}</strong>. {t(`loginRequests.verificationLong.${r.verification}`)}
        </dd>
        <dt>{t('loginRequests.columns.patient')}</dt>
        <dd>{r.givenName} {r.familyName}, {t('loginRequests.born', { date: formatDate(r.dateOfBirth) })}</dd>
        <dt>{t('loginRequests.detail.rightsAsked')}</dt>
        <dd>{requestedText(t, r)}</dd>
        {r.grantedRights ? (
          <>
            <dt>{t('loginRequests.detail.rightsGranted')}</dt>
            <dd>{rightsText(t, rightsList(r.grantedRights))}</dd>
          </>
        ) : null}
        <dt>{t('loginRequests.detail.clinic')}</dt>
        <dd>{r.clinicName}</dd>
        <dt>{t('loginRequests.detail.language')}</dt>
        <dd>{t(`loginRequests.detail.languages.${r.language}`)}</dd>
        <dt>{t('loginRequests.detail.state')}</dt>
        <dd data-state={r.state}>
          <span aria-hidden="true">{STATE_GLYPH[r.state]} </span>
          {t(`loginRequests.state.${r.state}`)}
          {decision ? <span className="decision"> — {decision}</span> : null}
        </dd>
      </dl>
      {r.returningPatient ? <p className="note" role="note">{t('loginRequests.returningLong', { rights: rightsText(t, r.previousRights) })}</p> : null}
      {r.state === 'new' && r.manualReason ? (
        <p className="note" role="note">{t('loginRequests.detail.manual', { reason: t(`loginRequests.detail.manualReason.${r.manualReason}`) })}</p>
      ) : null}
    </>
  );
}
