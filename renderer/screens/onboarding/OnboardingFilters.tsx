import { useTranslation } from 'react-i18next';
import { PORTAL_GROUPS, type PortalGroup } from '../../../common/rules/portalStatus';
import { Field } from '../../components/Field';
import { GROUP_COLOUR } from '../portal/statusText';

export interface Filters {
  group: PortalGroup | '';
  hasEmail: '' | 'yes' | 'no';
  hasUsername: '' | 'yes' | 'no';
  studyAfter: string;
}

export const NO_FILTERS: Filters = { group: '', hasEmail: '', hasUsername: '', studyAfter: '' };

function YesNo({ id, label, value, onChange }: { id: string; label: string; value: Filters['hasEmail']; onChange(v: Filters['hasEmail']): void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Filters['hasEmail'])}>
        <option value="">{t('onboarding.filters.any')}</option>
        <option value="yes">{t('onboarding.filters.yes')}</option>
        <option value="no">{t('onboarding.filters.no')}</option>
      </select>
    </div>
  );
}

/** Every change applies at once: the filtering happens in SQL, a page at a time. */
export function OnboardingFilters({ value, onChange, error }: { value: Filters; onChange(f: Filters): void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="filters" role="group" aria-label={t('onboarding.filters.label')}>
      <div className="field">
        <label htmlFor="onboarding-status">{t('onboarding.filters.status')}</label>
        <select id="onboarding-status" autoFocus value={value.group} onChange={(e) => onChange({ ...value, group: e.target.value as PortalGroup | '' })}>
          <option value="">{t('onboarding.filters.any')}</option>
          {PORTAL_GROUPS.map((g) => (
            <option key={g} value={g} data-colour={GROUP_COLOUR[g]}>{t(`portal.status.group.${g}`)}</option>
          ))}
        </select>
      </div>
      <YesNo id="onboarding-email" label={t('onboarding.filters.hasEmail')} value={value.hasEmail} onChange={(hasEmail) => onChange({ ...value, hasEmail })} />
      <YesNo id="onboarding-username" label={t('onboarding.filters.hasUsername')} value={value.hasUsername} onChange={(hasUsername) => onChange({ ...value, hasUsername })} />
      <Field label={t('onboarding.filters.studyAfter')} type="date" value={value.studyAfter} error={error}
        hint={t('onboarding.filters.studyHint')} onChange={(e) => onChange({ ...value, studyAfter: e.target.value })} />
    </div>
  );
}
