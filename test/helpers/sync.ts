import { join } from 'node:path';
import { newId } from '../../common/ids';
import { ENTITIES, pickSynced, type EntityName, type EntityRow } from '../../common/sync/entities';
import { runCommand } from '../../db/command';
import { openStore } from '../../db/init';
import { generateClinicData } from '../../db/seed/generate';
import type { Store } from '../../db/store';
import { createHub, listen, type Hub, type HubOptions } from '../../hub/app';
import { silentHubLogger } from '../../hub/context';
import { entityDb, entityTable } from '../../hub/sync/changes';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { silentLogger } from '../../main/log';
import { SyncClient } from '../../main/sync/client';
import { credentialOf, enrollWorkstation } from '../../main/sync/enroll';
import { httpTransport } from '../../main/sync/http';
import type { SyncTransport } from '../../main/sync/transport';
import { TestClock } from './clock';
import { tempDir } from './tmp';

export interface TestHub {
  hub: Hub;
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function startTestHub(dir = tempDir('portal-hub-').dir, clock = new TestClock(), opts: Partial<HubOptions> = {}): Promise<TestHub> {
  const hub = await createHub({ dataDir: dir, clock, log: silentHubLogger, ...opts });
  const url = await listen(hub, 0);
  return { hub, url, dir, close: () => hub.close() };
}

export interface Workstation {
  store: Store;
  client: SyncClient;
  dir: string;
  clock: TestClock;
  close(): void;
}

/** A workstation store on a temp file with an HTTP sync client to `hubUrl` (not started). */
export function workstation(hubUrl: string, opts: { transport?: (store: Store) => SyncTransport; dir?: string } = {}): Workstation {
  const dir = opts.dir ?? tempDir('portal-ws-').dir;
  const store = openStore(join(dir, 'ws.db'));
  const clock = new TestClock();
  const transport = opts.transport?.(store) ?? httpTransport(hubUrl, () => credentialOf(store));
  const client = new SyncClient({ store, transport, clock, log: silentLogger, hubUrl, random: () => 0.5 });
  return { store, client, dir, clock, close: () => { client.stop(); store.close(); } };
}

/** A founding workstation: its own clinic with generated patients, enrolled with a new-clinic code. */
export async function foundingWorkstation(t: TestHub, patients = 20, seed = 1, transport?: (store: Store) => SyncTransport): Promise<Workstation & { clinicId: string }> {
  const ws = workstation(t.url, transport ? { transport } : {});
  const clinicId = newId();
  ws.store.run(ws.store.k.insertInto('clinic').values({ id: clinicId, name: 'Nordklinik', created_at: '2026-11-01T00:00:00.000Z', version: 0, deleted_at: null }));
  generateClinicData(ws.store, { seed, patients, clinicId, now: Date.parse('2026-11-20T00:00:00Z') });
  const code = await createEnrollmentCode(t.hub.hub);
  await enrollWorkstation(ws.store, httpTransport(t.url, () => null), { hubUrl: t.url, code, clock: ws.clock });
  return { ...ws, clinicId };
}

export async function joiningWorkstation(t: TestHub, clinicId: string, transport?: (store: Store) => SyncTransport): Promise<Workstation> {
  const ws = workstation(t.url, transport ? { transport } : {});
  const code = await createEnrollmentCode(t.hub.hub, { clinicId });
  await enrollWorkstation(ws.store, httpTransport(t.url, () => null), { hubUrl: t.url, code, clock: ws.clock });
  return ws;
}

/** Every synced row a workstation shows (not withdrawn), by entity, in id order. */
export function viewOf(store: Store): Record<string, EntityRow[]> {
  const out: Record<string, EntityRow[]> = {};
  for (const entity of Object.keys(ENTITIES) as EntityName[]) {
    const rows = store.sqlite.prepare(`SELECT * FROM "${ENTITIES[entity].table}" WHERE deleted_at IS NULL ORDER BY id`).all() as Array<Record<string, unknown>>;
    out[entity] = rows.map((r) => pickSynced(entity, r));
  }
  return out;
}

export async function hubView(t: TestHub | Pick<Hub, 'app' | 'hub' | 'close'>, clinicId: string): Promise<Record<string, EntityRow[]>> {
  const hub = 'hub' in t && 'url' in t ? t.hub : (t as Pick<Hub, 'hub'>);
  const out: Record<string, EntityRow[]> = {};
  for (const entity of Object.keys(ENTITIES) as EntityName[]) {
    const rows = (await entityDb(hub.hub.store.db).selectFrom(entityTable(entity)).selectAll()
      .where('clinic_id', '=', clinicId).where('deleted_at', 'is', null).orderBy('id').execute()) as Array<Record<string, unknown>>;
    out[entity] = rows.map((r) => pickSynced(entity, r));
  }
  return out;
}

/** A staff edit of a patient on a workstation, through the write path with its mutation. */
export function editPatient(ws: Workstation, id: string, patch: Record<string, string | null>): void {
  runCommand({ store: ws.store, actor: { staffId: null, workstationId: 'test' }, clock: ws.clock }, {
    run: (w) => {
      const row = w.store.sqlite.prepare('SELECT * FROM patient WHERE id = ?').get(id) as Record<string, unknown>;
      const next = { ...row, ...patch, updated_at: w.now };
      const sets = Object.keys(patch).concat('updated_at').map((k) => `"${k}" = @${k}`).join(', ');
      w.store.sqlite.prepare(`UPDATE patient SET ${sets} WHERE id = @id`).run({ ...patch, updated_at: w.now, id });
      w.mutate('rows.put', { put: { patient: [pickSynced('patient', next)] } });
    },
    audit: { action: 'patient.edit', patientId: id },
  });
}

export function pending(store: Store): number {
  return (store.sqlite.prepare("SELECT count(*) AS n FROM sync_outbox WHERE state = 'pending'").get() as { n: number }).n;
}
