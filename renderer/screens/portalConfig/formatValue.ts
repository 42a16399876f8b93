import type { TFunction } from 'i18next';
import type { HistoryKey } from '../../../common/api/settings';
import { delayInUnits } from '../../../common/rules/delay';

/** A setting's value as the history shows it: words, not JSON. */
export function formatValue(t: TFunction, key: HistoryKey, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  switch (key) {
    case 'portal.notifyChannels':
    case 'portal.authChannels':
      return listOf(t, value, 'portalConfig.channels');
    case 'portal.notifyPreference':
    case 'portal.authPreference':
      return t(`portalConfig.channels.${String(value)}`);
    case 'portal.offeredRights':
      return listOf(t, value, 'portalConfig.rights');
    case 'portal.selfRegistration':
      return t(`portalConfig.selfRegistration.${String(value)}`);
    case 'portal.sessionMinutes':
      return t('portalConfig.values.minutes', { count: Number(value) });
    case 'portal.studyAccessDelayHours':
    case 'portal.reportAccessDelayHours': {
      const hours = Number(value);
      if (hours === 0) return t('portalConfig.values.immediately');
      const { amount, unit } = delayInUnits(hours);
      return t(`portalConfig.values.${unit}`, { count: amount });
    }
    case 'keys.expiryDays':
    case 'portal.tempPasswordDays':
      return t('portalConfig.values.days', { count: Number(value) });
    default:
      return String(value);
  }
}

function listOf(t: TFunction, value: unknown, prefix: string): string {
  const items = Array.isArray(value) ? value : [];
  return items.length ? items.map((v) => t(`${prefix}.${String(v)}`)).join(', ') : t('portalConfig.values.none');
}
