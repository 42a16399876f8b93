import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putSetting } from '../../db/queries/settings';
import { generateClinicData } from '../../db/seed/generate';
import { verifyPatientPassword } from '../../hub/patient/passwords';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { startTestHub, type TestHub } from '../helpers/sync';

let hub: TestHub;
let t: TestApp;

beforeEach(async () => {
  hub = await startTestHub();
  t = await createTestApp();
  const { store } = t.portal.app;
  generateClinicData(store, { seed: 9, patients: 6, clinicId: t.clinicId, now: t.clock.now() });
  putSetting(store, 'portal.enabled', true, null, '2026-11-22T00:00:00.000Z');
  await t.addStaff('frida', ['front_desk']);
  await t.portal.app.sync.enroll(hub.url, await createEnrollmentCode(hub.hub.hub));
  await t.signIn('frida');
  await t.value('sync.now', {});
});
afterEach(async () => {
  t.close();
  await hub.close();
});

const withEmail = () => t.portal.app.store.sqlite.prepare('SELECT id FROM patient WHERE email IS NOT NULL AND postal_code IS NOT NULL ORDER BY id').pluck().all() as string[];
const hubRow = async (table: string, id: string) => (await hub.hub.hub.store.db.selectFrom(table as never).selectAll().where('id' as never, '=', id as never).executeTakeFirst()) as Record<string, unknown> | undefined;

describe('portal accounts made at the front desk reach the hub', () => {
  it('Create (Alt+P) gives the hub the account and an invited state, which comes back to the workstation', async () => {
    const patientId = withEmail()[0] as string;
    const view = await t.value('portal.get', { patientId });
    const created = await t.value('portal.create', {
      patientId, email: view.email ?? '', postalCode: view.postalCode ?? '', username: view.suggestedUsername, rights: ['econsultation'], wantsElectronicReply: false,
    });
    const accountId = created.view.account?.id as string;
    const status = await t.value('sync.now', {});
    expect(status).toMatchObject({ state: 'online', pending: 0 });
    expect(await hubRow('e_portal_account', accountId)).toMatchObject({ patient_id: patientId, right_econsultation: 1 });
    expect(await hubRow('e_portal_account_state', accountId)).toMatchObject({ account_id: accountId, status: 'invited' });
    expect(t.portal.app.store.sqlite.prepare('SELECT status, invited_at IS NOT NULL AS invited FROM portal_account_state WHERE account_id = ?').get(accountId)).toEqual({ status: 'invited', invited: 1 });
  });

  it('Create with a temporary password (a patient without email) gives the hub that password, to be changed at the first sign-in', async () => {
    const patientId = t.portal.app.store.sqlite.prepare('SELECT id FROM patient WHERE postal_code IS NOT NULL ORDER BY id').pluck().get() as string;
    const view = await t.value('portal.get', { patientId });
    const created = await t.value('portal.create', {
      patientId, email: '', postalCode: view.postalCode ?? '', username: view.suggestedUsername, rights: ['econsultation'], wantsElectronicReply: false,
      tempPassword: { mode: 'generate', password: '' }, language: 'en',
    });
    const accountId = created.view.account?.id as string;
    expect(await t.value('sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
    const credential = await hub.hub.hub.store.db.selectFrom('patient_credential').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    expect(credential).toMatchObject({ must_change: 1, temp_expires_at: created.letter?.expiresAt });
    expect(await verifyPatientPassword(created.letter?.password ?? '', credential?.password_hash ?? '')).toBe(true);
    expect(await hubRow('e_portal_account_state', accountId)).toMatchObject({ status: 'invited', invited_at: null });
    // nobody to send an activation link to
    expect(await hub.hub.hub.store.db.selectFrom('notify_outbox').select('kind').execute()).toEqual([]);
  });

  it('a username another clinic already uses at the hub is a visible conflict, not a second account', async () => {
    const patientId = withEmail()[0] as string;
    // another clinic's patient already has the name at the hub; this workstation cannot know
    await hub.hub.hub.store.db.insertInto('e_portal_account' as never).values({ id: 'other-account', clinic_id: 'another-clinic', username: 'taken.name', version: 1 } as never).execute();
    const v = await t.value('portal.get', { patientId });
    const created = await t.value('portal.create', { patientId, email: v.email ?? '', postalCode: v.postalCode ?? '', username: 'taken.name', rights: [], wantsElectronicReply: false });
    await t.value('sync.now', {});
    const conflicts = await t.value('sync.conflicts', {});
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'conflict', mutationName: 'portal.create', entity: 'portal_account', entityId: created.view.account?.id })]);
    expect(await hubRow('e_portal_account', created.view.account?.id as string)).toBeUndefined();
    // the workstation's optimistic account is withdrawn: the hub never had it
    expect(t.portal.app.store.sqlite.prepare('SELECT deleted_at IS NOT NULL AS withdrawn FROM portal_account WHERE id = ?').get(created.view.account?.id)).toEqual({ withdrawn: 1 });
  });
});
