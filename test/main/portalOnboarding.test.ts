import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { audits, one, outbox, patientIds, portalTestApp, rows } from '../helpers/portal';

let t: TestApp;
beforeEach(async () => {
  t = await portalTestApp(60);
});
afterEach(() => t.close());

describe('portal.onboardingList', () => {
  it('pages every patient with the status of the one rule, filtered in SQL, and audits the read by size', async () => {
    const all = await t.value('portal.onboardingList', { limit: 500 });
    expect(all.total).toBe(60);
    expect(all.rows.every((r) => r.status.kind === 'inactive' && r.status.group === 'notEnabled')).toBe(true);
    const noEmail = all.rows.filter((r) => !r.email);
    const first = noEmail[0] as (typeof noEmail)[number];
    const page = await t.value('portal.onboardingList', { hasEmail: false, limit: 2, after: { mrn: first.mrn, id: first.patientId } });
    expect(page).toMatchObject({ total: noEmail.length, capped: false, hasMore: noEmail.length > 3 });
    expect(page.rows.map((r) => r.mrn)).toEqual(noEmail.slice(1, 3).map((r) => r.mrn));
    expect(audits(t, 'portal.onboardingList').at(-1)?.detail).toBe(`2 of ${page.total}`);
  });

  it('refuses an impossible date at its field', async () => {
    expect(await t.call('portal.onboardingList', { studyAfter: '2026-02-30' })).toMatchObject({ ok: false, error: { field: 'studyAfter', key: 'errors.format' } });
  });
});

describe('portal.onboard: enable access and send invitations to many', () => {
  it('sends 20 invitations, each once: pressing again sends none twice', async () => {
    const twenty = patientIds(t, 'email').slice(0, 20);
    const { results } = await t.value('portal.onboard', { patientIds: twenty, send: true });
    expect(results.map((r) => r.outcome)).toEqual(Array(20).fill('sent'));
    const created = outbox(t).filter((m) => m.name === 'portal.create');
    expect(created.map((m) => m.args.patientId)).toEqual(twenty);
    expect(created.every((m) => m.args.send === 'activation')).toBe(true);
    // seed 002: access given in bulk comes with the rights the clinic offers
    expect(one(t, 'SELECT min(right_econsultation + right_ebooking + right_eprescription) AS n FROM portal_account')?.n).toBe(3);
    const again = await t.value('portal.onboard', { patientIds: twenty, send: true });
    expect(again.results.every((r) => r.outcome === 'skipped' && r.reason === 'alreadyInvited')).toBe(true);
    expect(outbox(t)).toHaveLength(20);
    expect(audits(t, 'portal.onboard')).toHaveLength(20);
    expect(audits(t, 'portal.onboardBatch').map((a) => a.detail)).toEqual(['send: 20 sent, 0 enabled, 0 skipped', 'send: 0 sent, 0 enabled, 20 skipped']);
  });

  it('says why it skipped a patient, and never undoes the others', async () => {
    const [noEmail] = patientIds(t, 'noEmail');
    const [noPostal] = patientIds(t, 'noPostal');
    const [ok] = patientIds(t, 'email');
    const ids = [noEmail, noPostal, ok].filter((x): x is string => !!x);
    const { results } = await t.value('portal.onboard', { patientIds: ids, send: true });
    expect(results).toEqual([
      ...(noEmail ? [{ patientId: noEmail, outcome: 'skipped', reason: 'noEmail' }] : []),
      ...(noPostal ? [{ patientId: noPostal, outcome: 'skipped', reason: 'noPostalCode' }] : []),
      { patientId: ok, outcome: 'sent' },
    ]);
    expect(rows(t, 'SELECT patient_id FROM portal_account').map((r) => r.patient_id)).toEqual([ok]);
  });

  it('enabling only makes the patient gray (enabled, not invited); sending then invites through the same account', async () => {
    const [p] = patientIds(t, 'email') as [string];
    expect((await t.value('portal.onboard', { patientIds: [p], send: false })).results).toEqual([{ patientId: p, outcome: 'enabled' }]);
    expect(outbox(t)[0]?.args).toMatchObject({ send: 'none' });
    expect((await t.value('portal.get', { patientId: p })).status).toMatchObject({ kind: 'awaiting', group: 'notInvited' });
    expect((await t.value('portal.onboard', { patientIds: [p], send: false })).results[0]).toMatchObject({ reason: 'alreadyEnabled' });
    expect((await t.value('portal.onboard', { patientIds: [p], send: true })).results[0]).toMatchObject({ outcome: 'sent' });
    expect(outbox(t).map((m) => m.name)).toEqual(['portal.create', 'portal.sendActivation']);
    expect((await t.value('portal.get', { patientId: p })).status.group).toBe('invited');
  });

  it('patients sharing one email get their own suggested usernames', async () => {
    const [a, b] = patientIds(t, 'email') as [string, string];
    const shared = one(t, 'SELECT email FROM patient WHERE id = ?', a)?.email;
    t.portal.app.store.sqlite.prepare('UPDATE patient SET email = ? WHERE id = ?').run(shared, b);
    await t.value('portal.onboard', { patientIds: [a, b], send: true });
    const names = rows(t, 'SELECT username FROM portal_account ORDER BY created_at').map((r) => r.username);
    expect(names[0]).toBeNull();
    expect(names[1]).toMatch(/^[a-z0-9.]+$/);
  });
});
