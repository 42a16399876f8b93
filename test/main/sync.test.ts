import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { generateClinicData } from '../../db/seed/generate';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { startTestHub, type TestHub } from '../helpers/sync';

let t: TestApp;
let hub: TestHub | undefined;
beforeEach(async () => {
  t = await createTestApp();
  generateClinicData(t.portal.app.store, { seed: 3, patients: 5, clinicId: t.clinicId, now: t.clock.now() });
  await t.addStaff('frida', ['front_desk']);
  await t.addStaff('mads', ['media_management']);
  await t.addStaff('ada', ['portal_admin']);
});
afterEach(async () => {
  // a command nudges the sync client: let that round end before the store closes
  await t.portal.app.sync.idle();
  t.close();
  await hub?.close();
  hub = undefined;
});

const store = () => t.portal.app.store;
const rows = <T>(sql: string, ...args: unknown[]) => store().sqlite.prepare(sql).all(...args) as T[];

/** A conflict as the hub records it: a synced row that arrives on every workstation of the clinic. */
function arrivingConflict(patientId: string, fromClient = 'another-workstation'): string {
  const id = newId();
  store().sqlite.prepare(`INSERT INTO sync_conflict (id, clinic_id, client_id, mutation_id, kind, mutation_name, entity, entity_id, ours, theirs,
    message, handled_by, handled_at, created_at, version) VALUES (?, ?, ?, 4, 'overwritten', 'rows.put', 'patient', ?, ?, ?, 'replaced', 'Frida Front', ?, ?, 9)`)
    .run(id, t.clinicId, fromClient, patientId, JSON.stringify({ put: { patient: [{ id: patientId, mobile: '+4522222222' }] } }),
      JSON.stringify({ id: patientId, mobile: '+4511111111' }), '2026-11-22T10:32:00.000Z', '2026-11-22T10:33:00.000Z');
  return id;
}

const firstPatient = () => (rows<{ id: string }>('SELECT id FROM patient ORDER BY mrn LIMIT 1')[0] as { id: string }).id;

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('who may see and settle sync', () => {
  it.each(['frida', 'mads'])('%s (front desk, media) sees the status, the waiting changes and the conflicts, and acknowledges one', async (who) => {
    await t.signIn(who);
    const patientId = firstPatient();
    const conflictId = arrivingConflict(patientId);
    expect(await t.value('sync.status', {})).toMatchObject({ state: 'off', conflicts: 0 });
    expect(await t.value('sync.pending', {})).toEqual([]);
    const [c] = await t.value('sync.conflicts', {});
    expect(c).toMatchObject({ id: conflictId, kind: 'overwritten', handledBy: 'Frida Front', fromHere: false, acknowledgedAt: null });
    // showing both sides of a patient's conflict is a read of that patient
    expect(rows('SELECT action FROM audit_event WHERE patient_id = ?', patientId)).toEqual([{ action: 'conflict.read' }]);

    expect(await t.value('sync.acknowledge', { ids: [conflictId] })).toEqual({ acknowledged: 1 });
    expect(await t.value('sync.conflicts', {})).toEqual([]);
    const [acked] = await t.value('sync.conflicts', { includeAcknowledged: true });
    expect(acked).toMatchObject({ id: conflictId, acknowledgedBy: who });
    // the hub learns of it, so every workstation of the clinic stops showing it
    const [waiting] = await t.value('sync.pending', {});
    expect(waiting).toMatchObject({ name: 'conflicts.ack', entity: 'sync_conflict', rows: 1, staffName: who });
  });

  it('acknowledging twice changes nothing the second time', async () => {
    await t.signIn('frida');
    const id = arrivingConflict(firstPatient());
    await t.value('sync.acknowledge', { ids: [id] });
    expect(await t.value('sync.acknowledge', { ids: [id] })).toEqual({ acknowledged: 0 });
    expect(await t.value('sync.pending', {})).toHaveLength(1);
  });

  it('enrolling needs Manage Patient Portal: front desk is refused, and the refusal is audited', async () => {
    await t.signIn('frida');
    const r = await t.call('sync.enroll', { hubUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-JKMN' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(rows('SELECT detail, outcome FROM audit_event WHERE action = ?', 'access.denied')).toEqual([{ detail: 'sync.enroll', outcome: 'denied' }]);
  });
});

describe('enrolling answers at the field to fix', () => {
  beforeEach(() => t.signIn('ada'));

  it('a malformed address or code is refused at its field before anything is tried', async () => {
    expect(await t.call('sync.enroll', { hubUrl: 'hub.example.dk', code: 'ABCD-EFGH-JKMN' })).toMatchObject({
      ok: false, error: { code: 'invalid_input', field: 'hubUrl', key: 'errors.hubUrl' },
    });
    expect(await t.call('sync.enroll', { hubUrl: 'http://127.0.0.1:9', code: 'ABC!' })).toMatchObject({
      ok: false, error: { code: 'invalid_input', field: 'code', key: 'errors.enrollmentCode' },
    });
  });

  it('an address where no hub answers lands at the hub address; nothing changes here', async () => {
    const r = await t.call('sync.enroll', { hubUrl: `http://127.0.0.1:${await closedPort()}`, code: 'ABCD-EFGH-JKMN' });
    expect(r).toMatchObject({ ok: false, error: { field: 'hubUrl', key: 'errors.hubUnreachable' } });
    expect(await t.value('sync.status', {})).toMatchObject({ state: 'off', hubUrl: null });
  });

  it('a code the hub does not know lands at the code', async () => {
    hub = await startTestHub();
    const r = await t.call('sync.enroll', { hubUrl: hub.url, code: 'ABCD-EFGH-JKMN' });
    expect(r).toMatchObject({ ok: false, error: { field: 'code', key: 'errors.enrollmentRefused' } });
  });

  it('a used code is refused the second time', async () => {
    hub = await startTestHub();
    const code = await createEnrollmentCode(hub.hub.hub);
    await t.value('sync.enroll', { hubUrl: hub.url, code });
    const again = await t.call('sync.enroll', { hubUrl: hub.url, code });
    expect(again).toMatchObject({ ok: false, error: { field: 'code', key: 'errors.enrollmentRefused' } });
  });

  it('a good code enrolls: the clinic goes to the hub and nothing waits afterwards', async () => {
    hub = await startTestHub();
    const status = await t.value('sync.enroll', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub) });
    expect(status.hubUrl).toBe(hub.url);
    expect(await t.value('sync.now', {})).toMatchObject({ state: 'online', pending: 0, lastError: null });
    const atHub = await hub.hub.hub.store.db.selectFrom('e_patient' as never).select('id' as never).execute();
    expect(atHub).toHaveLength(5);
    expect(rows('SELECT action, detail FROM audit_event WHERE action = ?', 'sync.enroll')).toEqual([{ action: 'sync.enroll', detail: new URL(hub.url).host }]);
  });
});
