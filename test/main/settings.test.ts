import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods } from '../../common/api';
import { settingsMethods } from '../../common/api/settings';
import { settingRowId } from '../../common/ids';
import { disabledBySwitch } from '../../common/rules/portalSwitch';
import { MUTATIONS } from '../../common/sync/mutations';
import { portalSwitchEvents } from '../../db/queries/settingHistory';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.addStaff('ada', ['portal_admin']);
  await t.addStaff('frida', ['front_desk']);
  await t.addStaff('mads', ['media_management']);
});
afterEach(() => t.close());

const db = () => t.portal.app.store.sqlite;
const count = (sql: string) => (db().prepare(`SELECT count(*) AS n FROM ${sql}`).get() as { n: number }).n;
const written = () => ({
  settings: count('setting'),
  history: count('setting_history'),
  audits: count("audit_event WHERE action LIKE 'settings.%' OR action LIKE 'portal.%'"),
  outbox: count('sync_outbox'),
});
const outbox = () =>
  (db().prepare('SELECT name, args FROM sync_outbox ORDER BY mutation_id').all() as Array<{ name: string; args: string }>).map((r) => ({
    name: r.name,
    args: JSON.parse(r.args) as Record<string, unknown>,
  }));

const SETTINGS_METHODS = Object.keys(settingsMethods) as Array<keyof typeof settingsMethods>;
const validInput: Record<keyof typeof settingsMethods, unknown> = {
  'settings.get': {},
  'settings.save': { changes: { 'portal.sessionMinutes': 30 } },
  'settings.setPortalEnabled': { enabled: true },
  'settings.history': { key: 'portal.sessionMinutes' },
};

describe('permission: only "Manage Patient Portal" reaches the portal configuration', () => {
  it('every settings method requires portal.manage in the contract', () => {
    for (const m of SETTINGS_METHODS) expect(methods[m].access).toBe('portal.manage');
  });

  it.each(SETTINGS_METHODS.flatMap((m) => [['frida', m] as const, ['mads', m] as const]))('%s is refused %s, nothing is written, the refusal is audited', async (who, method) => {
    await t.signIn(who);
    const before = written();
    const r = await t.portal.dispatch({ clientId: 'client-1', transport: 'http' }, method, validInput[method]);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(written()).toEqual(before);
    expect(db().prepare("SELECT detail FROM audit_event WHERE action = 'access.denied'").get()).toEqual({ detail: method });
  });

  it('the portal admin may call each of them', async () => {
    await t.signIn('ada');
    for (const m of SETTINGS_METHODS) {
      const r = await t.portal.dispatch({ clientId: 'client-1', transport: 'http' }, m, validInput[m]);
      expect(r.ok, m).toBe(true);
    }
  });
});

describe('reading the configuration', () => {
  it('shows the defaults of every setting before anything was saved', async () => {
    await t.signIn('ada');
    const c = await t.value('settings.get', {});
    expect(c.enabled).toBe(false);
    expect(c.values).toMatchObject({
      'portal.displayName': 'Patient portal',
      'portal.sessionMinutes': 60,
      'portal.notifyChannels': ['email'],
      'portal.notifyPreference': 'email',
      'portal.studyAccessDelayHours': 0,
      'portal.selfRegistration': 'manual',
      'keys.expiryDays': 30,
    });
    expect(Object.keys(c.values)).toHaveLength(18);
  });
});

describe('saving settings', () => {
  beforeEach(() => t.signIn('ada'));

  it('writes the rows, a history row per setting, an audit event per setting and one mutation for the hub', async () => {
    const r = await t.value('settings.save', {
      changes: { 'portal.displayName': '  Nordklinikken  ', 'portal.sessionMinutes': 30, 'portal.notifyChannels': ['sms', 'email'], 'portal.notifyPreference': 'sms' },
      reason: 'new opening hours',
    });
    expect(r.changed).toEqual(['portal.displayName', 'portal.notifyChannels', 'portal.notifyPreference', 'portal.sessionMinutes']);
    expect(r.values['portal.displayName']).toBe('Nordklinikken');
    expect(r.values['portal.notifyChannels']).toEqual(['email', 'sms']);

    const row = db().prepare("SELECT * FROM setting WHERE key = 'portal.sessionMinutes'").get() as Record<string, unknown>;
    expect(row).toMatchObject({ value: '30', clinic_id: t.clinicId, id: settingRowId(t.clinicId, 'portal.sessionMinutes'), deleted_at: null });
    const audits = db().prepare("SELECT action, entity_id FROM audit_event WHERE action = 'settings.change' ORDER BY entity_id").all();
    expect(audits).toHaveLength(4);

    const [m] = outbox();
    expect(m?.name).toBe('settings.put');
    const args = MUTATIONS['settings.put'].parse(m?.args);
    expect(args.values).toEqual({
      'portal.displayName': 'Nordklinikken',
      'portal.notifyChannels': ['email', 'sms'],
      'portal.notifyPreference': 'sms',
      'portal.sessionMinutes': 30,
    });
    expect(args.put.setting.map((s) => s.key).sort()).toEqual(Object.keys(args.values).sort());
    expect(args.put.setting_history).toHaveLength(4);
    expect(args.portal).toBeUndefined();
  });

  it('a save that changes nothing writes nothing', async () => {
    const before = written();
    const r = await t.value('settings.save', { changes: { 'portal.sessionMinutes': 60, 'portal.notifyChannels': ['email'] } });
    expect(r.changed).toEqual([]);
    expect(written()).toEqual(before);
  });

  it('channel lists in another order are no change', async () => {
    await t.value('settings.save', { changes: { 'portal.authChannels': ['email', 'sms'] } });
    const before = written();
    expect((await t.value('settings.save', { changes: { 'portal.authChannels': ['sms', 'email'] } })).changed).toEqual([]);
    expect(written()).toEqual(before);
  });

  it.each([
    ['portal.displayName', 'x'.repeat(101), 'errors.tooLong', { max: 100 }],
    ['portal.displayName', '   ', 'errors.required', undefined],
    ['portal.sessionMinutes', 14, 'errors.tooSmall', { min: 15 }],
    ['portal.sessionMinutes', 30.5, 'portalConfig.errors.wholeNumber', undefined],
    ['portal.sessionMinutes', null, 'errors.required', undefined],
    ['portal.studyAccessDelayHours', -1, 'errors.tooSmall', { min: 0 }],
    ['portal.reportAccessDelayHours', 90 * 24 + 1, 'errors.tooLarge', { max: 2160 }],
    ['portal.notifyChannels', [], 'errors.tooFew', { min: 1 }],
    ['portal.authChannels', ['fax'], 'errors.invalid', undefined],
    ['keys.expiryDays', 0, 'errors.tooSmall', { min: 1 }],
    ['portal.tempPasswordDays', 91, 'errors.tooLarge', { max: 90 }],
    ['portal.selfRegistration', 'always', 'errors.invalid', undefined],
    ['portal.autoIssue', 'yes', 'errors.invalid', undefined],
  ] as const)('refuses %s = %j at its field (%s) and writes nothing, not even the valid change beside it', async (key, value, i18nKey, params) => {
    const before = written();
    const r = await t.call('settings.save', { changes: { 'portal.notifyOnNewStudy': true, [key]: value } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'invalid_input', field: key, key: i18nKey });
    if (params) expect(r.error.params).toEqual(params);
    expect(written()).toEqual(before);
    expect((await t.value('settings.get', {})).values['portal.notifyOnNewStudy']).toBe(false);
  });

  it('accepts the limits themselves: 100 characters and 15 minutes', async () => {
    const r = await t.value('settings.save', { changes: { 'portal.displayName': 'x'.repeat(100), 'portal.sessionMinutes': 15 } });
    expect(r.changed).toEqual(['portal.displayName', 'portal.sessionMinutes']);
  });

  it('refuses a preference the clinic has not enabled, at the preference', async () => {
    const before = written();
    const r = await t.call('settings.save', { changes: { 'portal.authPreference': 'sms' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'portal.authPreference', key: 'portalConfig.errors.preferenceNotEnabled' } });
    expect(written()).toEqual(before);
  });

  it('refuses a setting that is not on the screen (the switch has its own command)', async () => {
    const r = await t.portal.dispatch({ clientId: 'client-1', transport: 'http' }, 'settings.save', { changes: { 'portal.enabled': false } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(written().history).toBe(0);
  });
});

describe('history of each setting', () => {
  beforeEach(() => t.signIn('ada'));

  it('records who, when, the old and the new value and why, newest first', async () => {
    await t.value('settings.save', { changes: { 'portal.sessionMinutes': 30 }, reason: 'shorter sessions' });
    t.clock.advance(60_000);
    await t.value('settings.save', { changes: { 'portal.sessionMinutes': 45 } });
    const h = await t.value('settings.history', { key: 'portal.sessionMinutes' });
    expect(h).toEqual([
      { id: expect.any(String), key: 'portal.sessionMinutes', at: '2026-11-22T09:01:00.000Z', by: 'ada', oldValue: 30, newValue: 45, reason: null },
      { id: expect.any(String), key: 'portal.sessionMinutes', at: '2026-11-22T09:00:00.000Z', by: 'ada', oldValue: 60, newValue: 30, reason: 'shorter sessions' },
    ]);
    expect(await t.value('settings.history', { key: 'portal.displayName' })).toEqual([]);
  });

  it('keeps arrays and enums as values', async () => {
    await t.value('settings.save', { changes: { 'portal.offeredRights': ['ebooking'], 'portal.selfRegistration': 'automaticStrong' } });
    const [rights] = await t.value('settings.history', { key: 'portal.offeredRights' });
    expect(rights).toMatchObject({ oldValue: ['econsultation', 'ebooking', 'eprescription'], newValue: ['ebooking'] });
    const [reg] = await t.value('settings.history', { key: 'portal.selfRegistration' });
    expect(reg).toMatchObject({ oldValue: 'manual', newValue: 'automaticStrong' });
  });

  it('refuses an unknown key', async () => {
    const r = await t.portal.dispatch({ clientId: 'client-1', transport: 'http' }, 'settings.history', { key: 'app.demo' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'key' } });
  });
});

describe('the portal switch', () => {
  beforeEach(() => t.signIn('ada'));

  it('disabling records the turn with its reason, audits it and tells the hub; enabling again is its own turn', async () => {
    await t.value('settings.setPortalEnabled', { enabled: true });
    t.clock.advance(1000);
    const off = await t.value('settings.setPortalEnabled', { enabled: false, reason: 'moving to a new system' });
    expect(off.enabled).toBe(false);
    t.clock.advance(1000);
    const on = await t.value('settings.setPortalEnabled', { enabled: true });
    expect(on.enabled).toBe(true);

    const turns = outbox().filter((m) => m.name === 'settings.put').map((m) => MUTATIONS['settings.put'].parse(m.args));
    expect(turns.map((a) => [a.portal, a.values])).toEqual([
      ['enabled', { 'portal.enabled': true }],
      ['disabled', { 'portal.enabled': false }],
      ['enabled', { 'portal.enabled': true }],
    ]);
    expect(db().prepare("SELECT action FROM audit_event WHERE action LIKE 'portal.%' ORDER BY rowid").all()).toEqual([
      { action: 'portal.enable' },
      { action: 'portal.disable' },
      { action: 'portal.enable' },
    ]);
    const history = await t.value('settings.history', { key: 'portal.enabled' });
    expect(history[1]).toMatchObject({ oldValue: true, newValue: false, by: 'ada', reason: 'moving to a new system' });
  });

  it('gives the issued-keys feature the disable that switched a key off, which a later enable does not undo', async () => {
    await t.value('settings.setPortalEnabled', { enabled: true });
    const keyIssuedAt = '2026-11-22T09:00:00.500Z';
    t.clock.advance(1000);
    await t.value('settings.setPortalEnabled', { enabled: false, reason: 'contract ended' });
    t.clock.advance(1000);
    await t.value('settings.setPortalEnabled', { enabled: true });
    const events = portalSwitchEvents(t.portal.app.store);
    expect(events.map((e) => e.enabled)).toEqual([true, false, true]);
    expect(disabledBySwitch(keyIssuedAt, events)).toMatchObject({ at: '2026-11-22T09:00:01.000Z', by: 'ada', reason: 'contract ended', enabled: false });
    expect(disabledBySwitch('2026-11-22T09:00:03.000Z', events)).toBeNull();
  });

  it('turning it to where it already is writes nothing', async () => {
    const before = written();
    await t.value('settings.setPortalEnabled', { enabled: false });
    expect(written()).toEqual(before);
  });
});
