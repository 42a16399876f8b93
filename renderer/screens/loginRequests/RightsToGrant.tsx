import { useTranslation } from 'react-i18next';
import type { RequestedRights } from '../../../common/api/loginRequests';
import { PORTAL_RIGHTS, type PortalRight } from '../../../common/settings';

/** The rights the patient asked for come ticked; staff untick what the patient should not have, and cannot add what was not asked. */
export function RightsToGrant({ asked, value, onChange, error }: {
  asked: RequestedRights;
  value: readonly PortalRight[];
  onChange(rights: PortalRight[]): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const toggle = (r: PortalRight) => onChange(value.includes(r) ? value.filter((x) => x !== r) : PORTAL_RIGHTS.filter((x) => x === r || value.includes(x)));
  return (
    <fieldset className={`fieldset${error ? ' field-invalid' : ''}`}>
      <legend>{t('loginRequests.detail.rights')}</legend>
      <p className="field-hint">{t('loginRequests.detail.rightsHint')}</p>
      {PORTAL_RIGHTS.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" checked={value.includes(r)} disabled={!asked[r]} onChange={() => toggle(r)} />
          {t(`portal.form.right.${r}`)}
          {asked[r] ? null : <span className="muted"> ({t('loginRequests.detail.notAsked')})</span>}
        </label>
      ))}
      {error ? <div className="field-error" role="alert">{error}</div> : null}
    </fieldset>
  );
}
