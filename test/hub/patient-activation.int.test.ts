import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../common/time';
import { hashPatientPassword } from '../../hub/patient/passwords';
import { setTemporaryPassword } from '../../hub/patient/credentials';
import { writeAtHub } from '../../hub/sync/changes';
import { activate, codeIn, GOOD_PASSWORD, linkIn, patientWorld, sendLink, signIn, TEST_SCRYPT, type PatientWorld } from './patientWorld';

let w: PatientWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const stateAtWorkstation = (world: PatientWorld) =>
  world.ws.store.sqlite.prepare('SELECT status, invited_at, activated_at, last_sign_in_at, failed_attempts, locked_at FROM portal_account_state WHERE account_id = ?').get(world.patient.accountId) as
    | Record<string, unknown>
    | undefined;

describe('activation and sign-in on the hub', () => {
  it('the activation link sets a password, signs the patient in, and the workstation sees the account active; later sign-ins need the emailed code', async () => {
    w = await patientWorld({ rights: ['econsultation'] });
    const { link } = await sendLinkAndRead(w);
    expect(link).toMatch(new RegExp(`^${w.t.url}/c/${w.clinicId}/activate\\?token=[A-Za-z0-9_-]{43}$`));
    await w.ws.client.syncOnce();
    expect(stateAtWorkstation(w)).toMatchObject({ status: 'invited', invited_at: expect.any(String), activated_at: null });

    const b = w.browser();
    const form = await b.get(link);
    expect(form.text).toContain('Activate your account');
    expect(form.text).toContain('Your username: anna.patient');
    const weak = await b.post(`/c/${w.clinicId}/activate`, { token: tokenOf(link), password: 'password1234', repeat: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('This password is too common and easy to guess. Choose another.');
    const home = await b.post(`/c/${w.clinicId}/activate`, { token: tokenOf(link), password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
    expect(home.url).toBe(`/c/${w.clinicId}/home`);
    expect(home.text).toContain(`Welcome, ${w.patient.given_name}`);

    await w.ws.client.syncOnce();
    expect(stateAtWorkstation(w)).toMatchObject({ status: 'active', activated_at: expect.any(String), last_sign_in_at: expect.any(String), failed_attempts: 0 });

    // the link worked once
    const again = await w.browser().get(link);
    expect(again.status).toBe(410);
    expect(again.text).toContain('This link no longer works');

    // sign out, then in again: password, then the one-time code by email
    await b.post(`/c/${w.clinicId}/signout`, {});
    expect(b.last?.text).toContain('You are signed out.');
    const codePage = await b.post(`/c/${w.clinicId}/signin`, { identifier: w.patient.email.toUpperCase(), password: GOOD_PASSWORD });
    expect(codePage.url).toBe(`/c/${w.clinicId}/code`);
    expect(codePage.text).toContain('We sent a code of 6 digits to a***@example.dk');
    const [mail] = await w.newMail();
    expect(mail?.subject).toBe('Your Nordklinik Portal sign-in code');
    expect(mail?.text).not.toContain(w.patient.family_name);
    const wrong = await b.post(`/c/${w.clinicId}/code`, { code: codeIn(mail) === '000000' ? '111111' : '000000' });
    expect(wrong.text).toContain('That code is not right. Tries left: 4.');
    const signedIn = await b.post(`/c/${w.clinicId}/code`, { code: codeIn(mail) });
    expect(signedIn.url).toBe(`/c/${w.clinicId}/home`);
  });

  it('a reset link ends every session of the account, sets the new password, and works once', async () => {
    w = await patientWorld();
    const first = w.browser();
    const second = w.browser();
    await activate(w, first);
    expect((await signIn(w, second)).url).toBe(`/c/${w.clinicId}/home`);

    await sendLink(w, 'reset');
    const [mail] = await w.newMail();
    expect(mail?.subject).toBe('Reset your Nordklinik Portal password');
    expect(mail?.text).toContain('The link is valid for 1 hour');
    const link = linkIn(mail);
    const patient = w.browser();
    await patient.get(link);
    const done = await patient.post(`/c/${w.clinicId}/reset`, { token: tokenOf(link), password: 'a brand new sentence', repeat: 'a brand new sentence' });
    expect(done.text).toContain('Your password has been changed. Sign in with the new one.');

    for (const b of [first, second]) {
      const page = await b.get(`/c/${w.clinicId}/profile`);
      expect(page.url).toBe(`/c/${w.clinicId}?m=sessionEnded`);
    }
    expect((await w.browser().get(link)).status).toBe(410);
    expect((await signIn(w, w.browser(), w.patient.username, GOOD_PASSWORD)).text).toContain('The username or the password is not right.');
    expect((await signIn(w, w.browser(), w.patient.username, 'a brand new sentence')).url).toBe(`/c/${w.clinicId}/home`);
  });

  it('an expired reset link does not work', async () => {
    w = await patientWorld();
    await sendLink(w, 'reset');
    const link = linkIn((await w.newMail())[0]);
    w.clock.advance(HOUR_MS + 1);
    expect((await w.browser().get(link)).status).toBe(410);
  });

  it('a temporary password set by staff must be changed at the first sign-in, and expires unused', async () => {
    w = await patientWorld();
    const world = w;
    const hash = await hashPatientPassword('temporary-4711-pass', TEST_SCRYPT);
    await writeAtHub(w.hub.hub, (changes, trx) => setTemporaryPassword({ trx, changes, now: new Date(world.clock.now()).toISOString() }, { accountId: world.patient.accountId, passwordHash: hash }));
    const b = w.browser();
    const forced = await signIn(w, b, w.patient.username, 'temporary-4711-pass');
    expect(forced.url).toBe(`/c/${w.clinicId}/change-password`);
    expect(forced.text).toContain('You signed in with a temporary password from the clinic.');
    // nothing else opens before the password is changed
    expect((await b.get(`/c/${w.clinicId}/profile`)).url).toBe(`/c/${w.clinicId}/change-password`);
    await b.get(`/c/${w.clinicId}/change-password`);
    const same = await b.post(`/c/${w.clinicId}/change-password`, { password: 'temporary-4711-pass', repeat: 'temporary-4711-pass' });
    expect(same.status).toBe(400);
    const home = await b.post(`/c/${w.clinicId}/change-password`, { password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
    expect(home.url).toBe(`/c/${w.clinicId}/home`);
    await w.ws.client.syncOnce();
    expect(stateAtWorkstation(w)).toMatchObject({ status: 'active', activated_at: expect.any(String) });
    expect((await signIn(w, w.browser())).url).toBe(`/c/${w.clinicId}/home`);

    // a new temporary password, never used within the clinic's portal.tempPasswordDays (14)
    await writeAtHub(w.hub.hub, (changes, trx) => setTemporaryPassword({ trx, changes, now: new Date(world.clock.now()).toISOString() }, { accountId: world.patient.accountId, passwordHash: hash }));
    expect((await b.get(`/c/${w.clinicId}/home`)).url).toBe(`/c/${w.clinicId}?m=sessionEnded`);
    w.clock.advance(15 * 24 * HOUR_MS);
    expect((await signIn(w, w.browser(), w.patient.username, 'temporary-4711-pass')).text).toContain('Your temporary password has expired.');
  });
});

async function sendLinkAndRead(world: PatientWorld) {
  await sendLink(world, 'activation');
  const [mail] = await world.newMail();
  expect(mail?.subject).toBe('Activate your Nordklinik Portal account');
  expect(mail?.text).toContain('The link is valid for 72 hours');
  return { link: linkIn(mail) };
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
