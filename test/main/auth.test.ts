import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_AFTER, throttleSeconds } from '../../main/services/auth';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ idleLockSeconds: 60 });
  await t.addStaff('frida', ['front_desk']);
  await t.addStaff('ada', ['portal_admin']);
});
afterEach(() => t.close());

const audits = () =>
  t.portal.app.store.sqlite.prepare('SELECT action, outcome, detail FROM audit_event ORDER BY rowid').all() as Array<{ action: string; outcome: string; detail: string | null }>;
const staff = (username: string) =>
  t.portal.app.store.sqlite.prepare('SELECT failed_attempts, locked_at, throttle_until FROM staff_user WHERE username = ?').get(username) as {
    failed_attempts: number; locked_at: string | null; throttle_until: string | null;
  };

describe('staff sign-in', () => {
  it('signs in with the right password, case-insensitively on the username, and audits it', async () => {
    const s = await t.value('auth.signIn', { username: ' Frida ', password: TEST_PASSWORD });
    expect(s.staff).toMatchObject({ username: 'frida', roles: ['front_desk'] });
    expect(s.staff?.permissions).toContain('portal.frontDesk');
    expect(s.staff?.permissions).not.toContain('portal.manage');
    expect(audits()).toEqual([{ action: 'auth.signIn', outcome: 'ok', detail: null }]);
  });

  it('a wrong password answers at the password field and opens no session', async () => {
    const r = await t.call('auth.signIn', { username: 'frida', password: 'wrong password here' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'password', key: 'errors.signInFailed' } });
    expect((await t.value('session.state', {})).staff).toBeNull();
    expect(audits()).toEqual([{ action: 'auth.signIn', outcome: 'failed', detail: 'failure 1' }]);
  });

  it('an unknown username fails the same way as a wrong password', async () => {
    const r = await t.call('auth.signIn', { username: 'nobody', password: 'wrong password here' });
    expect(r).toMatchObject({ ok: false, error: { field: 'password', key: 'errors.signInFailed' } });
  });

  it('slows down after repeated failures and refuses attempts until the wait is over', async () => {
    for (let i = 0; i < 3; i++) await t.call('auth.signIn', { username: 'frida', password: 'wrong password here' });
    expect(staff('frida').throttle_until).not.toBeNull();
    const r = await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.tooManyAttempts', params: { seconds: 1 } } });
    t.clock.advance(1_000);
    expect((await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD })).ok).toBe(true);
    expect(staff('frida').failed_attempts).toBe(0);
  });

  it('the wait doubles and is capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(throttleSeconds)).toEqual([0, 0, 0, 1, 2, 4, 8, 60]);
  });

  it(`locks after ${LOCK_AFTER} failures in a row; an admin unlocks; all of it audited`, async () => {
    for (let i = 0; i < LOCK_AFTER; i++) {
      await t.call('auth.signIn', { username: 'frida', password: 'wrong password here' });
      t.clock.advance(61_000);
    }
    expect(staff('frida').locked_at).not.toBeNull();
    expect(audits().some((a) => a.action === 'auth.lockout')).toBe(true);
    const r = await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.accountLocked' } });

    await t.signIn('ada', 'admin-tab');
    const id = (await t.value('staff.list', {}, 'admin-tab')).find((s) => s.username === 'frida')?.id as string;
    const row = await t.value('staff.unlock', { id }, 'admin-tab');
    expect(row).toMatchObject({ locked: false, failedAttempts: 0 });
    expect(audits().some((a) => a.action === 'staff.unlock')).toBe(true);
    expect((await t.call('auth.signIn', { username: 'frida', password: TEST_PASSWORD })).ok).toBe(true);
  });

  it('front desk cannot unlock staff', async () => {
    await t.signIn('frida');
    expect(await t.call('staff.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('idle lock', () => {
  it('after the idle time every PHI method answers unauthenticated; unlocking needs the password', async () => {
    await t.signIn('frida');
    expect((await t.call('patients.search', { text: 'a' })).ok).toBe(true);
    t.clock.advance(60_000);
    expect(await t.call('patients.search', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const state = await t.value('session.state', {});
    expect(state).toMatchObject({ locked: true, staff: { username: 'frida' } });
    expect(await t.call('auth.unlock', { password: 'not my password' })).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await t.call('patients.search', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await t.value('auth.unlock', { password: TEST_PASSWORD });
    expect((await t.call('patients.search', { text: 'a' })).ok).toBe(true);
    expect(audits().map((a) => a.action)).toContain('auth.idleLock');
  });

  it('activity keeps the session open; status calls do not count as activity', async () => {
    await t.signIn('frida');
    t.clock.advance(50_000);
    await t.value('session.heartbeat', {});
    t.clock.advance(50_000);
    expect((await t.call('patients.search', { text: 'a' })).ok).toBe(true);
    t.clock.advance(50_000);
    await t.value('session.state', {});
    t.clock.advance(20_000);
    expect(await t.call('patients.search', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('the staff member can lock at once, and someone else can sign in instead', async () => {
    await t.signIn('frida');
    await t.value('auth.lock', {});
    expect(await t.call('patients.search', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await t.value('auth.signOut', {});
    await t.signIn('ada');
    expect((await t.value('session.state', {})).staff?.username).toBe('ada');
  });
});

describe('password change', () => {
  it('a staff member with a temporary password can do nothing else until it is changed', async () => {
    await t.addStaff('temp', ['front_desk'], { mustChangePassword: true });
    await t.signIn('temp');
    expect(await t.call('patients.search', { text: 'a' })).toMatchObject({ ok: false, error: { key: 'errors.passwordChangeRequired' } });
    expect(await t.call('auth.changePassword', { current: TEST_PASSWORD, next: 'short' })).toMatchObject({ ok: false, error: { field: 'next', key: 'errors.passwordTooShort' } });
    expect(await t.call('auth.changePassword', { current: TEST_PASSWORD, next: 'password1234' })).toMatchObject({ ok: false, error: { field: 'next', key: 'errors.passwordCommon' } });
    const s = await t.value('auth.changePassword', { current: TEST_PASSWORD, next: 'a brand new pass phrase' });
    expect(s.staff?.mustChangePassword).toBe(false);
    expect((await t.call('patients.search', { text: 'a' })).ok).toBe(true);
  });
});
