import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import type { TestApp } from '../helpers/app';
import { audits, one, outbox, patientIds, portalTestApp, written } from '../helpers/portal';

let t: TestApp;
let P: string;
beforeEach(async () => {
  t = await portalTestApp();
  P = patientIds(t, 'email')[0] as string;
  const p = one(t, 'SELECT email, postal_code FROM patient WHERE id = ?', P);
  await t.value('portal.create', {
    patientId: P,
    email: p?.email as string,
    postalCode: p?.postal_code as string,
    username: 'lena.portal',
    rights: ['econsultation', 'ebooking', 'eprescription'],
    wantsElectronicReply: false,
  });
});
afterEach(() => t.close());

const last = () => outbox(t).at(-1);
const accountId = () => one(t, 'SELECT id FROM portal_account WHERE patient_id = ? AND deleted_at IS NULL', P)?.id as string;
/** The hub's state row, as a pull would bring it. */
function hubState(fields: Record<string, string | number | null>) {
  t.portal.app.store.sqlite
    .prepare(`INSERT INTO portal_account_state (id, clinic_id, account_id, status, invited_at, activated_at, last_sign_in_at, failed_attempts, locked_at, version)
      VALUES (@id, @clinic_id, @account_id, @status, @invited_at, @activated_at, @last_sign_in_at, @failed_attempts, @locked_at, @version)`)
    .run({ id: newId(), clinic_id: t.clinicId, account_id: accountId(), invited_at: null, activated_at: null, last_sign_in_at: null, failed_attempts: 0, locked_at: null, version: 1, ...fields });
}

describe('rights (seed 002: tildel/fjern adgang)', () => {
  it('removing all rights keeps the account, its profile and history', async () => {
    const v = await t.value('portal.update', { patientId: P, username: 'lena.portal', rights: [], wantsElectronicReply: true, postalCode: '' + (one(t, 'SELECT postal_code FROM patient WHERE id = ?', P)?.postal_code as string) });
    expect(v.account).toMatchObject({ id: accountId(), rights: [], wantsElectronicReply: true, username: 'lena.portal' });
    expect(v.status.kind).toBe('awaiting');
    expect(last()).toMatchObject({ name: 'portal.update', args: { changed: ['rights', 'wantsElectronicReply'] } });
    expect(audits(t, 'portal.update')[0]?.detail).toBe('changed: rights,wantsElectronicReply; rights: none');
  });

  it('saving without a change writes nothing', async () => {
    const before = written(t);
    const pc = one(t, 'SELECT postal_code FROM patient WHERE id = ?', P)?.postal_code as string;
    await t.value('portal.update', { patientId: P, username: 'lena.portal', rights: ['econsultation', 'ebooking', 'eprescription'], wantsElectronicReply: false, postalCode: pc });
    expect(written(t)).toEqual(before);
  });

  it('a username change is checked and travels to the hub', async () => {
    const pc = one(t, 'SELECT postal_code FROM patient WHERE id = ?', P)?.postal_code as string;
    const v = await t.value('portal.update', { patientId: P, username: 'Lena.H', rights: ['econsultation'], wantsElectronicReply: false, postalCode: pc });
    expect(v.account?.username).toBe('lena.h');
    expect(last()?.args.changed).toEqual(['rights', 'username']);
  });
});

describe('access (enable / disable)', () => {
  it('disabling shows Disabled; enabling again brings the status back', async () => {
    expect((await t.value('portal.setAccess', { patientId: P, enabled: false })).status).toMatchObject({ kind: 'disabled', reasons: ['accessDisabled'] });
    expect(last()).toMatchObject({ name: 'portal.setAccess', args: { enabled: false } });
    expect((await t.value('portal.setAccess', { patientId: P, enabled: true })).status.kind).toBe('awaiting');
    expect(audits(t, 'portal.disable')).toHaveLength(1);
    expect(audits(t, 'portal.enable')).toHaveLength(1);
  });

  it('enabling needs a postal code on file: the message is at the field, nothing written', async () => {
    await t.value('portal.setAccess', { patientId: P, enabled: false });
    t.portal.app.store.sqlite.prepare('UPDATE patient SET postal_code = NULL WHERE id = ?').run(P);
    const before = written(t);
    expect(await t.call('portal.setAccess', { patientId: P, enabled: true })).toMatchObject({ ok: false, error: { field: 'postalCode', key: 'portal.errors.postalCodeNeeded' } });
    expect(written(t)).toEqual(before);
  });
});

describe('links through the hub (tokens are made there)', () => {
  it('Resend asks for the activation link again', async () => {
    const v = await t.value('portal.sendActivation', { patientId: P });
    expect(last()).toMatchObject({ name: 'portal.sendActivation', args: { accountId: accountId(), send: 'activation' } });
    expect(v.status.invitationRequestedAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('New code (Alt+K) asks for a reset link', async () => {
    const v = await t.value('portal.sendReset', { patientId: P });
    expect(last()).toMatchObject({ name: 'portal.sendReset', args: { accountId: accountId(), send: 'reset' } });
    expect(v.status.resetRequestedAt).not.toBeNull();
    expect(audits(t, 'portal.sendReset')).toEqual([expect.objectContaining({ patient_id: P, outcome: 'ok' })]);
  });

  it('no link can be sent while the patient has no email on file: message at the email field', async () => {
    t.portal.app.store.sqlite.prepare('UPDATE patient SET email = NULL WHERE id = ?').run(P);
    const before = written(t);
    expect(await t.call('portal.sendReset', { patientId: P })).toMatchObject({ ok: false, error: { field: 'email' } });
    expect(written(t)).toEqual(before);
  });

  it('an activated account gets no activation link, only a reset', async () => {
    hubState({ status: 'active', activated_at: '2026-11-01T00:00:00.000Z', last_sign_in_at: '2026-11-20T08:00:00.000Z', version: 4 });
    expect((await t.value('portal.get', { patientId: P })).status).toMatchObject({ kind: 'active', lastSignInAt: '2026-11-20T08:00:00.000Z' });
    expect(await t.call('portal.sendActivation', { patientId: P })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'portal.errors.notNow' } });
  });
});

describe('Unlock (a command on the hub-owned state)', () => {
  it('asks the hub to unlock, based on the version staff saw', async () => {
    hubState({ status: 'locked', activated_at: '2026-11-01T00:00:00.000Z', failed_attempts: 6, locked_at: '2026-11-22T08:00:00.000Z', version: 7 });
    const before = (await t.value('portal.get', { patientId: P })).status;
    expect(before).toMatchObject({ kind: 'locked', failedAttempts: 6, actions: expect.arrayContaining(['unlock']) });
    const v = await t.value('portal.unlock', { patientId: P });
    expect(last()).toMatchObject({ name: 'portal.unlock', args: { accountId: accountId(), baseVersion: 7, stateId: expect.any(String) } });
    expect(v.status).toMatchObject({ kind: 'locked', unlockRequestedAt: expect.any(String) });
    expect(audits(t, 'portal.unlock')[0]?.detail).toBe('after 6 failed sign-ins');
  });

  it('an account that is not locked cannot be unlocked', async () => {
    expect(await t.call('portal.unlock', { patientId: P })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('Delete (seed 002: Slet) removes the association with this clinic only', () => {
  it('keeps the rights as a former account; the patient can be created again and shows as returning', async () => {
    const id = accountId();
    expect(await t.call('portal.delete', { patientId: P, confirmed: false as never })).toMatchObject({ ok: false, error: { field: 'confirmed' } });
    const v = await t.value('portal.delete', { patientId: P, confirmed: true });
    expect(v.status).toMatchObject({ kind: 'inactive', reasons: ['accessNotEnabled', 'associationDeleted'] });
    expect(v.former).toMatchObject({ username: 'lena.portal', rights: ['econsultation', 'ebooking', 'eprescription'] });
    const m = last();
    expect(m).toMatchObject({ name: 'portal.delete', args: { accountId: id, patientId: P } });
    const put = m?.args.put as Record<string, Array<Record<string, unknown>>>;
    expect(put.portal_account?.[0]).toMatchObject({ id, deleted_at: expect.any(String) });
    expect(put.portal_former_account?.[0]).toMatchObject({ account_id: id, right_ebooking: 1, username: 'lena.portal' });
    // the username is free again and the patient may be created anew
    const again = await t.value('portal.create', { patientId: P, email: 'lena@example.dk', postalCode: '8000', username: 'lena.portal', rights: [], wantsElectronicReply: false });
    expect(again.view.account?.id).not.toBe(id);
    expect(again.view.former?.rights).toEqual(['econsultation', 'ebooking', 'eprescription']);
  });
});

describe('Guarded email change (seed 001 privacy note)', () => {
  it('records who and why, tells the old address and sends activation to the new one', async () => {
    const old = one(t, 'SELECT email FROM patient WHERE id = ?', P)?.email as string;
    const v = await t.value('portal.changeEmail', { patientId: P, email: 'lena.new@example.dk', reason: 'Patient called from the number on file', confirmed: true });
    expect(v.email).toBe('lena.new@example.dk');
    expect(v.account?.email).toBe('lena.new@example.dk');
    const change = one(t, 'SELECT old_email, new_email, reason, changed_by FROM portal_email_change WHERE patient_id = ?', P);
    expect(change).toEqual({ old_email: old, new_email: 'lena.new@example.dk', reason: 'Patient called from the number on file', changed_by: one(t, "SELECT id FROM staff_user WHERE username = 'frida'")?.id });
    expect(last()).toMatchObject({ name: 'portal.changeEmail', args: { notifyOld: old, send: 'activation' } });
    const [event] = audits(t, 'portal.changeEmail');
    expect(event?.detail).toBe('old address notified; activation to the new one');
    expect(JSON.stringify(event)).not.toContain('lena.new');
    expect(JSON.stringify(event)).not.toContain('number on file');
  });

  it.each([
    ['without a reason', { reason: '' }, 'reason'],
    ['without confirmation', { confirmed: false as never }, 'confirmed'],
    ['to an invalid address', { email: 'lena@' }, 'email'],
    ['to the same address', { email: 'SAME' }, 'email'],
  ])('is refused %s, at the field, with nothing written', async (_n, over, field) => {
    const same = one(t, 'SELECT email FROM patient WHERE id = ?', P)?.email as string;
    const input = { patientId: P, email: 'lena.new@example.dk', reason: 'asked in person', confirmed: true as const, ...over };
    if (input.email === 'SAME') input.email = same.toUpperCase();
    const before = written(t);
    expect(await t.call('portal.changeEmail', input)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(written(t)).toEqual(before);
  });
});
