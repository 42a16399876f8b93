import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS, toTimestamp } from '../../common/time';
import { unlockAccount } from '../../hub/patient/credentials';
import { writeAtHub } from '../../hub/sync/changes';
import { editPatient } from '../helpers/sync';
import { activate, codeIn, GOOD_PASSWORD, patientWorld, putAccount, setClinicSettings, signIn, type PatientWorld } from './patientWorld';

let w: PatientWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const wsState = (world: PatientWorld) =>
  world.ws.store.sqlite.prepare('SELECT status, failed_attempts, locked_at FROM portal_account_state WHERE account_id = ?').get(world.patient.accountId);
const audit = (world: PatientWorld, action: string) =>
  world.hub.hub.store.db.selectFrom('patient_audit').selectAll().where('action', '=', action).orderBy('at').execute();

describe('sign-in rules on the hub', () => {
  it('five wrong passwords lock the account; the lock reaches the workstation; the right password is then refused until staff unlock', async () => {
    w = await patientWorld();
    await activate(w, w.browser());
    const b = w.browser();
    await b.get(`/c/${w.clinicId}`);
    for (let i = 1; i <= 4; i++) {
      const page = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: `wrong password ${i}` });
      expect(page.status).toBe(401);
      expect(page.text).toContain('The username or the password is not right.');
    }
    await w.ws.client.syncOnce();
    expect(wsState(w)).toEqual({ status: 'active', failed_attempts: 4, locked_at: null });
    const fifth = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: 'wrong password 5' });
    expect(fifth.text).toContain('This account is locked after too many failed attempts.');
    await w.ws.client.syncOnce();
    expect(wsState(w)).toEqual({ status: 'locked', failed_attempts: 5, locked_at: expect.any(String) });

    const right = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: GOOD_PASSWORD });
    expect(right.status).toBe(403);
    expect(right.text).toContain('This account is locked');
    expect(await w.newMail()).toEqual([]);

    const world = w;
    await writeAtHub(w.hub.hub, (changes, trx) => unlockAccount({ trx, changes, now: toTimestamp(world.clock.now()) }, { accountId: world.patient.accountId }));
    expect((await signIn(w, w.browser())).url).toBe(`/c/${w.clinicId}/home`);
    await w.ws.client.syncOnce();
    expect(wsState(w)).toEqual({ status: 'active', failed_attempts: 0, locked_at: null });
    const refused = (await audit(w, 'signin.password')).filter((a) => a.outcome === 'refused');
    expect(refused).toHaveLength(6);
    // no secret in the audit: neither the wrong passwords nor the right one
    expect(JSON.stringify(refused)).not.toMatch(/wrong password|lilac/);
  });

  it('a one-time code goes by SMS when the clinic prefers SMS; five wrong codes end the challenge', async () => {
    w = await patientWorld();
    await activate(w, w.browser());
    await setClinicSettings(w, { 'portal.authChannels': ['email', 'sms'], 'portal.authPreference': 'sms' });
    const b = w.browser();
    await b.get(`/c/${w.clinicId}`);
    const page = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: GOOD_PASSWORD });
    expect(page.text).toContain('We sent a code of 6 digits to +45 ** ** 56 78');
    await w.hub.notify.worker.drain();
    expect(await w.newMail()).toEqual([]);
    const sms = w.sms.accepted[0]?.body;
    expect(sms?.to).toBe('+4512345678');
    const code = /\b(\d{6})\b/.exec(sms?.text ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) expect((await b.post(`/c/${w.clinicId}/code`, { code: wrong })).text).toContain(`Tries left: ${left}.`);
    const fifth = await b.post(`/c/${w.clinicId}/code`, { code: wrong });
    expect(fifth.text).toContain('The code has expired or was tried too many times.');
    // even the right code does not open a spent challenge
    expect((await b.post(`/c/${w.clinicId}/code`, { code })).text).toContain('The code has expired or was tried too many times.');
    expect((await b.get(`/c/${w.clinicId}/home`)).url).toBe(`/c/${w.clinicId}`);
  });

  it('a patient no enabled channel reaches cannot get a code, and is told to contact the clinic', async () => {
    w = await patientWorld();
    await activate(w, w.browser());
    await setClinicSettings(w, { 'portal.authChannels': ['sms'], 'portal.authPreference': 'sms' });
    editPatient(w.ws, w.patient.id, { mobile: null });
    await w.ws.client.syncOnce();
    const page = await signIn(w, w.browser());
    expect(page.status).toBe(403);
    expect(page.text).toContain('We cannot send you a sign-in code');
  });

  it('the rights decide the pages: without rights only the details and the history', async () => {
    w = await patientWorld({ rights: [] });
    const b = w.browser();
    const home = await activate(w, b);
    expect(home.text).toContain('The clinic has not given you access to send requests.');
    expect(home.text).not.toContain('Write to the clinic');
    expect(home.text).not.toContain('Ask for an appointment');
    expect(home.text).toContain('My details');
    expect(home.text).toContain('My requests');
    for (const path of ['messages/new', 'appointments/new', 'results', 'documents/new']) {
      expect((await b.get(`/c/${w.clinicId}/${path}`)).url).toBe(`/c/${w.clinicId}/home`);
    }
    const profile = await b.get(`/c/${w.clinicId}/profile`);
    expect(profile.text).toContain(`${w.patient.given_name} ${w.patient.family_name}`);
    expect(profile.text).toContain('What you can use Nothing yet');

    await putAccount(w, { id: w.patient.accountId, patient_id: w.patient.id, username: w.patient.username, email: w.patient.email, right_ebooking: 1 });
    const now = await b.get(`/c/${w.clinicId}/home`);
    expect(now.text).toContain('Ask for an appointment');
    expect(now.text).not.toContain('Write to the clinic');
    expect((await audit(w, 'profile.view'))).toHaveLength(1);
  });

  it('a session ends after the clinic\'s portal.sessionMinutes without a request', async () => {
    w = await patientWorld();
    await setClinicSettings(w, { 'portal.sessionMinutes': 20 });
    const b = w.browser();
    await activate(w, b);
    w.clock.advance(19 * MINUTE_MS);
    expect((await b.get(`/c/${w.clinicId}/profile`)).url).toBe(`/c/${w.clinicId}/profile`);
    w.clock.advance(19 * MINUTE_MS);
    expect((await b.get(`/c/${w.clinicId}/history`)).url).toBe(`/c/${w.clinicId}/history`);
    w.clock.advance(21 * MINUTE_MS);
    const out = await b.get(`/c/${w.clinicId}/history`);
    expect(out.url).toBe(`/c/${w.clinicId}?m=idle`);
    expect(out.text).toContain('You were signed out after 20 minutes without activity.');
    expect((await b.get(`/c/${w.clinicId}/home`)).url).toBe(`/c/${w.clinicId}`);
  });

  it('a form without its CSRF token is refused and writes nothing', async () => {
    w = await patientWorld();
    const b = w.browser();
    await activate(w, b);
    await b.get(`/c/${w.clinicId}/results`);
    const refused = await b.post(`/c/${w.clinicId}/results`, { message: 'please' }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('The form had expired, so nothing was saved.');
    const forged = await b.post(`/c/${w.clinicId}/results`, { message: 'please' }, { csrf: 'A'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(await w.hub.hub.store.db.selectFrom('e_result_request' as never).selectAll().execute()).toEqual([]);
    // the sign-out form too: the session survives a forged post
    await b.post(`/c/${w.clinicId}/signout`, {}, { csrf: false });
    expect((await b.get(`/c/${w.clinicId}/home`)).url).toBe(`/c/${w.clinicId}/home`);
  });

  it('portal disabled: every page of the clinic says so, sign-in and codes are refused, sessions stop working', async () => {
    w = await patientWorld();
    const b = w.browser();
    await activate(w, b);
    const waiting = w.browser();
    await waiting.get(`/c/${w.clinicId}`);
    await waiting.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: GOOD_PASSWORD });
    const [codeMail] = await w.newMail();
    const fresh = w.browser();
    await fresh.get(`/c/${w.clinicId}`);
    const token = fresh.csrf();

    await setClinicSettings(w, { 'portal.enabled': false });
    for (const path of ['', '/home', '/profile', '/register', '/forgot']) {
      const page = await b.get(`/c/${w.clinicId}${path}`);
      expect(page.status).toBe(503);
      expect(page.text).toContain('The patient portal of Nordklinik Portal is closed at the moment.');
    }
    const code = await waiting.post(`/c/${w.clinicId}/code`, { code: codeIn(codeMail) }, { csrf: waiting.csrf() });
    expect(code.status).toBe(503);
    expect((await fresh.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: GOOD_PASSWORD }, { csrf: token })).status).toBe(503);
    expect(await w.newMail()).toEqual([]);
    const root = await fresh.get('/');
    expect(root.text).toContain('Nordklinik Portal (closed at the moment)');
  });

  it('access turned off or the association deleted: no sign-in, and an open session ends at the next click', async () => {
    w = await patientWorld();
    const b = w.browser();
    await activate(w, b);
    const base = { id: w.patient.accountId, patient_id: w.patient.id, username: w.patient.username, email: w.patient.email, right_econsultation: 1 };
    await putAccount(w, { ...base, access_enabled: 0 });
    expect((await b.get(`/c/${w.clinicId}/home`)).url).toBe(`/c/${w.clinicId}?m=sessionEnded`);
    const off = await signIn(w, w.browser());
    expect(off.text).toContain('Your access to the portal is turned off.');

    await putAccount(w, { ...base, access_enabled: 1, deleted_at: toTimestamp(w.clock.now()) });
    const gone = await signIn(w, w.browser());
    expect(gone.text).toContain('The username or the password is not right.');
    expect(await w.newMail()).toEqual([]);
  });

  it('sign-in is rate-limited per source: the 21st try in 15 minutes is refused without checking anything', async () => {
    w = await patientWorld();
    await activate(w, w.browser());
    const b = w.browser();
    await b.get(`/c/${w.clinicId}`);
    for (let i = 0; i < 20; i++) expect((await b.post(`/c/${w.clinicId}/signin`, { identifier: `nobody${i}`, password: 'x' })).status).toBe(401);
    const limited = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.username, password: GOOD_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many attempts from your network.');
    expect(await w.newMail()).toEqual([]);
    w.clock.advance(15 * MINUTE_MS);
    expect((await signIn(w, b)).url).toBe(`/c/${w.clinicId}/home`);
  });
});
