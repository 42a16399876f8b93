import { useTranslation } from 'react-i18next';
import { CHANNELS, PORTAL_RIGHTS, type PortalConfigKey } from '../../../common/settings';
import { Field } from '../../components/Field';
import { CheckSetting, ChoiceSetting, DelaySetting, NumberSetting, SettingRow } from './controls';
import type { Draft } from './draft';

export interface SectionsProps {
  draft: Draft;
  errors: Partial<Record<PortalConfigKey, string>>;
  set<K extends PortalConfigKey>(key: K, value: Draft[K]): void;
  onHistory(key: PortalConfigKey): void;
}

const SELF_REGISTRATION = ['manual', 'automaticStrong'] as const;

/** Every setting, grouped and ordered as seed 003 presents them, then the switches of seeds 000-002. */
export function Sections({ draft, errors, set, onHistory }: SectionsProps) {
  const { t } = useTranslation();
  const row = (key: PortalConfigKey, control: React.ReactNode) => (
    <SettingRow key={key} setting={key} onHistory={onHistory}>
      {control}
    </SettingRow>
  );
  const channel = (c: (typeof CHANNELS)[number]) => t(`portalConfig.channels.${c}`);
  const section = (id: string, children: React.ReactNode, hint?: string) => (
    <section className="settings-section" aria-labelledby={`pc-${id}`}>
      <h2 id={`pc-${id}`}>{t(`portalConfig.sections.${id}`)}</h2>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {children}
    </section>
  );

  return (
    <>
      {section('general', row('portal.displayName',
        <Field label={t('portalConfig.fields.portal.displayName')} data-setting-input="portal.displayName" value={draft['portal.displayName']}
          hint={t('portalConfig.hints.portal.displayName')} error={errors['portal.displayName']}
          onChange={(e) => set('portal.displayName', e.target.value)} />,
      ))}
      {section('notifyOn', <>
        {row('portal.notifyOnNewStudy', <CheckSetting setting="portal.notifyOnNewStudy" checked={draft['portal.notifyOnNewStudy']}
          error={errors['portal.notifyOnNewStudy']} onChange={(v) => set('portal.notifyOnNewStudy', v)} />)}
        {row('portal.notifyOnNewReport', <CheckSetting setting="portal.notifyOnNewReport" checked={draft['portal.notifyOnNewReport']}
          error={errors['portal.notifyOnNewReport']} onChange={(v) => set('portal.notifyOnNewReport', v)} />)}
      </>, t('portalConfig.hints.notifyOn'))}
      {section('notifyChannels', <>
        {row('portal.notifyChannels', <ChoiceSetting setting="portal.notifyChannels" options={CHANNELS} label={channel}
          value={draft['portal.notifyChannels']} error={errors['portal.notifyChannels']} onChange={(v) => set('portal.notifyChannels', v as Draft['portal.notifyChannels'])} />)}
        {row('portal.notifyPreference', <ChoiceSetting setting="portal.notifyPreference" options={CHANNELS} label={channel}
          value={draft['portal.notifyPreference']} error={errors['portal.notifyPreference']} onChange={(v) => set('portal.notifyPreference', v as Draft['portal.notifyPreference'])} />)}
      </>, t('portalConfig.hints.notifyChannels'))}
      {section('authChannels', <>
        {row('portal.authChannels', <ChoiceSetting setting="portal.authChannels" options={CHANNELS} label={channel}
          value={draft['portal.authChannels']} error={errors['portal.authChannels']} onChange={(v) => set('portal.authChannels', v as Draft['portal.authChannels'])} />)}
        {row('portal.authPreference', <ChoiceSetting setting="portal.authPreference" options={CHANNELS} label={channel}
          value={draft['portal.authPreference']} error={errors['portal.authPreference']} onChange={(v) => set('portal.authPreference', v as Draft['portal.authPreference'])} />)}
      </>, t('portalConfig.hints.authChannels'))}
      {section('session', row('portal.sessionMinutes',
        <NumberSetting setting="portal.sessionMinutes" min={15} max={1440} value={draft['portal.sessionMinutes']}
          hint={t('portalConfig.hints.portal.sessionMinutes')} error={errors['portal.sessionMinutes']} onChange={(v) => set('portal.sessionMinutes', v)} />,
      ))}
      {section('delays', <>
        {row('portal.studyAccessDelayHours', <DelaySetting setting="portal.studyAccessDelayHours" value={draft['portal.studyAccessDelayHours']}
          error={errors['portal.studyAccessDelayHours']} onChange={(v) => set('portal.studyAccessDelayHours', v)} />)}
        {row('portal.reportAccessDelayHours', <DelaySetting setting="portal.reportAccessDelayHours" value={draft['portal.reportAccessDelayHours']}
          error={errors['portal.reportAccessDelayHours']} onChange={(v) => set('portal.reportAccessDelayHours', v)} />)}
      </>, t('portalConfig.hints.delays'))}
      {section('issuing', <>
        {row('portal.autoIssue', <CheckSetting setting="portal.autoIssue" checked={draft['portal.autoIssue']} hint={t('portalConfig.hints.portal.autoIssue')}
          error={errors['portal.autoIssue']} onChange={(v) => set('portal.autoIssue', v)} />)}
        {row('portal.notifyOnIssue', <CheckSetting setting="portal.notifyOnIssue" checked={draft['portal.notifyOnIssue']}
          error={errors['portal.notifyOnIssue']} onChange={(v) => set('portal.notifyOnIssue', v)} />)}
      </>)}
      {section('registration', <>
        {row('portal.selfRegistration', <ChoiceSetting setting="portal.selfRegistration" options={SELF_REGISTRATION}
          label={(o) => t(`portalConfig.selfRegistration.${o}`)} value={draft['portal.selfRegistration']} hint={t('portalConfig.hints.portal.selfRegistration')}
          error={errors['portal.selfRegistration']} onChange={(v) => set('portal.selfRegistration', v as Draft['portal.selfRegistration'])} />)}
        {row('portal.autoApproveCreatesPatient', <CheckSetting setting="portal.autoApproveCreatesPatient" checked={draft['portal.autoApproveCreatesPatient']}
          hint={t('portalConfig.hints.portal.autoApproveCreatesPatient')} error={errors['portal.autoApproveCreatesPatient']}
          onChange={(v) => set('portal.autoApproveCreatesPatient', v)} />)}
      </>)}
      {section('accounts', row('portal.activateWithoutConfirmation',
        <CheckSetting setting="portal.activateWithoutConfirmation" checked={draft['portal.activateWithoutConfirmation']}
          hint={t('portalConfig.hints.portal.activateWithoutConfirmation')} error={errors['portal.activateWithoutConfirmation']}
          onChange={(v) => set('portal.activateWithoutConfirmation', v)} />,
      ))}
      {section('rights', row('portal.offeredRights',
        <ChoiceSetting setting="portal.offeredRights" options={PORTAL_RIGHTS} label={(o) => t(`portalConfig.rights.${o}`)}
          value={draft['portal.offeredRights']} hint={t('portalConfig.hints.portal.offeredRights')} error={errors['portal.offeredRights']}
          onChange={(v) => set('portal.offeredRights', v as Draft['portal.offeredRights'])} />,
      ))}
      {section('keys', <>
        {row('keys.expiryDays', <NumberSetting setting="keys.expiryDays" min={1} max={365} value={draft['keys.expiryDays']}
          hint={t('portalConfig.hints.keys.expiryDays')} error={errors['keys.expiryDays']} onChange={(v) => set('keys.expiryDays', v)} />)}
        {row('portal.tempPasswordDays', <NumberSetting setting="portal.tempPasswordDays" min={1} max={90} value={draft['portal.tempPasswordDays']}
          hint={t('portalConfig.hints.portal.tempPasswordDays')} error={errors['portal.tempPasswordDays']} onChange={(v) => set('portal.tempPasswordDays', v)} />)}
      </>)}
    </>
  );
}
