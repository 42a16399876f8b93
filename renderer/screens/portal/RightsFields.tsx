import { useTranslation } from 'react-i18next';
import { PORTAL_RIGHTS, type PortalRight } from '../../../common/settings';

/** Seed 002: E-konsultation, E-tidsbestilling, E-receptfornyelse, and "Ønsker svar elektronisk". */
export function RightsFields(props: {
  offered: readonly PortalRight[];
  rights: readonly PortalRight[];
  onRights(rights: PortalRight[]): void;
  reply: boolean;
  onReply(reply: boolean): void;
  error?: string | undefined;
  note?: string | undefined;
}) {
  const { t } = useTranslation();
  // a right the clinic stopped offering still shows while the patient has it, so it can be removed
  const shown = PORTAL_RIGHTS.filter((r) => props.offered.includes(r) || props.rights.includes(r));
  const toggle = (r: PortalRight) =>
    props.onRights(props.rights.includes(r) ? props.rights.filter((x) => x !== r) : PORTAL_RIGHTS.filter((x) => x === r || props.rights.includes(x)));
  return (
    <fieldset className={`fieldset${props.error ? ' field-invalid' : ''}`}>
      <legend>{t('portal.form.rights')}</legend>
      {shown.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" checked={props.rights.includes(r)} onChange={() => toggle(r)} />
          {t(`portal.form.right.${r}`)}
        </label>
      ))}
      <label className="check">
        <input type="checkbox" checked={props.reply} onChange={(e) => props.onReply(e.target.checked)} />
        {t('portal.form.wantsElectronicReply')}
      </label>
      {props.error ? <div className="field-error" role="alert">{props.error}</div> : null}
      {props.note && props.rights.length === 0 ? <div className="field-hint">{props.note}</div> : null}
    </fieldset>
  );
}
