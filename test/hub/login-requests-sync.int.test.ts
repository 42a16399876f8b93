import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { writePatient } from '../../db/queries/patients';
import type { TestApp } from '../helpers/app';
import { PatientBrowser } from './patientBrowser';
import { linkIn } from './patientWorld';
import { chartPatient, loginWorld, registrationOf, type LoginWorld } from './loginRequestWorld';

/**
 * Issue 7's concurrency and automatic approval through the real hub over HTTP: two workstations
 * of one clinic deciding the same request, and requests decided as they arrive by sync.
 */
let w: LoginWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const liveAccounts = (t: TestApp, patientId: string) =>
  t.portal.app.store.sqlite.prepare('SELECT count(*) FROM portal_account WHERE patient_id = ? AND deleted_at IS NULL').pluck().get(patientId);

describe('two workstations decide the same request', () => {
  it('the one that was offline gets a visible conflict naming who decided; the hub has one account', async () => {
    w = await loginWorld({ staff: [['frida', ['front_desk']], ['gustav', ['front_desk']]] });
    const { a } = w;
    const b = await w.join('gustav');
    const p = chartPatient(a);
    await w.register(registrationOf(p, { rights: ['econsultation', 'ebooking'] }));
    await a.value('sync.now', {});
    await b.value('sync.now', {});
    const [seenAtB] = await b.value('registrations.list', {});
    expect(seenAtB?.state).toBe('new');

    // B decides while cut off from the hub: its decision waits in the outbox
    b.portal.app.sync.stop();
    const atB = await b.value('registrations.approve', {
      id: seenAtB!.id, baseVersion: seenAtB!.version, patient: { id: p.id }, rights: { econsultation: true, ebooking: true, eprescription: false },
    });
    expect(atB.state).toBe('approved');
    const [seenAtA] = await a.value('registrations.list', {});
    const atA = await a.value('registrations.approve', {
      id: seenAtA!.id, baseVersion: seenAtA!.version, patient: { id: p.id }, rights: { econsultation: true, ebooking: false, eprescription: false },
    });
    expect(atA.decidedBy).toBe('frida, Test Clinic');
    await a.value('sync.now', {});

    b.portal.app.sync.start();
    await b.value('sync.now', {});
    const conflicts = await b.value('sync.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'conflict', mutationName: 'loginRequests.approve', entity: 'login_request', entityId: seenAtB!.id, handledBy: 'frida, Test Clinic', fromHere: true });
    expect(conflicts[0]?.message).toMatch(/^already approved: handled by frida, Test Clinic at \d{4}-/);
    // A's colleagues see it too, as every conflict of the clinic
    await a.value('sync.now', {});
    expect(await a.value('sync.conflicts', {})).toHaveLength(1);

    const accounts = await w.hubRows('portal_account', { patient_id: p.id, deleted_at: null });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ right_econsultation: 1, right_ebooking: 0 });
    // B's own account for the patient was withdrawn; it shows the request as A decided it
    expect(liveAccounts(b, p.id)).toBe(1);
    expect(b.portal.app.store.sqlite.prepare('SELECT id FROM portal_account WHERE patient_id = ? AND deleted_at IS NULL').pluck().get(p.id)).toBe(accounts[0]?.id);
    expect((await b.value('registrations.list', {}))[0]).toMatchObject({ state: 'approved', decidedBy: 'frida, Test Clinic', grantedRights: { econsultation: true, ebooking: false, eprescription: false } });
    expect((await w.newMail()).filter((m) => m.subject?.startsWith('Activate'))).toHaveLength(1);
  });
});

describe('automatic approval', () => {
  const automatic = { 'portal.selfRegistration': 'automaticStrong' as const };

  it('a strongly verified request with exactly one match gets its account without staff, once, when two workstations decide it at once', async () => {
    w = await loginWorld({ settings: automatic });
    const { a } = w;
    const b = await w.join('frida');
    const p = chartPatient(a);
    await w.register(registrationOf(p, { rights: ['ebooking'] }));
    // B decides as the request lands, and loses the hub before its decision leaves: A decides too
    const detach = b.portal.app.events.attach('test:cut-b', (event, payload) => {
      if (event === 'data.changed' && (payload as { entities: string[] }).entities.includes('login_request')) b.portal.app.sync.stop();
    });
    await b.value('sync.now', {});
    detach();
    const outbox = (t: TestApp) => t.portal.app.store.sqlite.prepare("SELECT state, args FROM sync_outbox WHERE name = 'loginRequests.approve'").all() as Array<{ state: string; args: string }>;
    expect(outbox(b).map((m) => m.state)).toEqual(['pending']);
    await a.value('sync.now', {});
    await a.value('sync.now', {});
    expect(outbox(a).map((m) => m.state)).toEqual(['applied']);
    b.portal.app.sync.start();
    await b.value('sync.now', {});

    // the same decision twice: derived ids made it one account, and B's arrives as already done
    expect(outbox(b).map((m) => m.state)).toEqual(['applied']);
    expect(JSON.parse(outbox(b)[0]!.args).accountId).toBe(JSON.parse(outbox(a)[0]!.args).accountId);
    const accounts = await w.hubRows('portal_account', { patient_id: p.id, deleted_at: null });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ right_ebooking: 1, right_econsultation: 0, created_by: null });
    expect(liveAccounts(b, p.id)).toBe(1);
    const [row] = await a.value('registrations.list', {});
    expect(row).toMatchObject({ state: 'approved', decidedAutomatically: true, decidedBy: null, patientId: p.id, manualReason: null });
    expect(await b.value('sync.conflicts', {})).toEqual([]);
    expect(await a.value('sync.conflicts', {})).toEqual([]);
    expect(await a.value('registrations.count', {})).toEqual({ open: 0 });
    const mail = await w.newMail();
    expect(mail.map((m) => m.subject)).toEqual(['Your registration was received', 'Activate your Nordklinik Portal account']);
    expect(a.portal.app.store.sqlite.prepare("SELECT staff_id FROM audit_event WHERE action = 'registrations.autoApprove'").all()).toEqual([{ staff_id: null }]);
  });

  it('two patients matching equally, nobody matching, or email only: the request stays for staff with the reason', async () => {
    let twin = '';
    w = await loginWorld({
      settings: automatic,
      setup: (t) => {
        // the same person on file twice
        const p = chartPatient(t);
        const row = t.portal.app.store.first(t.portal.app.store.k.selectFrom('patient').selectAll().where('id', '=', p.id));
        twin = newId();
        if (row) writePatient(t.portal.app.store, { ...row, id: twin, mrn: `${row.mrn}-2` });
      },
    });
    const { a } = w;
    const p = chartPatient(a);
    await w.register(registrationOf(p));
    await w.register({ email: 'ny.patient@example.dk', given_name: 'Ny', family_name: 'Patientsen', date_of_birth: '1971-06-15', postal_code: '8200', language: 'da', rights: ['econsultation'], verification: 'strong' });
    await w.register(registrationOf(chartPatient(a, 2), { verification: 'email' }));
    await a.value('sync.now', {});
    // the email-only registration reaches the clinic once its address is confirmed
    const confirm = (await w.newMail()).find((m) => m.subject?.startsWith('Confirm'));
    expect(confirm).toBeDefined();
    const link = linkIn(confirm);
    const browser = new PatientBrowser(w.hub.url);
    await browser.get(link);
    await browser.post(`/c/${w.clinicId}/confirm-email`, { token: new URL(link).searchParams.get('token') ?? '' });
    await a.value('sync.now', {});
    await a.value('sync.now', {});

    const rows = await a.value('registrations.list', {});
    expect(rows.map((r) => [r.verification, r.state, r.manualReason])).toEqual([
      ['email', 'new', 'emailOnly'],
      ['strong', 'new', 'noMatch'],
      ['strong', 'new', 'severalMatches'],
    ]);
    expect(await a.value('registrations.count', {})).toEqual({ open: 3 });
    expect((await a.value('registrations.get', { id: rows[1]!.id })).candidates).toEqual([]);
    const evidence = await a.value('registrations.get', { id: rows[2]!.id });
    expect(evidence.tie).toBe(true);
    expect(evidence.candidates.slice(0, 2).map((c) => c.patient.id).sort()).toEqual([p.id, twin].sort());
    expect(await w.hubRows('portal_account', { patient_id: p.id })).toEqual([]);
    expect((await w.hubRows('login_request')).map((r) => r.manual_reason).sort()).toEqual(['emailOnly', 'noMatch', 'severalMatches']);
    expect(await w.hubRows('portal_account', { email: 'ny.patient@example.dk' })).toEqual([]);
  });

  it('nobody matches and the clinic lets automatic approval create patients: a new patient with the account', async () => {
    w = await loginWorld({ settings: { ...automatic, 'portal.autoApproveCreatesPatient': true } });
    const { a } = w;
    await w.register({ email: 'ny.patient@example.dk', given_name: 'Ny', family_name: 'Patientsen', date_of_birth: '1971-06-15', postal_code: '8200', language: 'da', rights: ['econsultation'], verification: 'strong' });
    await a.value('sync.now', {});
    await a.value('sync.now', {});
    const [row] = await a.value('registrations.list', {});
    expect(row).toMatchObject({ state: 'approved', decidedAutomatically: true });
    const [made] = await w.hubRows('patient', { id: row!.patientId });
    expect(made).toMatchObject({ family_name: 'Patientsen', date_of_birth: '1971-06-15', email: 'ny.patient@example.dk', postal_code: '8200' });
    expect(await w.hubRows('portal_account', { patient_id: row!.patientId, deleted_at: null })).toHaveLength(1);
    expect((await w.newMail()).map((m) => m.subject)).toContain('Aktivér din konto til Nordklinik Portal');
  });
});
