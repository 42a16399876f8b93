import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../common/time';
import { setTemporaryPassword } from '../../hub/patient/credentials';
import { hashPatientPassword } from '../../hub/patient/passwords';
import { writeAtHub } from '../../hub/sync/changes';
import { editPatient } from '../helpers/sync';
import { GOOD_PASSWORD, patientWorld, putAccount, setClinicSettings, signIn, TEST_SCRYPT, type PatientWorld } from './patientWorld';

/**
 * Seed 001: "Manually set the username and password for the patient. This is useful where the
 * patient does not have an email address". A patient no enabled channel reaches cannot get a
 * one-time code; the staff-set temporary password (handed over in person, single-use, expiring)
 * stands in for it, once, and opens only the page that replaces it.
 */
let w: PatientWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const TEMP = 'temporary-4711-pass';

/** The world's patient without email and mobile, the account without email, a temporary password set by staff. */
async function withoutChannel(): Promise<PatientWorld> {
  const world = await patientWorld();
  editPatient(world.ws, world.patient.id, { email: null, mobile: null });
  await putAccount(world, { id: world.patient.accountId, patient_id: world.patient.id, username: world.patient.username, email: null, right_econsultation: 1 });
  await setTemp(world);
  return world;
}

async function setTemp(world: PatientWorld): Promise<void> {
  const hash = await hashPatientPassword(TEMP, TEST_SCRYPT);
  await writeAtHub(world.hub.hub, (changes, trx) =>
    setTemporaryPassword({ trx, changes, now: new Date(world.clock.now()).toISOString() }, { accountId: world.patient.accountId, passwordHash: hash }));
}

const audit = (world: PatientWorld, action: string) =>
  world.hub.hub.store.db.selectFrom('patient_audit').select(['outcome', 'detail']).where('action', '=', action).orderBy('at').execute();

describe('a patient no channel reaches, with a temporary password from the clinic', () => {
  it('signs in with the temporary password alone, only to choose a new one; the own password then needs a code that cannot be sent', async () => {
    w = await withoutChannel();
    const b = w.browser();
    const forced = await signIn(w, b, w.patient.username, TEMP);
    expect(forced.url).toBe(`/c/${w.clinicId}/change-password`);
    expect(forced.text).toContain('You signed in with a temporary password from the clinic.');
    // said before the patient chooses: later sign-ins need a code, and nothing reaches them
    expect(forced.text).toContain('Ask the clinic to add your email address or mobile number');
    expect(await w.newMail()).toEqual([]);
    expect(w.sms.requests).toEqual([]);
    // the temporary password opens nothing else
    expect((await b.get(`/c/${w.clinicId}/profile`)).url).toBe(`/c/${w.clinicId}/change-password`);

    await b.get(`/c/${w.clinicId}/change-password`);
    const home = await b.post(`/c/${w.clinicId}/change-password`, { password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
    expect(home.url).toBe(`/c/${w.clinicId}/home`);
    await w.ws.client.syncOnce();
    expect(w.ws.store.sqlite.prepare('SELECT status FROM portal_account_state WHERE account_id = ?').pluck().get(w.patient.accountId)).toBe('active');

    // the patient's own password is never enough alone
    const later = await signIn(w, w.browser());
    expect(later.status).toBe(403);
    expect(later.text).toContain('We cannot send you a sign-in code');
    expect((await audit(w, 'signin.password')).map((a) => [a.outcome, JSON.parse(a.detail ?? '{}')])).toEqual([
      ['ok', { codeBy: 'none', temporaryPassword: true }],
      ['refused', { reason: 'noChannel' }],
    ]);
  });

  it('the temporary password is the same once used: signing in with it again is refused', async () => {
    w = await withoutChannel();
    const b = w.browser();
    await signIn(w, b, w.patient.username, TEMP);
    await b.post(`/c/${w.clinicId}/change-password`, { password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
    const again = await signIn(w, w.browser(), w.patient.username, TEMP);
    expect(again.status).toBe(401);
    expect(again.text).toContain('The username or the password is not right.');
  });

  it('an expired temporary password, or a wrong one, opens nothing', async () => {
    w = await withoutChannel();
    const wrong = await signIn(w, w.browser(), w.patient.username, 'not-the-temporary-one');
    expect(wrong.status).toBe(401);
    w.clock.advance(15 * 24 * HOUR_MS);
    const expired = await signIn(w, w.browser(), w.patient.username, TEMP);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('Your temporary password has expired.');
  });

  it('when a channel does reach the patient, the temporary password still needs the code (SMS to the mobile on file)', async () => {
    w = await withoutChannel();
    editPatient(w.ws, w.patient.id, { mobile: '+45 12 34 56 78' });
    await setClinicSettings(w, { 'portal.authChannels': ['email', 'sms'] });
    const b = w.browser();
    await b.get(`/c/${w.clinicId}`);
    const code = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: TEMP });
    expect(code.url).toBe(`/c/${w.clinicId}/code`);
    expect(code.text).toContain('+45 ** ** 56 78');
    await w.hub.notify.worker.drain();
    const sms = w.sms.accepted[0]?.body.text ?? '';
    const forced = await b.post(`/c/${w.clinicId}/code`, { code: /\b(\d{6})\b/.exec(sms)?.[1] ?? '' });
    expect(forced.url).toBe(`/c/${w.clinicId}/change-password`);
    expect(forced.text).not.toContain('Ask the clinic to add your email address or mobile number');
  });
});
