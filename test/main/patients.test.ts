import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateClinicData } from '../../db/seed/generate';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  generateClinicData(t.portal.app.store, { seed: 7, patients: 30, clinicId: t.clinicId, now: t.clock.now() });
  await t.addStaff('frida', ['front_desk']);
  await t.signIn('frida');
});
afterEach(() => t.close());

const audit = (action: string) =>
  t.portal.app.store.sqlite.prepare('SELECT staff_id, patient_id, workstation_id, outcome, detail FROM audit_event WHERE action = ? ORDER BY rowid').all(action) as Array<Record<string, string | null>>;

describe('patient reads are audited', () => {
  it('opening a patient writes who, which patient, where and the outcome', async () => {
    const { rows } = await t.value('patients.search', { text: 'P10000' });
    const first = rows[0];
    if (!first) throw new Error('the generator made no patients');
    const p = await t.value('patients.get', { id: first.id });
    expect(p.mrn).toBe(first.mrn);
    const [event] = audit('patient.read');
    expect(event).toMatchObject({ patient_id: first.id, workstation_id: t.portal.app.workstationId, outcome: 'ok' });
    expect(event?.staff_id).not.toBeNull();
  });

  it('each read writes its own event: three opens, three events', async () => {
    const { rows } = await t.value('patients.search', { text: 'P10000' });
    for (const r of rows.slice(0, 3)) await t.value('patients.get', { id: r.id });
    expect(audit('patient.read').map((e) => e.patient_id)).toEqual(rows.slice(0, 3).map((r) => r.id));
  });

  it('a search that shows patients is audited with its count but not its text', async () => {
    const { rows } = await t.value('patients.search', { text: 'P10000' });
    expect(audit('patient.search')).toEqual([expect.objectContaining({ detail: `${rows.length} results` })]);
    expect(JSON.stringify(audit('patient.search'))).not.toContain('P10000');
  });

  it('reading a patient\'s studies is audited too', async () => {
    const { rows } = await t.value('patients.search', { text: 'P10000' });
    const id = rows[0]?.id as string;
    await t.value('patients.studies', { patientId: id });
    expect(audit('patient.studies')).toEqual([expect.objectContaining({ patient_id: id })]);
  });

  it('an unknown patient is not_found and nothing is audited as read', async () => {
    const r = await t.call('patients.get', { id: '0190f0f0-0000-7000-8000-000000000000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(audit('patient.read')).toEqual([]);
  });
});
