import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putSetting } from '../../db/queries/settings';
import { generateClinicData } from '../../db/seed/generate';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { startTestHub, type TestHub } from '../helpers/sync';
import { LoopbackSmtp } from './mailServers';
import { PatientBrowser } from './patientBrowser';
import { codeIn, GOOD_PASSWORD, linkIn, TEST_SCRYPT } from './patientWorld';

/**
 * Issue 5 end to end below the screen: the portal form's methods at the workstation, the hub's
 * handlers, the email at a real SMTP server, the patient's pages, and the status back at the desk.
 */
let hub: TestHub;
let t: TestApp;
let smtp: LoopbackSmtp;
let patientId: string;

beforeEach(async () => {
  smtp = new LoopbackSmtp();
  await smtp.start();
  hub = await startTestHub(undefined, undefined, { notify: { smtpUrl: smtp.url, autoStart: false }, patient: { scrypt: TEST_SCRYPT } });
  t = await createTestApp();
  const { store } = t.portal.app;
  generateClinicData(store, { seed: 4, patients: 8, clinicId: t.clinicId, now: t.clock.now() });
  putSetting(store, 'portal.enabled', true, null, '2026-11-22T00:00:00.000Z');
  patientId = store.sqlite.prepare('SELECT id FROM patient WHERE email IS NOT NULL AND postal_code IS NOT NULL ORDER BY id').pluck().get() as string;
  await t.addStaff('frida', ['front_desk']);
  await t.portal.app.sync.enroll(hub.url, await createEnrollmentCode(hub.hub.hub));
  await t.signIn('frida');
  await t.value('sync.now', {});
});
afterEach(async () => {
  t.close();
  await hub.close();
  await smtp.stop();
});

async function mail() {
  await hub.hub.notify.worker.drain();
  return smtp.messages();
}

describe('from the portal form to an active patient', () => {
  it('Create sends one activation email; the link sets a password; the desk sees Active; New code sends a reset link', async () => {
    const view = await t.value('portal.get', { patientId });
    expect(view.status.kind).toBe('inactive');
    const created = await t.value('portal.create', {
      patientId, email: view.email ?? '', postalCode: view.postalCode ?? '', username: view.suggestedUsername, rights: ['econsultation'], wantsElectronicReply: true,
    });
    expect(created.view.status.kind).toBe('awaiting');
    await t.value('sync.now', {});
    await t.value('sync.now', {}); // a replayed round sends nothing more
    const sent = await mail();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to?.[0]?.address).toBe(view.email);
    const link = linkIn(sent[0] as never);

    const b = new PatientBrowser(hub.url);
    await b.get(link);
    const home = await b.post(`/c/${t.clinicId}/activate`, { token: new URL(link).searchParams.get('token') ?? '', password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
    expect(home.url).toBe(`/c/${t.clinicId}/home`);
    await t.value('sync.now', {});
    expect((await t.value('portal.get', { patientId })).status.kind).toBe('active');

    // Alt+K: a reset link, once
    await t.value('portal.sendReset', { patientId });
    await t.value('sync.now', {});
    const reset = await mail();
    expect(reset).toHaveLength(2);
    expect(linkIn(reset[1] as never)).toMatch(/\/reset\?token=/);

    // the patient signs in with the password and the emailed code
    const c = new PatientBrowser(hub.url);
    await c.get(`/c/${t.clinicId}`);
    await c.post(`/c/${t.clinicId}/signin`, { identifier: view.suggestedUsername, password: GOOD_PASSWORD });
    const withCode = await mail();
    const signedIn = await c.post(`/c/${t.clinicId}/code`, { code: codeIn(withCode[2] as never) });
    expect(signedIn.url).toBe(`/c/${t.clinicId}/home`);
  });
});
