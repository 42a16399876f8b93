import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, MINUTE_MS } from '../../common/time';
import { runCommand } from '../../db/command';
import { formatDateTime } from '../../hub/patient/format';
import { joiningWorkstation, type Workstation } from '../helpers/sync';
import { fieldError, redeemWorld, tableRows, type RedeemWorld } from './redeemWorld';
import type { PatientBrowser } from './patientBrowser';

let w: RedeemWorld;
let other: Workstation | null = null;
beforeEach(async () => {
  w = await redeemWorld();
});
afterEach(async () => {
  other?.close();
  other = null;
  await w.close();
});

const status = async (keyId: string) => (await w.t.value('keys.search', { issuer: 'media' })).rows.find((r) => r.id === keyId);

async function lock(b: PatientBrowser, code: string) {
  for (let i = 0; i < 5; i++) await w.redeem(b, code, '1999-12-31');
}

/** Another workstation of the clinic (joined, filled from the hub) unlocks the key as its staff would. */
async function unlockElsewhere(keyId: string) {
  other ??= await joiningWorkstation(w.hub, w.clinicId);
  await other.client.syncOnce();
  const usage = other.store.sqlite.prepare('SELECT id, version FROM issued_key_usage WHERE key_id = ?').get(keyId) as { id: string; version: number };
  runCommand({ store: other.store, actor: { staffId: null, workstationId: 'ws-b' }, clock: other.clock }, {
    run: (c) => c.mutate('keys.unlock', { keyId, usageId: usage.id, baseVersion: usage.version }, [{ entity: 'issued_key_usage', id: usage.id }]),
    audit: { action: 'key.unlock', entityType: 'issued_key', entityId: keyId },
  });
  await other.client.syncOnce();
}

describe('staff and a key at the hub', () => {
  it('Unlock: the key shows unlocked at once, the hub lifts the lock (audited on both sides), and the code redeems again', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const b = w.browser();
    await lock(b, code);
    await w.sync();
    expect(await status(keyId)).toMatchObject({ status: 'locked', misses: 5 });

    const r = await w.t.value('keys.unlock', { ids: [keyId] });
    expect(r).toMatchObject({ changed: 1, unchanged: 0, keys: [expect.objectContaining({ id: keyId, status: 'active' })] });
    expect(w.f.audits('key.unlock')).toEqual([expect.objectContaining({ patient_id: w.anna.id, entity_id: keyId, detail: expect.stringContaining('after 5 wrong dates of birth') })]);
    await w.sync();
    expect(await w.usage(keyId)).toMatchObject({ misses: 0, locked_at: null });
    expect((await w.hubAudit('access.unlock')).map((a) => [a.actor.startsWith('workstation:'), a.entity_id, JSON.parse(a.detail ?? '{}').staff])).toEqual([[true, keyId, 'media']]);
    expect(await status(keyId)).toMatchObject({ status: 'active', misses: 0 });

    const page = await w.redeem(b, code, w.anna.dob);
    expect(tableRows(page).map((row) => row[0])).toEqual(['CT thorax with contrast']);
    // a key that is not locked is left alone, and nothing is written for it
    const before = w.f.mutations('keys.unlock').length;
    expect(await w.t.value('keys.unlock', { ids: [keyId] })).toMatchObject({ changed: 0, unchanged: 1 });
    expect(w.f.mutations('keys.unlock')).toHaveLength(before);
  });

  it('an unlock based on a lock the hub has moved past is a conflict, and the key shows as the hub has it', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const b = w.browser();
    await lock(b, code);
    await w.sync();
    expect(await status(keyId)).toMatchObject({ status: 'locked' });
    // this workstation hears nothing for a while (its live sync would otherwise fetch the news at once)
    w.t.portal.app.sync.stop();
    await w.t.portal.app.sync.idle();
    // meanwhile: another workstation unlocks it, and someone locks it again with 5 more wrong dates
    await unlockElsewhere(keyId);
    expect(await w.usage(keyId)).toMatchObject({ locked_at: null });
    await lock(b, code);

    expect(await w.t.value('keys.unlock', { ids: [keyId] })).toMatchObject({ changed: 1 });
    w.t.portal.app.sync.start();
    await w.sync();
    const conflicts = await w.t.value('sync.conflicts', {});
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'conflict', mutationName: 'keys.unlock', entityId: keyId })]);
    // the fresh lock stands, at the hub and on the screen
    expect(await w.usage(keyId)).toMatchObject({ misses: 5, locked_at: expect.any(String) });
    expect(await status(keyId)).toMatchObject({ status: 'locked', misses: 5 });
    expect(fieldError(await w.redeem(b, code, w.anna.dob), 'code')).toMatch(/^This access code and date of birth do not open any results/);
  });

  it('disable → refused after sync (an open view closes at the next look; only the right date of birth is told why); enable → redeems again', async () => {
    const { keyId, code } = await w.issue([w.s.ct, w.s.mr]);
    const viewer = w.browser();
    expect(tableRows(await w.redeem(viewer, code, w.anna.dob))).toHaveLength(2);

    await w.t.value('keys.disable', { ids: [keyId] });
    await w.sync();
    const closed = await viewer.get(`/c/${w.clinicId}/access/results`);
    expect(closed.status).toBe(403);
    expect(closed.text).toContain('This access code has been turned off by the clinic. Contact the clinic if you need your results.');
    expect(closed.text).not.toContain('MR knee left');

    // the right date of birth is told why; a wrong one is told nothing and counts a miss, as on any key
    const b = w.browser();
    const refused = await w.redeem(b, code, w.anna.dob);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('turned off by the clinic');
    expect(tableRows(refused)).toEqual([]);
    const wrong = await w.redeem(b, code, '1999-12-31');
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('turned off');
    expect(await w.usage(keyId)).toMatchObject({ misses: 1, redemptions: 1 });
    const da = await w.redeem(w.browser('da'), code, w.anna.dob);
    expect(da.text).toContain('Klinikken har slået adgangskoden fra. Kontakt klinikken, hvis du har brug for dine svar.');

    await w.t.value('keys.enable', { ids: [keyId] });
    await w.sync();
    expect(tableRows(await w.redeem(b, code, w.anna.dob)).map((r) => r[0])).toEqual(['MR knee left', 'CT thorax with contrast']);
  });

  it('an expired key is refused with its date; an extended one works past its first expiry, until the new one', async () => {
    const a = await w.issue([w.s.ct]);
    const x = await w.issue([w.s.mr]);
    const firstExpiry = new Date(w.t.clock.now() + 30 * DAY_MS).toISOString();
    const newExpiry = new Date(w.t.clock.now() + 60 * DAY_MS).toISOString();
    await w.t.value('keys.extend', { ids: [x.keyId], expiresAt: newExpiry });
    await w.sync();
    await w.advance(31 * DAY_MS);

    const expired = await w.redeem(w.browser(), a.code, w.anna.dob);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain(`This access code expired on ${formatDateTime('en', firstExpiry)}. Contact the clinic to have it extended or to get a new one.`);
    expect((await w.redeem(w.browser('da'), a.code, w.anna.dob)).text).toContain(`Adgangskoden udløb ${formatDateTime('da', firstExpiry)}.`);
    // a wrong date of birth on an expired key says nothing about it
    expect((await w.redeem(w.browser(), a.code, '1999-12-31')).text).not.toContain('expired');
    const extended = await w.redeem(w.browser(), x.code, w.anna.dob);
    expect(tableRows(extended).map((r) => r[0])).toEqual(['MR knee left']);
    expect(extended.text).toContain(`The access code is valid until ${formatDateTime('en', newExpiry)}.`);

    await w.advance(30 * DAY_MS);
    expect((await w.redeem(w.browser(), x.code, w.anna.dob)).text).toContain(`expired on ${formatDateTime('en', newExpiry)}`);
  });

  it('the portal disabled at the workstation refuses every valid code after sync; enabled again, the key works once staff enable it', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const b = w.browser();
    expect(tableRows(await w.redeem(b, code, w.anna.dob))).toHaveLength(1);
    await b.get(`/c/${w.clinicId}/access`);
    const csrfBefore = b.csrf();
    await w.t.signIn('ada', 'admin-tab');
    await w.t.value('settings.setPortalEnabled', { enabled: false, reason: 'moving' }, 'admin-tab');
    await w.sync('admin-tab');

    const patient = w.browser();
    const page = await patient.get(`/c/${w.clinicId}/access`);
    expect(page.status).toBe(503);
    expect(page.text).toContain('The patient portal of Test Clinic is closed at the moment.');
    // a form opened before the switch, posted after it: refused all the same, before any look-up
    const post = await b.post(`/c/${w.clinicId}/access`, { code, date_of_birth: w.anna.dob }, { csrf: csrfBefore });
    expect(post.status).toBe(503);
    expect(post.text).toContain('The patient portal of Test Clinic is closed at the moment.');
    expect((await w.hubAudit('access.redeem')).map((a) => a.outcome)).toEqual(['ok']);
    expect((await b.get(`/c/${w.clinicId}/access/results`)).status).toBe(503);

    await w.t.value('settings.setPortalEnabled', { enabled: true }, 'admin-tab');
    await w.sync('admin-tab');
    // the switch disabled the key with its reason; turning the portal on restores nothing by itself
    const stillOff = await w.redeem(patient, code, w.anna.dob);
    expect(stillOff.status).toBe(403);
    expect(stillOff.text).toContain('turned off by the clinic');
    expect(await status(keyId)).toMatchObject({ status: 'disabled', disabledReason: 'portal-disabled' });
    await w.t.value('keys.enable', { ids: [keyId] });
    await w.sync();
    expect(tableRows(await w.redeem(patient, code, w.anna.dob))).toHaveLength(1);
  });

  it('one address may try 20 times in 15 minutes: the 21st try is refused before any look-up, other addresses are not held up, and it is allowed again later', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const b = w.browser();
    for (let i = 0; i < 20; i++) expect((await w.redeem(b, 'ABCD', w.anna.dob)).status).toBe(400);
    const blocked = await w.redeem(b, code, w.anna.dob);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many attempts from your network.');
    expect(fieldError(blocked, 'code')).toBeNull();
    expect(await w.usage(keyId)).toBeUndefined();
    // the limit is per source: a patient on another network is not held up by it
    const elsewhere = w.browser('en', '127.0.0.2');
    expect(tableRows(await w.redeem(elsewhere, code, w.anna.dob))).toHaveLength(1);
    expect((await w.redeem(b, code, w.anna.dob)).status).toBe(429);
    expect((await w.hubAudit('access.redeem')).map((a) => [a.outcome, a.source])).toEqual([['ok', '127.0.0.2']]);
    await w.advance(15 * MINUTE_MS);
    expect(tableRows(await w.redeem(b, code, w.anna.dob))).toHaveLength(1);
  });
});
