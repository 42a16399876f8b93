import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { swapDayMonth } from '../../common/rules/identityMatch';
import { reviewArrivals } from '../../main/services/autoApproval';
import type { TestApp } from '../helpers/app';
import { audits, one, outbox, portalTestApp, rows, setSetting, written } from '../helpers/portal';

/**
 * The registrations.* methods at one workstation, without a hub: what a decision writes locally
 * and what it asks the hub for. The hub's side is in test/hub/login-requests*.int.test.ts.
 */
let t: TestApp;
beforeEach(async () => {
  t = await portalTestApp(30);
});
afterEach(() => t.close());

type Patient = { id: string; given_name: string; family_name: string; date_of_birth: string; postal_code: string; email: string | null; mobile: string | null };
const patient = (where = 'email IS NOT NULL AND postal_code IS NOT NULL', skip = 0) =>
  one(t, `SELECT id, given_name, family_name, date_of_birth, postal_code, email, mobile FROM patient WHERE ${where} ORDER BY mrn LIMIT 1 OFFSET ?`, skip) as unknown as Patient;

/** A login request as the hub's pull writes it. */
function request(p: Partial<Patient> & Pick<Patient, 'given_name' | 'family_name' | 'date_of_birth'>, patch: Record<string, unknown> = {}): string {
  const id = newId();
  const row = {
    id, clinic_id: t.clinicId, version: 5, deleted_at: null, email: p.email ?? 'someone@example.dk', given_name: p.given_name, family_name: p.family_name,
    date_of_birth: p.date_of_birth, postal_code: p.postal_code ?? '8000', mobile: null, language: 'da', verification: 'strong', verified_at: '2026-11-20T10:00:00.000Z',
    right_econsultation: 1, right_ebooking: 1, right_eprescription: 0, status: 'new', decided_by: null, decided_at: null, reject_reason: null, account_id: null,
    returning_patient: 0, previous_account_id: null, previous_rights: null, created_at: '2026-11-20T10:00:00.000Z', patient_id: null, reject_note: null,
    decided_automatically: 0, manual_reason: null, ...patch,
  };
  const cols = Object.keys(row);
  t.portal.app.store.sqlite.prepare(`INSERT INTO login_request (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  return id;
}

const rights = (econsultation: boolean, ebooking: boolean, eprescription = false) => ({ econsultation, ebooking, eprescription });

describe('who may see and decide', () => {
  it('front desk only: media management is refused at the dispatcher, and the refusal is audited', async () => {
    const id = request(patient());
    await t.signIn('mads');
    expect(await t.call('registrations.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('registrations.approve', { id, baseVersion: 5, patient: { createNew: true }, rights: rights(true, false) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(audits(t, 'access.denied').map((a) => a.detail)).toEqual(['registrations.list', 'registrations.approve']);
  });
});

describe('match evidence', () => {
  it('a swapped birth date is a mismatch the screen can name; two charts of one person are a tie', async () => {
    // a birth date whose day could be a month, so that swapping gives another real date
    const p = patient("email IS NOT NULL AND postal_code IS NOT NULL AND CAST(substr(date_of_birth, 9, 2) AS INTEGER) <= 12 AND substr(date_of_birth, 6, 2) <> substr(date_of_birth, 9, 2)");
    const swapped = swapDayMonth(p.date_of_birth);
    expect(swapped).not.toBeNull();
    const id = request({ ...p, date_of_birth: swapped ?? '' });
    const { candidates, tie } = await t.value('registrations.get', { id });
    const me = candidates.find((c) => c.patient.id === p.id);
    expect(me?.fields.find((f) => f.field === 'dateOfBirth')).toMatchObject({ match: 'mismatch', verdict: 'swapped', chart: p.date_of_birth });
    expect(me?.full).toBe(false);
    expect(tie).toBe(false);

    const twin = newId();
    t.portal.app.store.sqlite.prepare("INSERT INTO patient SELECT @twin, clinic_id, mrn || '-2', given_name, family_name, date_of_birth, sex, email, mobile, postal_code, address_line, city, search_text, created_at, updated_at, version, deleted_at FROM patient WHERE id = @id").run({ twin, id: p.id });
    const again = await t.value('registrations.get', { id: request(p) });
    expect(again.tie).toBe(true);
    expect(again.candidates.slice(0, 2).map((c) => c.patient.id).sort()).toEqual([p.id, twin].sort());
    expect(again.candidates[0]?.fields.every((f) => f.match === 'match' || f.match === 'missing')).toBe(true);
  });

  it('nothing is read about an unknown request', async () => {
    expect(await t.call('registrations.get', { id: newId() })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id', key: 'registrations.errors.notFound' } });
    expect(audits(t, 'registrations.evidence')).toEqual([]);
  });
});

describe('approving', () => {
  it('to a chart without an email: the account as the portal form makes it, the chart filled, one mutation carrying both', async () => {
    const p = patient('email IS NULL AND postal_code IS NOT NULL');
    const id = request({ ...p, email: 'new.address@example.dk' });
    const row = await t.value('registrations.approve', { id, baseVersion: 5, patient: { id: p.id }, rights: rights(false, true) });
    expect(row).toMatchObject({ state: 'approved', decidedBy: 'frida, Test Clinic', patientId: p.id, decidedAutomatically: false });
    const [m] = outbox(t);
    expect(m?.name).toBe('loginRequests.approve');
    expect(m?.args).toMatchObject({ id, baseVersion: 5, status: 'approved', patientId: p.id, activate: false, send: 'activation', automatic: false });
    const put = m?.args.put as Record<string, Array<Record<string, unknown>>>;
    expect(put.portal_account).toEqual([expect.objectContaining({ patient_id: p.id, email: 'new.address@example.dk', right_ebooking: 1, right_econsultation: 0, username: null })]);
    expect(put.patient).toEqual([expect.objectContaining({ id: p.id, email: 'new.address@example.dk' })]);
    expect(outbox(t)).toHaveLength(1);
    expect(audits(t, 'registrations.approve')).toEqual([expect.objectContaining({ patient_id: p.id, entity_id: id })]);
    expect((await t.value('portal.get', { patientId: p.id })).status.kind).toBe('awaiting');
  });

  it('a returning patient: their former association is marked returned', async () => {
    const p = patient();
    const former = newId();
    t.portal.app.store.sqlite.prepare(`INSERT INTO portal_former_account (id, clinic_id, patient_id, account_id, username, email, right_econsultation, right_ebooking, right_eprescription,
      wants_electronic_reply, account_created_at, removed_at, removed_by, returned_at, version, deleted_at) VALUES (?, ?, ?, ?, NULL, ?, 1, 0, 0, 0, '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', NULL, NULL, 3, NULL)`)
      .run(former, t.clinicId, p.id, newId(), p.email);
    const id = request(p, { returning_patient: 1, previous_rights: 'econsultation' });
    expect((await t.value('registrations.list', {}))[0]).toMatchObject({ returningPatient: true, previousRights: ['econsultation'] });
    expect(audits(t, 'registrations.list').map((a) => a.detail)).toEqual(['1 requests']);
    await t.value('registrations.approve', { id, baseVersion: 5, patient: { id: p.id }, rights: rights(true, false) });
    expect(one(t, 'SELECT returned_at FROM portal_former_account WHERE id = ?', former)?.returned_at).toEqual(expect.any(String));
    expect((outbox(t)[0]?.args.put as Record<string, unknown[]>).portal_former_account).toEqual([expect.objectContaining({ id: former, returned_at: expect.any(String) })]);
  });

  it('a patient with an account under the same email keeps it and gains the rights; under another email, refused at the field', async () => {
    const p = patient();
    const q = patient('email IS NOT NULL AND postal_code IS NOT NULL', 1);
    for (const x of [p, q]) await t.value('portal.create', { patientId: x.id, email: x.email ?? '', postalCode: x.postal_code, username: '', rights: ['econsultation'], wantsElectronicReply: false });
    const before = written(t);
    const other = await t.call('registrations.approve', { id: request({ ...q, email: 'another@example.dk' }), baseVersion: 5, patient: { id: q.id }, rights: rights(false, true) });
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'patient', key: 'registrations.errors.otherAccount' } });
    expect(written(t)).toEqual(before);

    await t.value('registrations.approve', { id: request(p), baseVersion: 5, patient: { id: p.id }, rights: rights(false, true) });
    expect(rows(t, 'SELECT right_econsultation, right_ebooking FROM portal_account WHERE patient_id = ? AND deleted_at IS NULL', p.id)).toEqual([{ right_econsultation: 1, right_ebooking: 1 }]);
    expect(outbox(t).at(-1)?.args).toMatchObject({ send: 'activation' });
  });

  it('a new patient from what the patient entered, audited as made', async () => {
    const id = request({ given_name: 'Ny', family_name: 'Patientsen', date_of_birth: '1971-06-15', email: 'ny@example.dk', postal_code: '8200' });
    const row = await t.value('registrations.approve', { id, baseVersion: 5, patient: { createNew: true }, rights: rights(true, true) });
    const made = one(t, 'SELECT mrn, family_name, sex, email, postal_code FROM patient WHERE id = ?', row.patientId);
    expect(made).toMatchObject({ family_name: 'Patientsen', sex: 'U', email: 'ny@example.dk', postal_code: '8200', mrn: expect.stringMatching(/^W[0-9A-F]{8}$/) });
    expect(audits(t, 'patient.create')).toEqual([expect.objectContaining({ patient_id: row.patientId })]);
    expect((outbox(t)[0]?.args.put as Record<string, unknown[]>).patient).toHaveLength(1);
  });

  it('with the portal off nothing is approved', async () => {
    const id = request(patient());
    setSetting(t, 'portal.enabled', false);
    expect(await t.call('registrations.approve', { id, baseVersion: 5, patient: { createNew: true }, rights: rights(true, false) })).toMatchObject({ ok: false, error: { code: 'portal_disabled' } });
    expect(outbox(t)).toEqual([]);
  });
});

describe('rejecting', () => {
  it('sends the reason; a typed note goes to the hub for its page and never into the audit trail', async () => {
    const id = request(patient());
    await t.value('registrations.reject', { id, baseVersion: 5, reason: 'other', note: '  Bring your health card.  ' });
    expect(outbox(t).map((m) => [m.name, m.args])).toEqual([['loginRequests.reject', { id, baseVersion: 5, status: 'rejected', reason: 'other', note: 'Bring your health card.' }]]);
    expect(audits(t, 'registrations.reject').map((a) => a.detail)).toEqual(['reason: other']);
    const listed = await t.value('registrations.reject', { id: request(patient()), baseVersion: 5, reason: 'incompleteDetails', note: 'ignored without "other"' });
    expect(listed).toMatchObject({ state: 'rejected', rejectReason: 'incompleteDetails' });
    expect(outbox(t)[1]?.args).toMatchObject({ reason: 'incompleteDetails', note: null });
  });
});

describe('automatic approval at this workstation', () => {
  it('does nothing while the clinic approves by hand; with automaticStrong it decides each request once', () => {
    const p = patient();
    const id = request(p);
    const email = request({ ...patient('email IS NOT NULL AND postal_code IS NOT NULL', 1) }, { verification: 'email' });
    expect(reviewArrivals(t.portal.app)).toBe(0);
    setSetting(t, 'portal.selfRegistration', 'automaticStrong');
    expect(reviewArrivals(t.portal.app)).toBe(2);
    expect(reviewArrivals(t.portal.app)).toBe(0);
    expect(one(t, 'SELECT status, decided_automatically, patient_id FROM login_request WHERE id = ?', id)).toEqual({ status: 'approved', decided_automatically: 1, patient_id: p.id });
    expect(one(t, 'SELECT status, manual_reason FROM login_request WHERE id = ?', email)).toEqual({ status: 'new', manual_reason: 'emailOnly' });
    expect(outbox(t).map((m) => m.name).sort()).toEqual(['loginRequests.approve', 'loginRequests.review']);
  });
});
