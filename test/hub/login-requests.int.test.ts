import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../common/i18n';
import { linkIn, GOOD_PASSWORD } from './patientWorld';
import { PatientBrowser } from './patientBrowser';
import { chartPatient, loginWorld, registrationOf, type LoginWorld } from './loginRequestWorld';

/**
 * Issue 7 end to end below the screen: a patient registers on the hub's page, the request
 * reaches the workstation by sync, staff decide through the dispatcher, the hub applies the
 * decision and the patient gets the email at a real SMTP server on loopback.
 */
let w: LoginWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const subjects = (mail: Array<{ subject?: string | undefined }>) => mail.map((m) => m.subject);
const rights = (econsultation: boolean, ebooking: boolean) => ({ econsultation, ebooking, eprescription: false });
const en = catalogs.en as { patientPages: { rights: Record<string, string> } };

describe('approving a registration', () => {
  it('shows the match evidence, approves with one right unticked, sends one activation email; the patient signs in with exactly that right', async () => {
    w = await loginWorld();
    const { a } = w;
    const p = chartPatient(a);
    await w.register(registrationOf(p, { email: p.email.toUpperCase(), rights: ['econsultation', 'ebooking'] }));
    expect(subjects(await w.newMail())).toEqual(['Your registration was received']);
    await a.value('sync.now', {});
    expect(await a.value('registrations.count', {})).toEqual({ open: 1 });

    const [row] = await a.value('registrations.list', {});
    expect(row).toMatchObject({
      clinicId: w.clinicId, clinicName: 'Test Clinic', familyName: p.family_name, verification: 'strong', state: 'new', returningPatient: false,
      rights: { econsultation: true, ebooking: true, eprescription: false }, grantedRights: null, decidedBy: null, manualReason: null,
    });
    expect(await a.value('registrations.list', { text: p.family_name.slice(0, 3) })).toHaveLength(1);
    expect(await a.value('registrations.list', { text: 'zzzz-nobody' })).toEqual([]);

    const evidence = await a.value('registrations.get', { id: row!.id });
    expect(evidence.tie).toBe(false);
    expect(evidence.candidates[0]?.patient.id).toBe(p.id);
    expect(evidence.candidates[0]?.full).toBe(true);
    // the email differs only in case: a match, and the screen can still say how
    expect(evidence.candidates[0]?.fields.find((f) => f.field === 'email')).toMatchObject({ match: 'match', verdict: 'folded', chart: p.email });
    expect(evidence.candidates[0]?.fields.find((f) => f.field === 'dateOfBirth')).toMatchObject({ match: 'match', entered: p.date_of_birth });
    const reads = a.portal.app.store.sqlite.prepare("SELECT patient_id FROM audit_event WHERE action = 'registrations.evidence'").pluck().all();
    expect(reads).toEqual(evidence.candidates.map((c) => c.patient.id));

    const approved = await a.value('registrations.approve', {
      id: row!.id, baseVersion: row!.version, patient: { id: p.id }, rights: { econsultation: true, ebooking: false, eprescription: false },
    });
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'frida, Test Clinic', patientId: p.id, decidedAutomatically: false });
    expect(await a.value('registrations.count', {})).toEqual({ open: 0 });
    await a.value('sync.now', {});
    await a.value('sync.now', {}); // a second round sends nothing more

    const mail = await w.newMail();
    expect(subjects(mail)).toEqual(['Activate your Nordklinik Portal account']);
    expect(mail[0]?.to?.[0]?.address?.toLowerCase()).toBe(p.email.toLowerCase());
    const accounts = await w.hubRows('portal_account', { patient_id: p.id, deleted_at: null });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ right_econsultation: 1, right_ebooking: 0, right_eprescription: 0 });
    const [atHub] = await w.hubRows('login_request', { id: row!.id });
    expect(atHub).toMatchObject({ status: 'approved', decided_by: 'frida, Test Clinic', account_id: accounts[0]?.id, patient_id: p.id });
    expect((await a.value('registrations.list', {}))[0]).toMatchObject({ state: 'approved', grantedRights: { econsultation: true, ebooking: false, eprescription: false } });
    expect(a.portal.app.store.sqlite.prepare("SELECT count(*) FROM audit_event WHERE action = 'registrations.approve' AND patient_id = ?").pluck().get(p.id)).toBe(1);

    const link = linkIn(mail[0]);
    const b = new PatientBrowser(w.hub.url);
    await b.get(link);
    const home = await b.post(`/c/${w.clinicId}/activate`, { token: new URL(link).searchParams.get('token') ?? '', password: GOOD_PASSWORD, repeat: GOOD_PASSWORD });
    expect(home.url).toBe(`/c/${w.clinicId}/home`);
    const profile = await b.get(`/c/${w.clinicId}/profile`);
    expect(profile.text).toContain(en.patientPages.rights.econsultation);
    expect(profile.text).not.toContain(en.patientPages.rights.ebooking);
  });

  it('refuses bad decisions at their field and writes nothing; a decided request is a conflict naming who decided', async () => {
    w = await loginWorld();
    const { a } = w;
    const p = chartPatient(a);
    await w.register(registrationOf(p, { rights: ['ebooking'] }));
    await a.value('sync.now', {});
    const [row] = await a.value('registrations.list', {});
    const base = { id: row!.id, baseVersion: row!.version, patient: { id: p.id } };
    const none = await a.call('registrations.approve', { ...base, rights: { econsultation: false, ebooking: false, eprescription: false } });
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'rights', key: 'registrations.errors.noRights' } });
    const extra = await a.call('registrations.approve', { ...base, rights: { econsultation: true, ebooking: true, eprescription: false } });
    expect(extra).toMatchObject({ ok: false, error: { field: 'rights', key: 'registrations.errors.notRequested' } });
    const noNote = await a.call('registrations.reject', { id: row!.id, baseVersion: row!.version, reason: 'other', note: '  ' });
    expect(noNote).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'note', key: 'errors.required' } });
    const longNote = await a.call('registrations.reject', { id: row!.id, baseVersion: row!.version, reason: 'other', note: 'x'.repeat(501) });
    expect(longNote).toMatchObject({ ok: false, error: { field: 'note', key: 'errors.tooLong' } });
    expect(a.portal.app.store.sqlite.prepare("SELECT count(*) FROM sync_outbox WHERE name LIKE 'loginRequests.%'").pluck().get()).toBe(0);
    expect((await a.value('registrations.list', {}))[0]?.state).toBe('new');

    await a.value('registrations.approve', { ...base, rights: { econsultation: false, ebooking: true, eprescription: false } });
    const again = await a.call('registrations.reject', { id: row!.id, baseVersion: row!.version, reason: 'notAPatient' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', key: 'registrations.errors.handled', params: { by: 'frida, Test Clinic' } } });
  });
  it('a patient who registered twice: approving one leaves the other handled elsewhere, and it cannot make a second account', async () => {
    w = await loginWorld();
    const { a } = w;
    const p = chartPatient(a);
    await w.register(registrationOf(p, { rights: ['econsultation'] }));
    await w.register(registrationOf(p, { rights: ['ebooking'] }));
    await a.value('sync.now', {});
    const [second, first] = await a.value('registrations.list', {});
    await a.value('registrations.approve', { id: first!.id, baseVersion: first!.version, patient: { id: p.id }, rights: rights(true, false) });
    await a.value('sync.now', {});
    const after = await a.value('registrations.list', {});
    expect(after.map((r) => [r.id, r.state])).toEqual([[second!.id, 'handledElsewhere'], [first!.id, 'approved']]);
    expect(await a.value('registrations.count', {})).toEqual({ open: 0 });
    const again = await a.call('registrations.approve', { id: second!.id, baseVersion: after[0]!.version, patient: { id: p.id }, rights: rights(false, true) });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', params: { by: 'frida, Test Clinic' } } });
    expect(await w.hubRows('portal_account', { patient_id: p.id })).toHaveLength(1);
  });
});

describe('rejecting a registration', () => {
  it('a reason from the list reaches the patient in the language they registered in', async () => {
    w = await loginWorld();
    const { a } = w;
    const p = chartPatient(a);
    await w.register(registrationOf(p, { language: 'da', family_name: 'Somebody-Else' }));
    await a.value('sync.now', {});
    await w.newMail();
    const [row] = await a.value('registrations.list', {});
    const rejected = await a.value('registrations.reject', { id: row!.id, baseVersion: row!.version, reason: 'notAPatient' });
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: 'notAPatient', decidedBy: 'frida, Test Clinic' });
    await a.value('sync.now', {});
    const mail = await w.newMail();
    expect(subjects(mail)).toEqual(['Din registrering blev ikke godkendt']);
    expect(mail[0]?.text).toContain('Begrundelse: Vi kunne ikke finde dig blandt vores patienter.');
    expect(await w.hubRows('portal_account', { patient_id: p.id })).toEqual([]);
    expect(a.portal.app.store.sqlite.prepare("SELECT detail FROM audit_event WHERE action = 'registrations.reject'").pluck().all()).toEqual(['reason: notAPatient']);
  });

  it('a typed reason never goes into the email: the link shows it once the patient gives their date of birth', async () => {
    w = await loginWorld();
    const { a } = w;
    const p = chartPatient(a);
    await w.register(registrationOf(p, { language: 'en' }));
    await a.value('sync.now', {});
    await w.newMail();
    const [row] = await a.value('registrations.list', {});
    const note = 'Please bring your <b>health card</b> to the front desk.';
    await a.value('registrations.reject', { id: row!.id, baseVersion: row!.version, reason: 'other', note });
    await a.value('sync.now', {});
    const [mail] = await w.newMail();
    expect(mail?.subject).toBe('Your registration was not approved');
    expect(mail?.text).not.toContain('health card');
    const link = linkIn(mail);
    expect(link).toContain(`/c/${w.clinicId}/registration-note?token=`);
    expect(a.portal.app.store.sqlite.prepare("SELECT detail FROM audit_event WHERE action = 'registrations.reject'").pluck().get()).toBe('reason: other');

    const b = new PatientBrowser(w.hub.url);
    const page = await b.get(link);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('health card');
    const token = new URL(link).searchParams.get('token') ?? '';
    const wrong = await b.post(`/c/${w.clinicId}/registration-note`, { token, date_of_birth: '1901-01-01' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('This date of birth does not match the registration.');
    expect(wrong.text).not.toContain('health card');
    const [y, m, d] = p.date_of_birth.split('-');
    const shown = await b.post(`/c/${w.clinicId}/registration-note`, { token, date_of_birth: `${d}-${m}-${y}` });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(note);
    expect(shown.html).not.toContain('<b>health card</b>');
    expect((await new PatientBrowser(w.hub.url).get(`/c/${w.clinicId}/registration-note?token=${'x'.repeat(43)}`)).status).toBe(410);
  });
});
