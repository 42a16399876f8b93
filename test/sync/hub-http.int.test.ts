import { afterEach, describe, expect, it } from 'vitest';
import { credentialOf } from '../../main/sync/enroll';
import { httpTransport } from '../../main/sync/http';
import { foundingWorkstation, hubView, joiningWorkstation, pending, startTestHub, viewOf, editPatient, type TestHub, type Workstation } from '../helpers/sync';

let hub: TestHub;
const open: Workstation[] = [];
afterEach(async () => {
  open.splice(0).forEach((w) => w.close());
  await hub?.close();
});

describe('two workstations and the hub over HTTP', () => {
  it('the founding workstation uploads its clinic; a joining one fills from the snapshot; both equal the hub', async () => {
    hub = await startTestHub();
    const a = await foundingWorkstation(hub, 40);
    open.push(a);
    expect(pending(a.store)).toBeGreaterThan(0);
    await a.client.syncOnce();
    expect(pending(a.store)).toBe(0);
    const b = await joiningWorkstation(hub, a.clinicId);
    open.push(b);
    await b.client.syncOnce();
    const want = await hubView(hub, a.clinicId);
    expect(want.patient).toHaveLength(40);
    expect(viewOf(a.store)).toEqual(want);
    expect(viewOf(b.store)).toEqual(want);
  });

  it('staff rows travel with their roles and password hash: a joining workstation grants the same sign-ins', async () => {
    hub = await startTestHub();
    const a = await foundingWorkstation(hub, 2);
    open.push(a);
    const { insertStaff } = await import('../../db/queries/staff');
    const { staffRow } = await import('../../main/services/setup');
    const row = staffRow({ clinicId: a.clinicId, username: 'frida', displayName: 'Frida', passwordHash: 'scrypt$1024$8$1$c2FsdA==$aGFzaA==', roles: ['front_desk', 'media_management'] }, '2026-11-01T00:00:00.000Z');
    insertStaff(a.store, row, ['front_desk', 'media_management']);
    const { queueUnsyncedRows } = await import('../../main/sync/upload');
    queueUnsyncedRows(a.store, a.clinicId, a.clock);
    await a.client.syncOnce();
    const b = await joiningWorkstation(hub, a.clinicId);
    open.push(b);
    await b.client.syncOnce();
    expect(b.store.sqlite.prepare('SELECT username, password_hash, roles FROM staff_user').get()).toEqual({ username: 'frida', password_hash: row.password_hash, roles: 'front_desk,media_management' });
    expect(b.store.sqlite.prepare('SELECT role FROM staff_role ORDER BY role').pluck().all()).toEqual(['front_desk', 'media_management']);
  });

  it('a change made on one workstation reaches the other, and search there finds the new name', async () => {
    hub = await startTestHub();
    const a = await foundingWorkstation(hub, 10);
    open.push(a);
    await a.client.syncOnce();
    const b = await joiningWorkstation(hub, a.clinicId);
    open.push(b);
    await b.client.syncOnce();
    const id = (a.store.sqlite.prepare('SELECT id FROM patient ORDER BY id LIMIT 1').get() as { id: string }).id;
    editPatient(a, id, { family_name: 'Zylberstein' });
    await a.client.syncOnce();
    await b.client.syncOnce();
    expect(b.store.sqlite.prepare('SELECT family_name FROM patient WHERE id = ?').get(id)).toEqual({ family_name: 'Zylberstein' });
    expect(b.store.sqlite.prepare("SELECT patient_id FROM patient_name_token WHERE token = 'zylberstein'").get()).toEqual({ patient_id: id });
  });

  it('two offline edits of one patient: the later push wins and the replaced one is a visible conflict on both', async () => {
    hub = await startTestHub();
    const a = await foundingWorkstation(hub, 5);
    open.push(a);
    await a.client.syncOnce();
    const b = await joiningWorkstation(hub, a.clinicId);
    open.push(b);
    await b.client.syncOnce();
    const id = (a.store.sqlite.prepare('SELECT id FROM patient ORDER BY id LIMIT 1').get() as { id: string }).id;
    editPatient(a, id, { mobile: '+4511111111' });
    editPatient(b, id, { mobile: '+4522222222' });
    await a.client.syncOnce();
    await b.client.syncOnce();
    await a.client.syncOnce();
    for (const ws of [a, b]) {
      expect(ws.store.sqlite.prepare('SELECT mobile FROM patient WHERE id = ?').get(id)).toEqual({ mobile: '+4522222222' });
      const c = ws.store.sqlite.prepare('SELECT kind, entity, entity_id, ours, theirs FROM sync_conflict').all() as Array<Record<string, string>>;
      expect(c).toHaveLength(1);
      expect(c[0]).toMatchObject({ kind: 'overwritten', entity: 'patient', entity_id: id });
      expect(JSON.parse(c[0]?.theirs ?? '{}').mobile).toBe('+4511111111');
    }
  });

  it('staff writing steadily during a round do not hold back its pull: a round pushes what was waiting when it began', async () => {
    hub = await startTestHub();
    const a = await foundingWorkstation(hub, 3);
    open.push(a);
    await a.client.syncOnce();
    const ids = a.store.sqlite.prepare('SELECT id FROM patient ORDER BY id').pluck().all() as string[];
    let written = 0;
    let writtenBeforeFirstPull: number | null = null;
    const b = await joiningWorkstation(hub, a.clinicId, (store) => {
      const http = httpTransport(hub.url, () => credentialOf(store));
      return {
        ...http,
        // every push's round trip is long enough for another edit (a busy desk on a slow line), 30 in all
        push: async (m) => {
          const r = await http.push(m);
          if (written < 30) editPatient(b, ids[1 + (written++ % 2)] as string, { city: `Typed ${written}` });
          return r;
        },
        pull: async (req) => {
          writtenBeforeFirstPull ??= written;
          return http.pull(req);
        },
      };
    });
    open.push(b);
    await b.client.syncOnce();
    editPatient(a, ids[0] as string, { family_name: 'Fromtheotherdesk' });
    await a.client.syncOnce();
    writtenBeforeFirstPull = null;
    editPatient(b, ids[1] as string, { city: 'Starts the stream' });
    await b.client.syncOnce();
    // the round pulled after pushing what it started with, not after the stream of edits ran dry
    expect(writtenBeforeFirstPull).toBeLessThan(5);
    expect(b.store.sqlite.prepare('SELECT family_name FROM patient WHERE id = ?').pluck().get(ids[0])).toBe('Fromtheotherdesk');
  });

  it('a workstation editing its own record twice before syncing is no conflict', async () => {
    hub = await startTestHub();
    const a = await foundingWorkstation(hub, 3);
    open.push(a);
    await a.client.syncOnce();
    const id = (a.store.sqlite.prepare('SELECT id FROM patient ORDER BY id LIMIT 1').get() as { id: string }).id;
    editPatient(a, id, { city: 'Aarhus' });
    editPatient(a, id, { city: 'Odense' });
    await a.client.syncOnce();
    expect(a.store.sqlite.prepare('SELECT count(*) AS n FROM sync_conflict').get()).toEqual({ n: 0 });
    expect(a.store.sqlite.prepare('SELECT city FROM patient WHERE id = ?').get(id)).toEqual({ city: 'Odense' });
  });
});
