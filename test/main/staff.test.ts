import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods } from '../../common/api';
import { staffMethods } from '../../common/api/staff';
import { checkPassword } from '../../common/rules/password';
import { isCommonPassword } from '../../common/rules/commonPasswords';
import { MUTATIONS } from '../../common/sync/mutations';
import { generateTemporaryPassword } from '../../main/services/staffAccounts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let t: TestApp;
let ids: { ada: string; frida: string; mads: string };
beforeEach(async () => {
  t = await createTestApp();
  ids = {
    ada: await t.addStaff('ada', ['portal_admin']),
    frida: await t.addStaff('frida', ['front_desk']),
    mads: await t.addStaff('mads', ['media_management']),
  };
});
afterEach(() => t.close());

const db = () => t.portal.app.store.sqlite;
const count = (sql: string) => (db().prepare(`SELECT count(*) AS n FROM ${sql}`).get() as { n: number }).n;
const snapshot = () => ({
  staff: db().prepare('SELECT * FROM staff_user ORDER BY id').all(),
  roles: db().prepare('SELECT * FROM staff_role ORDER BY staff_id, role').all(),
  audits: count("audit_event WHERE action LIKE 'staff.%'"),
  outbox: count('sync_outbox'),
});
const staffPuts = () =>
  (db().prepare("SELECT args FROM sync_outbox WHERE name = 'rows.put' ORDER BY mutation_id").all() as Array<{ args: string }>)
    .map((r) => MUTATIONS['rows.put'].parse(JSON.parse(r.args)).put.staff_user)
    .filter((rows): rows is NonNullable<typeof rows> => !!rows);

const STAFF_METHODS = Object.keys(staffMethods) as Array<keyof typeof staffMethods>;
const input = (): Record<keyof typeof staffMethods, unknown> => ({
  'staff.list': {},
  'staff.unlock': { id: ids.frida },
  'staff.create': { username: 'new.person', displayName: 'New Person', roles: ['front_desk'] },
  'staff.update': { id: ids.frida, displayName: 'Frida F', roles: ['front_desk'], portalAuthorised: true },
  'staff.setDisabled': { id: ids.frida, disabled: true },
  'staff.resetPassword': { id: ids.frida },
});

describe('permission: only staff.manage reaches staff administration', () => {
  it('every staff method requires staff.manage', () => {
    for (const m of STAFF_METHODS) expect(methods[m].access).toBe('staff.manage');
  });

  it.each(STAFF_METHODS.flatMap((m) => [['frida', m] as const, ['mads', m] as const]))('%s is refused %s and nothing changes', async (who, method) => {
    await t.signIn(who);
    const before = snapshot();
    const r = await t.portal.dispatch({ clientId: 'client-1', transport: 'http' }, method, input()[method]);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(snapshot()).toEqual(before);
  });
});

describe('creating staff', () => {
  beforeEach(() => t.signIn('ada'));

  it('creates with a generated temporary password shown once, forced to change it at first sign-in', async () => {
    const r = await t.value('staff.create', { username: ' Bo.Hansen ', displayName: 'Bo Hansen', roles: ['front_desk', 'media_management'], portalAuthorised: true });
    expect(r.staff).toMatchObject({ username: 'bo.hansen', displayName: 'Bo Hansen', roles: ['front_desk', 'media_management'], portalAuthorised: true, mustChangePassword: true, disabled: false });
    expect(checkPassword(r.temporaryPassword, { isCommon: isCommonPassword, username: 'bo.hansen' })).toBeNull();
    const stored = db().prepare("SELECT password_hash FROM staff_user WHERE username = 'bo.hansen'").get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(r.temporaryPassword);
    // nowhere else: not in the audit trail, not in the outbox
    expect(JSON.stringify(db().prepare('SELECT * FROM audit_event').all())).not.toContain(r.temporaryPassword);
    expect(JSON.stringify(db().prepare('SELECT * FROM sync_outbox').all())).not.toContain(r.temporaryPassword);
    // the list never shows it again
    expect(JSON.stringify(await t.value('staff.list', {}))).not.toContain(r.temporaryPassword);

    const s = await t.value('auth.signIn', { username: 'bo.hansen', password: r.temporaryPassword }, 'bo-tab');
    expect(s.staff?.mustChangePassword).toBe(true);
    expect(await t.call('patients.search', { text: 'x' }, 'bo-tab')).toMatchObject({ ok: false, error: { key: 'errors.passwordChangeRequired' } });
  });

  it('sends the staff row to the clinic\'s other workstations: roles, portal flag, the hash but never the temporary password', async () => {
    const r = await t.value('staff.create', { username: 'bo.h', displayName: 'Bo Hansen', roles: ['front_desk'], portalAuthorised: true });
    expect(staffPuts()).toEqual([[expect.objectContaining({
      id: r.staff.id, clinic_id: t.clinicId, username: 'bo.h', display_name: 'Bo Hansen', portal_authorised: 1, disabled: 0,
      roles: 'front_desk', must_change_password: 1, password_hash: expect.stringMatching(/^scrypt\$/),
    })]]);
    expect(JSON.stringify(db().prepare("SELECT args FROM sync_outbox").all())).not.toContain(r.temporaryPassword);
    expect(db().prepare("SELECT action, entity_id, detail FROM audit_event WHERE action = 'staff.create'").get()).toEqual({ action: 'staff.create', entity_id: r.staff.id, detail: 'front_desk' });
  });

  it('takes a typed temporary password that meets the policy', async () => {
    const r = await t.value('staff.create', { username: 'bo.h', displayName: 'Bo', roles: ['front_desk'], password: 'blue kettle on the stove' });
    expect(r.temporaryPassword).toBe('blue kettle on the stove');
    expect((await t.call('auth.signIn', { username: 'bo.h', password: 'blue kettle on the stove' }, 'bo-tab')).ok).toBe(true);
  });

  it.each([
    [{ username: 'ab' }, 'username', 'errors.usernameTooShort'],
    [{ username: 'Bo Hansen' }, 'username', 'errors.usernameChars'],
    [{ username: 'frida' }, 'username', 'staffAdmin.errors.usernameTaken'],
    [{ displayName: ' ' }, 'displayName', 'errors.required'],
    [{ displayName: 'x'.repeat(101) }, 'displayName', 'errors.tooLong'],
    [{ roles: [] }, 'roles', 'errors.tooFew'],
    [{ password: 'short' }, 'password', 'errors.passwordTooShort'],
    [{ password: 'password1234' }, 'password', 'errors.passwordCommon'],
    [{ password: 'bo.hansen is here' }, 'password', 'errors.passwordContainsUsername'],
  ])('refuses %j at the field %s (%s) and writes nothing', async (patch, field, key) => {
    const before = snapshot();
    const r = await t.call('staff.create', { username: 'bo.hansen', displayName: 'Bo', roles: ['front_desk'], ...patch } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field, key } });
    expect(snapshot()).toEqual(before);
  });

  it('generated passwords meet the policy and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const pw = generateTemporaryPassword();
      expect(pw).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(checkPassword(pw, { isCommon: isCommonPassword })).toBeNull();
      seen.add(pw);
    }
    expect(seen.size).toBe(50);
  });
});

describe('changing staff', () => {
  beforeEach(() => t.signIn('ada'));

  it('assigns roles, renames and sets the portal flag; a signed-in person gets the new permissions at once', async () => {
    await t.signIn('frida', 'frida-tab');
    expect((await t.call('audit.list', {}, 'frida-tab')).ok).toBe(false);
    const row = await t.value('staff.update', { id: ids.frida, displayName: 'Frida Front', roles: ['front_desk', 'portal_admin'], portalAuthorised: true });
    expect(row).toMatchObject({ displayName: 'Frida Front', roles: ['front_desk', 'portal_admin'], portalAuthorised: true });
    expect((await t.call('audit.list', {}, 'frida-tab')).ok).toBe(true);
    expect(db().prepare("SELECT detail FROM audit_event WHERE action = 'staff.update'").get()).toEqual({ detail: 'displayName,roles,portalAuthorised' });
    expect(staffPuts().at(-1)?.[0]).toMatchObject({ id: ids.frida, display_name: 'Frida Front', portal_authorised: 1, disabled: 0, roles: 'front_desk,portal_admin' });
  });

  it('a change of roles travels too, so every workstation grants the same; no change at all writes nothing', async () => {
    await t.value('staff.update', { id: ids.frida, displayName: 'frida', roles: ['front_desk', 'media_management'], portalAuthorised: false });
    expect(staffPuts().at(-1)?.[0]).toMatchObject({ id: ids.frida, roles: 'front_desk,media_management' });
    const before = snapshot();
    await t.value('staff.update', { id: ids.frida, displayName: 'frida', roles: ['media_management', 'front_desk'], portalAuthorised: false });
    expect(snapshot()).toEqual(before);
  });

  it('disables: sign-in refused, open sessions end, the hub learns the person is inactive; enabling restores sign-in', async () => {
    await t.signIn('frida', 'frida-tab');
    const row = await t.value('staff.setDisabled', { id: ids.frida, disabled: true });
    expect(row.disabled).toBe(true);
    expect(await t.call('patients.search', { text: 'x' }, 'frida-tab')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD }, 'frida-tab')).toMatchObject({ ok: false, error: { key: 'errors.accountDisabled' } });
    expect(staffPuts().at(-1)?.[0]).toMatchObject({ id: ids.frida, disabled: 1 });
    await t.value('staff.setDisabled', { id: ids.frida, disabled: false });
    expect((await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD }, 'frida-tab')).ok).toBe(true);
    expect(db().prepare("SELECT action FROM audit_event WHERE action IN ('staff.disable', 'staff.enable') ORDER BY rowid").all()).toEqual([
      { action: 'staff.disable' },
      { action: 'staff.enable' },
    ]);
  });

  it('resets a password: temporary, forced change, old password dead, lockout cleared, other sessions ended', async () => {
    await t.signIn('frida', 'frida-tab');
    db().prepare("UPDATE staff_user SET locked_at = '2026-11-22T08:00:00.000Z', failed_attempts = 10 WHERE username = 'frida'").run();
    const r = await t.value('staff.resetPassword', { id: ids.frida });
    expect(r.staff).toMatchObject({ mustChangePassword: true, locked: false, failedAttempts: 0 });
    expect(await t.call('patients.search', { text: 'x' }, 'frida-tab')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD }, 'frida-tab')).ok).toBe(false);
    const s = await t.value('auth.signIn', { username: 'frida', password: r.temporaryPassword }, 'frida-tab');
    expect(s.staff?.mustChangePassword).toBe(true);
    expect(JSON.stringify(db().prepare('SELECT * FROM audit_event').all())).not.toContain(r.temporaryPassword);
  });

  it('refuses a typed reset password that fails the policy, at the field, and keeps the old one', async () => {
    const r = await t.call('staff.resetPassword', { id: ids.frida, password: 'frida frida frida' });
    expect(r).toMatchObject({ ok: false, error: { field: 'password', key: 'errors.passwordContainsUsername' } });
    expect((await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD }, 'frida-tab')).ok).toBe(true);
  });

  it('unlocks a locked account', async () => {
    db().prepare("UPDATE staff_user SET locked_at = '2026-11-22T08:00:00.000Z', failed_attempts = 10 WHERE username = 'frida'").run();
    expect(await t.value('staff.unlock', { id: ids.frida })).toMatchObject({ locked: false, failedAttempts: 0 });
  });

  it('answers not_found for an unknown id', async () => {
    const r = await t.call('staff.setDisabled', { id: '0190f5a0-0000-7000-8000-000000000000', disabled: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the clinic keeps an active admin', () => {
  beforeEach(() => t.signIn('ada'));

  it('the last admin cannot demote themselves: refused at the roles field, nothing written', async () => {
    const before = snapshot();
    const r = await t.call('staff.update', { id: ids.ada, displayName: 'ada', roles: ['front_desk'], portalAuthorised: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'roles', key: 'staffAdmin.errors.lastAdmin' } });
    expect(snapshot()).toEqual(before);
  });

  it('the last admin cannot disable themselves', async () => {
    const r = await t.call('staff.setDisabled', { id: ids.ada, disabled: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'disabled', key: 'staffAdmin.errors.lastAdmin' } });
    expect((await t.value('staff.list', {})).find((s) => s.id === ids.ada)?.disabled).toBe(false);
  });

  it('a disabled second admin does not count; an active one does, and then stepping down works and takes effect at once', async () => {
    const bo = await t.addStaff('bo', ['portal_admin']);
    await t.value('staff.setDisabled', { id: bo, disabled: true });
    expect((await t.call('staff.setDisabled', { id: ids.ada, disabled: true })).ok).toBe(false);
    await t.value('staff.setDisabled', { id: bo, disabled: false });
    await t.value('staff.update', { id: ids.ada, displayName: 'ada', roles: ['front_desk'], portalAuthorised: false });
    expect(await t.call('staff.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
