import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { toTimestamp } from '../../common/time';
import { sendAccountLink } from '../../hub/patient/tokens';
import { writeAtHub } from '../../hub/sync/changes';
import { LoopbackSmtp } from './mailServers';
import type { PatientBrowser } from './patientBrowser';
import { GOOD_PASSWORD, linkIn, TEST_SCRYPT } from './patientWorld';
import { redeemWorld, tableRows, type RedeemWorld } from './redeemWorld';

let w: RedeemWorld;
let smtp: LoopbackSmtp;
let accountId = '';
beforeEach(async () => {
  smtp = new LoopbackSmtp();
  await smtp.start();
  w = await redeemWorld({
    hubOptions: { notify: { smtpUrl: smtp.url, autoStart: false }, patient: { scrypt: TEST_SCRYPT, demoEid: false } },
    before: (f, annaId, t) => {
      accountId = f.account(annaId, 'anna@example.dk');
      // a row the hub has never had: the founding upload takes it along
      t.portal.app.store.sqlite.prepare('UPDATE portal_account SET version = 0 WHERE id = ?').run(accountId);
    },
  });
});
afterEach(async () => {
  await w.close();
  await smtp.stop();
});

/** Anna activates her account from the emailed link and is signed in, as a patient would be. */
async function signedInAnna(): Promise<PatientBrowser> {
  const hub = w.hub.hub;
  await writeAtHub(hub.hub, (changes, trx) =>
    sendAccountLink({ trx, changes, now: toTimestamp(hub.hub.clock.now()), publicUrl: hub.hub.publicUrl }, { key: `test:${newId()}`, accountId, purpose: 'activation', language: 'en' }),
  );
  await hub.notify.worker.drain();
  const link = linkIn((await smtp.messages()).at(-1));
  const b = w.browser();
  await b.get(link);
  await b.post(`/c/${w.clinicId}/activate`, { token: new URL(link).searchParams.get('token') ?? '', password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
  return b;
}

describe('My results: a signed-in patient sees the studies of the keys issued to their account', () => {
  it('shows the issued studies with final reports of every active key, and no longer those of a key staff disabled', async () => {
    const first = await w.issue([w.s.ct, w.s.unvalidated]);
    await w.issue([w.s.us]);
    const b = await signedInAnna();

    const home = await b.get(`/c/${w.clinicId}/home`);
    expect(home.html).toContain(`href="/c/${w.clinicId}/my-results"`);
    const page = await b.get(`/c/${w.clinicId}/my-results`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('My results');
    expect(tableRows(page).map((r) => r[0])).toEqual(['Mammography screening', 'Ultrasound abdomen', 'CT thorax with contrast']);
    for (const other of [w.s.prelim, w.s.mr, w.bo]) expect(page.text).not.toContain(other.description);
    expect((await w.hubAudit('myResults.view')).map((a) => [a.patient_id, JSON.parse(a.detail ?? '{}')])).toEqual([[w.anna.id, { keys: 2, studies: 3 }]]);

    await w.t.value('keys.disable', { ids: [first.keyId] });
    await w.sync();
    expect(tableRows(await b.get(`/c/${w.clinicId}/my-results`)).map((r) => r[0])).toEqual(['Ultrasound abdomen']);
  });

  it('without any active key the page says so; signed out, it asks for sign-in', async () => {
    const b = await signedInAnna();
    const page = await b.get(`/c/${w.clinicId}/my-results`);
    expect(tableRows(page)).toEqual([]);
    expect(page.text).toContain('The clinic has not released any results to you yet.');
    const stranger = await w.browser().get(`/c/${w.clinicId}/my-results`);
    expect(stranger.url).toBe(`/c/${w.clinicId}`);
    expect(stranger.text).not.toContain('My results');
  });
});
