import { afterEach, describe, expect, it } from 'vitest';
import { toTimestamp } from '../../common/time';
import { activate, linkIn, patientWorld, putAccount, type PatientWorld } from './patientWorld';

let w: PatientWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const requests = (world: PatientWorld) => world.ws.store.sqlite.prepare('SELECT * FROM login_request ORDER BY created_at').all() as Array<Record<string, unknown>>;
const form = {
  email: 'bo.new@example.dk', given_name: 'Bo', family_name: 'Østergård', date_of_birth: '30-04-1980', postal_code: '8000',
  mobile: '+45 22 33 44 55', language: 'da', rights: ['econsultation', 'ebooking'],
};

describe('self-registration on the hub', () => {
  it('with the DEMO eID: the login request reaches the workstation as strongly verified, and the patient is told it arrived', async () => {
    w = await patientWorld({ demoEid: true });
    const b = w.browser();
    const page = await b.get(`/c/${w.clinicId}/register`);
    expect(page.text).toContain('MitID — DEMO: simulated, there is no real MitID here');
    const eid = await b.post(`/c/${w.clinicId}/register`, { ...form, verification: 'strong' });
    expect(eid.url).toBe(`/c/${w.clinicId}/register/eid`);
    expect(eid.text).toContain('DEMO. There is no real MitID here');
    expect(eid.text).toContain('You will be confirmed as Bo Østergård, born 30 April 1980.');
    const token = b.csrf();
    const done = await b.post(`/c/${w.clinicId}/register/eid`, { action: 'confirm' });
    expect(done.text).toContain('Your registration has been sent to the clinic.');

    await w.ws.client.syncOnce();
    expect(requests(w)).toEqual([expect.objectContaining({
      clinic_id: w.clinicId, email: 'bo.new@example.dk', given_name: 'Bo', family_name: 'Østergård', date_of_birth: '1980-04-30', postal_code: '8000',
      mobile: '+45 22 33 44 55', language: 'da', verification: 'strong', verified_at: expect.any(String), right_econsultation: 1, right_ebooking: 1,
      right_eprescription: 0, status: 'new', returning_patient: 0, previous_rights: null, account_id: null,
    })]);
    const [mail] = await w.newMail();
    expect(mail?.subject).toBe('Vi har modtaget din registrering');
    expect(w.smtp.received[0]?.rcpt).toEqual(['bo.new@example.dk']);
    // the eID step cannot be replayed
    expect((await b.post(`/c/${w.clinicId}/register/eid`, { action: 'confirm' }, { csrf: token })).status).toBe(410);
    await w.ws.client.syncOnce();
    expect(requests(w)).toHaveLength(1);
  });

  it('with email only: nothing reaches the clinic until the emailed link is confirmed, and the link works once', async () => {
    w = await patientWorld({ demoEid: true });
    const b = w.browser();
    await b.get(`/c/${w.clinicId}/register`);
    const sent = await b.post(`/c/${w.clinicId}/register`, { ...form, language: 'en', rights: ['ebooking'], verification: 'email' });
    expect(sent.text).toContain('We sent a link to bo.new@example.dk.');
    const [mail] = await w.newMail();
    expect(mail?.subject).toBe('Confirm your email address for Nordklinik Portal');
    const link = linkIn(mail);
    expect(link).toContain(`/c/${w.clinicId}/confirm-email?token=`);
    await w.ws.client.syncOnce();
    expect(requests(w)).toEqual([]);

    // opening the link shows a button; only pressing it sends the registration
    const patient = w.browser();
    const confirm = await patient.get(link);
    expect(confirm.text).toContain('Confirm your address to send your registration to the clinic.');
    await w.ws.client.syncOnce();
    expect(requests(w)).toEqual([]);
    const done = await patient.post(`/c/${w.clinicId}/confirm-email`, { token: new URL(link).searchParams.get('token') ?? '' });
    expect(done.text).toContain('Your registration has been sent to the clinic.');
    await w.ws.client.syncOnce();
    expect(requests(w)).toEqual([expect.objectContaining({ verification: 'email', language: 'en', right_econsultation: 0, right_ebooking: 1, status: 'new' })]);
    expect((await w.newMail()).map((m) => m.subject)).toEqual(['Your registration was received']);
    expect((await w.browser().get(link)).status).toBe(410);
  });

  it('bad input is shown at the fields and nothing is written; without --demo-eid there is no eID step', async () => {
    w = await patientWorld();
    const b = w.browser();
    const page = await b.get(`/c/${w.clinicId}/register`);
    expect(page.text).not.toContain('MitID');
    const bad = await b.post(`/c/${w.clinicId}/register`, { ...form, email: 'bo@', date_of_birth: '2031-01-01', postal_code: '', mobile: '12', verification: 'strong' });
    expect(bad.status).toBe(400);
    for (const message of ['Enter an email address such as name@example.dk.', 'Enter your date of birth, such as 1980-04-30.', 'Fill in this field.', 'Enter a mobile number such as +45 12 34 56 78.', 'Choose one.']) {
      expect(bad.text).toContain(message);
    }
    expect(bad.html).toContain('value="Østergård"');
    expect((await b.get(`/c/${w.clinicId}/register/eid`)).status).toBe(404);
    expect(await w.newMail()).toEqual([]);
    expect(await w.hub.hub.store.db.selectFrom('pending_registration').selectAll().execute()).toEqual([]);
  });

  it('a patient whose association was deleted registers again and is flagged as returning, with the rights they had', async () => {
    w = await patientWorld({ demoEid: true, rights: ['econsultation', 'eprescription'] });
    await activate(w, w.browser());
    await putAccount(w, {
      id: w.patient.accountId, patient_id: w.patient.id, username: w.patient.username, email: w.patient.email,
      right_econsultation: 1, right_eprescription: 1, deleted_at: toTimestamp(w.clock.now()),
    });
    const b = w.browser();
    await b.get(`/c/${w.clinicId}/register`);
    await b.post(`/c/${w.clinicId}/register`, {
      email: 'anna.new.address@example.dk', given_name: w.patient.given_name, family_name: w.patient.family_name.toUpperCase(),
      date_of_birth: w.patient.date_of_birth, postal_code: w.patient.postal_code, language: 'en', rights: ['econsultation'], verification: 'strong',
    });
    await b.post(`/c/${w.clinicId}/register/eid`, { action: 'confirm' });
    await w.ws.client.syncOnce();
    expect(requests(w)).toEqual([expect.objectContaining({ returning_patient: 1, previous_account_id: w.patient.accountId, previous_rights: 'econsultation,eprescription' })]);
  });

  it('"forgot your password": matching details get a reset link; details that do not match get the same answer and no mail', async () => {
    w = await patientWorld();
    await activate(w, w.browser());
    const b = w.browser();
    await b.get(`/c/${w.clinicId}/forgot`);
    const wrong = await b.post(`/c/${w.clinicId}/forgot`, { email: w.patient.email, family_name: 'Someone Else', date_of_birth: w.patient.date_of_birth, postal_code: w.patient.postal_code });
    expect(wrong.text).toContain('If the details match an account, a link is on its way');
    expect(await w.newMail()).toEqual([]);
    await b.get(`/c/${w.clinicId}/forgot`);
    const [y, m, d] = w.patient.date_of_birth.split('-');
    const right = await b.post(`/c/${w.clinicId}/forgot`, { email: w.patient.email.toUpperCase(), family_name: w.patient.family_name.toLowerCase(), date_of_birth: `${d}.${m}.${y}`, postal_code: w.patient.postal_code });
    expect(right.text).toEqual(wrong.text);
    const [mail] = await w.newMail();
    expect(mail?.subject).toBe('Reset your Nordklinik Portal password');
    expect(linkIn(mail)).toContain(`/c/${w.clinicId}/reset?token=`);
  });
});
