import { describe, expect, it } from 'vitest';
import { HISTORY_KEYS } from '../../common/api/settings';
import { catalogs } from '../../common/i18n';
import { checkPortalConfig, firstConfigError } from '../../common/rules/portalConfig';
import { PORTAL_CONFIG_KEYS, SETTINGS, type PortalConfigValues } from '../../common/settings';

const defaults = Object.fromEntries(PORTAL_CONFIG_KEYS.map((k) => [k, SETTINGS[k].default])) as PortalConfigValues;

const lookup = (catalog: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);

describe('checking configuration changes', () => {
  it('a preference must be one of the enabled channels, judged on the configuration after the change', () => {
    expect(checkPortalConfig(defaults, { 'portal.notifyPreference': 'sms' }).errors['portal.notifyPreference']?.key).toBe('portalConfig.errors.preferenceNotEnabled');
    expect(checkPortalConfig(defaults, { 'portal.notifyChannels': ['sms'] }).errors['portal.notifyPreference']?.field).toBe('portal.notifyPreference');
    const both = checkPortalConfig(defaults, { 'portal.notifyChannels': ['sms'], 'portal.notifyPreference': 'sms' });
    expect(both.errors).toEqual({});
    expect(both.changed).toEqual(['portal.notifyChannels', 'portal.notifyPreference']);
  });

  it('an invalid channel list is reported once, at the list, not again at the preference', () => {
    const r = checkPortalConfig(defaults, { 'portal.authChannels': [] });
    expect(Object.keys(r.errors)).toEqual(['portal.authChannels']);
  });

  it('reports the first problem in screen order for an API with one field', () => {
    const r = checkPortalConfig(defaults, { 'keys.expiryDays': 0, 'portal.displayName': '' });
    expect(firstConfigError(r.errors)?.field).toBe('portal.displayName');
  });

  it('trims the display name and keeps lists in a fixed order, so equal settings are no change', () => {
    const r = checkPortalConfig(defaults, { 'portal.displayName': ' Patient portal ', 'portal.offeredRights': ['eprescription', 'econsultation', 'ebooking'] });
    expect(r.changed).toEqual([]);
  });
});

describe('the screen has words for every setting and every error the services return', () => {
  const keys = [
    ...HISTORY_KEYS.map((k) => `portalConfig.fields.${k}`),
    'portalConfig.errors.preferenceNotEnabled',
    'portalConfig.errors.wholeNumber',
    'staffAdmin.errors.usernameTaken',
    'staffAdmin.errors.lastAdmin',
  ];
  it.each(['en', 'da'] as const)('%s', (language) => {
    for (const key of keys) expect(typeof lookup(catalogs[language], key), key).toBe('string');
  });
});
