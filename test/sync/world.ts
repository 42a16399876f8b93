import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../common/ids';
import { pickSynced, type EntityRow } from '../../common/sync/entities';
import { runCommand } from '../../db/command';
import { openStore } from '../../db/init';
import { generateClinicData } from '../../db/seed/generate';
import type { Store } from '../../db/store';
import type { HubContext } from '../../hub/context';
import { silentHubLogger } from '../../hub/context';
import { migrateHub } from '../../hub/db/migrations';
import { openHubSqlite } from '../../hub/db/open';
import { writeAtHub } from '../../hub/sync/changes';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { startNewEpoch } from '../../hub/sync/epoch';
import { Pokes } from '../../hub/sync/pokes';
import { silentLogger } from '../../main/log';
import { SyncClient } from '../../main/sync/client';
import { enrollWorkstation } from '../../main/sync/enroll';
import { TestClock } from '../helpers/clock';
import { FaultyTransport } from '../helpers/faulty';

/** tmpfs when there is one: the schedules fsync a lot and prove logic, not disks. */
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export interface Station {
  name: string;
  file: string;
  store: Store;
  client: SyncClient;
  transport: FaultyTransport;
  clock: TestClock;
}

/** A hub and 2-3 workstations of one clinic in one process, for the property tests. */
export class World {
  readonly dir = mkdtempSync(join(base, 'portal-world-'));
  hub!: HubContext;
  clinicId = newId();
  stations: Station[] = [];
  createdPatients: string[] = [];
  private clock = new TestClock();

  constructor(private readonly rand: () => number) {}

  async openHub(): Promise<void> {
    const store = openHubSqlite(join(this.dir, 'hub.db'));
    await migrateHub(store.db, store.dialect);
    this.hub = { store, clock: this.clock, pokes: new Pokes(), log: silentHubLogger, publicUrl: '', demo: false };
  }

  async crashHub(): Promise<void> {
    await this.hub.store.close();
    await this.openHub();
  }

  private backup: string | null = null;

  /** A copy of the hub's database as an operator's nightly backup would take it. */
  async backupHub(): Promise<void> {
    await this.hub.store.close();
    this.backup = join(this.dir, 'hub.backup.db');
    copyFileSync(join(this.dir, 'hub.db'), this.backup);
    await this.openHub();
  }

  /** The hub is lost and restored from the last backup, with a new epoch as the runbook says. */
  async restoreHub(): Promise<void> {
    if (!this.backup) return;
    await this.hub.store.close();
    for (const suffix of ['-wal', '-shm']) rmSync(join(this.dir, `hub.db${suffix}`), { force: true });
    copyFileSync(this.backup, join(this.dir, 'hub.db'));
    await this.openHub();
    await startNewEpoch(this.hub.store.db);
  }

  private station(name: string, file: string, transport: FaultyTransport): Station {
    const store = openStore(file);
    const clock = new TestClock();
    const client = new SyncClient({ store, transport, clock, log: silentLogger, random: () => 0.5 });
    return { name, file, store, client, transport, clock };
  }

  async setup(stations: number, patients: number): Promise<void> {
    await this.openHub();
    const founderFile = join(this.dir, 'ws0.db');
    const t0 = new FaultyTransport(() => this.hub, this.rand);
    const founder = this.station('ws0', founderFile, t0);
    founder.store.run(founder.store.k.insertInto('clinic').values({ id: this.clinicId, name: 'Clinic', created_at: '2026-01-01T00:00:00.000Z', version: 0, deleted_at: null }));
    generateClinicData(founder.store, { seed: 3, patients, clinicId: this.clinicId, now: Date.parse('2026-11-01T00:00:00Z') });
    await enrollWorkstation(founder.store, t0, { hubUrl: 'in-process', code: await createEnrollmentCode(this.hub), clock: founder.clock });
    this.stations.push(founder);
    for (let i = 1; i < stations; i++) {
      const t = new FaultyTransport(() => this.hub, this.rand);
      const s = this.station(`ws${i}`, join(this.dir, `ws${i}.db`), t);
      await enrollWorkstation(s.store, t, { hubUrl: 'in-process', code: await createEnrollmentCode(this.hub, { clinicId: this.clinicId }), clock: s.clock });
      this.stations.push(s);
    }
  }

  /** A workstation's process dies and starts again on the same file: nothing in memory survives. */
  crashStation(i: number): void {
    const s = this.stations[i] as Station;
    s.client.stop();
    s.store.close();
    this.stations[i] = this.station(s.name, s.file, s.transport);
  }

  editPatient(i: number, pick: number, city: string): void {
    const s = this.stations[i] as Station;
    const ids = s.store.sqlite.prepare('SELECT id FROM patient WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];
    const id = ids[pick % Math.max(1, ids.length)];
    if (!id) return;
    runCommand({ store: s.store, actor: { staffId: null, workstationId: s.name }, clock: s.clock }, {
      run: (w) => {
        w.store.sqlite.prepare('UPDATE patient SET city = ?, updated_at = ? WHERE id = ?').run(city, w.now, id);
        const row = w.store.sqlite.prepare('SELECT * FROM patient WHERE id = ?').get(id) as Record<string, unknown>;
        w.mutate('rows.put', { put: { patient: [pickSynced('patient', row)] } });
      },
      audit: { action: 'patient.edit', patientId: id },
    });
  }

  createPatient(i: number): void {
    const s = this.stations[i] as Station;
    // a workstation that has not received its clinic yet has nowhere to put a patient
    if (!s.store.sqlite.prepare('SELECT 1 FROM clinic WHERE id = ?').get(this.clinicId)) return;
    const id = newId();
    runCommand({ store: s.store, actor: { staffId: null, workstationId: s.name }, clock: s.clock }, {
      run: (w) => {
        const row = {
          id, clinic_id: this.clinicId, mrn: `N${id.slice(-8)}`, given_name: 'New', family_name: s.name, date_of_birth: '1990-01-01', sex: 'U',
          email: null, mobile: null, postal_code: null, address_line: null, city: null, search_text: ' ', created_at: w.now, updated_at: w.now,
          version: 0, deleted_at: null,
        };
        w.store.run(w.store.k.insertInto('patient').values(row));
        w.mutate('rows.put', { put: { patient: [pickSynced('patient', row)] } });
      },
      audit: { action: 'patient.create', patientId: id },
    });
    this.createdPatients.push(id);
  }

  /** A patient asks for results on the hub's page: a hub-owned record appears. */
  async patientRequest(): Promise<void> {
    await writeAtHub(this.hub, async (changes) => {
      await changes.put('result_request', {
        id: newId(), clinic_id: this.clinicId, account_id: null, patient_id: null, message: null, status: 'new',
        handled_by: null, handled_at: null, created_at: new Date(this.clock.now()).toISOString(), deleted_at: null,
      });
    });
  }

  /** Staff at a workstation decide a request they see, optimistically, with the version they saw. */
  handleRequest(i: number, pick: number, status: 'handled' | 'dismissed'): void {
    const s = this.stations[i] as Station;
    const rows = s.store.sqlite.prepare("SELECT id, version FROM result_request WHERE status = 'new' ORDER BY id").all() as Array<{ id: string; version: number }>;
    const r = rows[pick % Math.max(1, rows.length)];
    if (!r) return;
    runCommand({ store: s.store, actor: { staffId: null, workstationId: s.name }, clock: s.clock }, {
      run: (w) => {
        w.store.sqlite.prepare('UPDATE result_request SET status = ?, handled_by = ?, handled_at = ? WHERE id = ?').run(status, s.name, w.now, r.id);
        w.mutate('requests.handle', { id: r.id, baseVersion: r.version, status }, [{ entity: 'result_request', id: r.id }]);
      },
      audit: { action: 'request.handle', entityId: r.id },
    });
  }

  close(): void {
    for (const s of this.stations) {
      s.client.stop();
      s.store.close();
    }
    void this.hub.store.close().finally(() => rmSync(this.dir, { recursive: true, force: true }));
  }
}

export type { EntityRow };
