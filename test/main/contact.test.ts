import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortalEvents } from '../../common/api/events';
import { generateClinicData } from '../../db/seed/generate';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { startTestHub, type TestHub } from '../helpers/sync';

let t: TestApp;
let patientId: string;
beforeEach(async () => {
  t = await createTestApp();
  generateClinicData(t.portal.app.store, { seed: 11, patients: 4, clinicId: t.clinicId, now: t.clock.now() });
  await t.addStaff('frida', ['front_desk']);
  await t.addStaff('mads', ['media_management']);
  patientId = (t.portal.app.store.sqlite.prepare('SELECT id FROM patient ORDER BY mrn LIMIT 1').get() as { id: string }).id;
});
afterEach(async () => {
  await t.portal.app.sync.idle();
  t.close();
});

const sql = <T>(q: string, ...args: unknown[]) => t.portal.app.store.sqlite.prepare(q).all(...args) as T[];
const contact = { email: 'anna@example.dk', mobile: '+45 12 34 56 78', postalCode: '8000', addressLine: 'Nørregade 1', city: 'Aarhus' };

describe('front desk edits a patient’s contact details', () => {
  it('writes the patient row, audits which fields changed (not their values), and queues the whole row for the hub', async () => {
    await t.signIn('frida');
    const before = sql<Record<string, unknown>>('SELECT * FROM patient WHERE id = ?', patientId)[0] as Record<string, unknown>;
    const p = await t.value('patients.updateContact', { id: patientId, ...contact });
    expect(p).toMatchObject({ id: patientId, email: 'anna@example.dk', mobile: '+4512345678', postalCode: '8000', addressLine: 'Nørregade 1', city: 'Aarhus' });
    expect(await t.value('patients.get', { id: patientId })).toMatchObject({ mobile: '+4512345678', city: 'Aarhus' });

    const [audit] = sql<{ detail: string; patient_id: string }>('SELECT detail, patient_id FROM audit_event WHERE action = ?', 'patient.updateContact');
    expect(audit?.patient_id).toBe(patientId);
    expect(audit?.detail).toMatch(/^changed /);
    expect(audit?.detail).not.toMatch(/anna|4512345678|Nørregade|Aarhus/);

    const [queued] = sql<{ name: string; args: string; staff_name: string }>("SELECT name, args, staff_name FROM sync_outbox WHERE state = 'pending'");
    expect(queued?.name).toBe('rows.put');
    expect(queued?.staff_name).toBe('frida');
    const row = JSON.parse(queued?.args ?? '{}').put.patient[0];
    // the whole row, at the version it was based on, so the hub can tell an overwrite
    expect(row).toMatchObject({ id: patientId, clinic_id: t.clinicId, mrn: before.mrn, given_name: before.given_name, mobile: '+4512345678', version: 0 });
  });

  it.each([
    ['email', { email: 'anna@' }, 'errors.email'],
    ['mobile', { mobile: '12 34' }, 'errors.mobile'],
    ['mobile', { mobile: '+45 12ab5678' }, 'errors.mobile'],
    ['postalCode', { postalCode: '80000' }, 'errors.postalCode'],
    ['addressLine', { addressLine: 'x'.repeat(201) }, 'errors.tooLong'],
  ])('a bad %s answers at that field and nothing is written', async (field, patch, key) => {
    await t.signIn('frida');
    const r = await t.call('patients.updateContact', { id: patientId, ...contact, ...patch });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field, key } });
    expect(sql('SELECT 1 FROM sync_outbox')).toEqual([]);
    expect(sql('SELECT 1 FROM audit_event WHERE action = ?', 'patient.updateContact')).toEqual([]);
  });

  it('empty fields mean nothing on file; saving unchanged details queues nothing', async () => {
    await t.signIn('frida');
    await t.value('patients.updateContact', { id: patientId, email: '', mobile: '', postalCode: '', addressLine: '', city: '' });
    expect(await t.value('patients.get', { id: patientId })).toMatchObject({ email: null, mobile: null, postalCode: null, addressLine: null, city: null });
    const queued = sql('SELECT 1 FROM sync_outbox').length;
    await t.value('patients.updateContact', { id: patientId, email: '', mobile: '', postalCode: '', addressLine: '', city: '' });
    expect(sql('SELECT 1 FROM sync_outbox')).toHaveLength(queued);
  });

  it('media management may not edit contact details', async () => {
    await t.signIn('mads');
    expect(await t.call('patients.updateContact', { id: patientId, ...contact })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('a contact edit reaches the other workstations', () => {
  let hub: TestHub;
  let other: TestApp;
  afterEach(async () => {
    await other.portal.app.sync.idle();
    other.close();
    // the hub waits for open event streams before it closes
    await t.portal.app.sync.idle();
    t.portal.app.sync.stop();
    await hub.close();
  });

  it('the hub stores it and another workstation of the clinic is told which patient changed', async () => {
    hub = await startTestHub();
    await t.addStaff('ada', ['portal_admin']);
    await t.signIn('ada');
    await t.value('sync.enroll', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub) });
    await t.value('sync.now', {});
    other = await createTestApp();
    // a test app starts with a clinic of its own; a workstation that joins starts empty
    other.portal.app.store.sqlite.prepare('DELETE FROM clinic').run();
    expect(await other.value('setup.joinClinic', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub, { clinicId: t.clinicId }) })).toMatchObject({ setup: 'ready' });
    const told: Array<PortalEvents['data.changed']> = [];
    other.portal.app.events.attach('screen', (event, payload) => event === 'data.changed' && told.push(payload as PortalEvents['data.changed']));

    await t.signIn('frida');
    await t.value('patients.updateContact', { id: patientId, ...contact, mobile: '+4587654321' });
    expect(await t.value('sync.now', {})).toMatchObject({ pending: 0 });
    await other.signIn('frida');
    await other.value('sync.now', {});
    expect(await other.value('patients.get', { id: patientId })).toMatchObject({ mobile: '+4587654321', city: 'Aarhus' });
    expect(told).toContainEqual({ entities: ['patient'], ids: [patientId] });
  });
});
