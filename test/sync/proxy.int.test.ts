import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { pickSynced } from '../../common/sync/entities';
import { runCommand } from '../../db/command';
import type { Store } from '../../db/store';
import { credentialOf } from '../../main/sync/enroll';
import { httpTransport } from '../../main/sync/http';
import { TransportError } from '../../main/sync/transport';
import { editPatient, foundingWorkstation, joiningWorkstation, pending, startTestHub, type TestHub, type Workstation } from '../helpers/sync';
import { TcpProxy } from '../helpers/tcpProxy';
import { checkQuiescence } from './invariants';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A workstation's HTTP transport pointed at the proxy instead of the hub. */
const via = (proxy: TcpProxy, timeoutMs = 5_000) => (store: Store) => httpTransport(proxy.url, () => credentialOf(store), { timeoutMs });

async function proxy(): Promise<TcpProxy> {
  const p = await TcpProxy.start(hub.url);
  closers.push(() => p.close());
  return p;
}

/** The hub, a founding workstation A and a joined workstation B, each behind its own proxy, in step. */
async function clinic(opts: { patients?: number; timeoutMs?: number } = {}) {
  hub = await startTestHub();
  closers.push(() => hub.close());
  const [pa, pb] = [await proxy(), await proxy()];
  const a = await foundingWorkstation(hub, opts.patients ?? 20, 1, via(pa, opts.timeoutMs));
  closers.push(() => a.close());
  await a.client.syncOnce();
  const b = await joiningWorkstation(hub, a.clinicId, via(pb, opts.timeoutMs));
  closers.push(() => b.close());
  await b.client.syncOnce();
  return { a, b, pa, pb, clinicId: a.clinicId };
}

function patientIds(ws: Workstation): string[] {
  return ws.store.sqlite.prepare('SELECT id FROM patient WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];
}

function createPatient(ws: Workstation, clinicId: string, name: string): string {
  const id = newId();
  runCommand({ store: ws.store, actor: { staffId: null, workstationId: 'proxy-test' }, clock: ws.clock }, {
    run: (w) => {
      const row = {
        id, clinic_id: clinicId, mrn: `P${id.slice(-8)}`, given_name: 'Proxy', family_name: name, date_of_birth: '1990-01-01', sex: 'U',
        email: null, mobile: null, postal_code: null, address_line: null, city: null, search_text: ' ', created_at: w.now, updated_at: w.now,
        version: 0, deleted_at: null,
      };
      w.store.run(w.store.k.insertInto('patient').values(row));
      w.mutate('rows.put', { put: { patient: [pickSynced('patient', row)] } });
    },
    audit: { action: 'patient.create', patientId: id },
  });
  return id;
}

/** One sync that must fail the way a network failure does: a TransportError, nothing else. */
async function failsToSync(ws: Workstation): Promise<void> {
  await expect(ws.client.syncOnce()).rejects.toBeInstanceOf(TransportError);
}

/** Sync everyone until nothing is pending, then once more so every view has pulled the last change. */
async function settleAll(stations: Workstation[]): Promise<void> {
  for (let round = 0; round < 6 && stations.some((s) => pending(s.store) > 0); round++) {
    for (const s of stations) await s.client.syncOnce();
  }
  for (const s of stations) await s.client.syncOnce();
}

async function converged(clinicId: string, stations: Record<string, Workstation>): Promise<string[]> {
  return checkQuiescence(hub.hub.hub, clinicId, Object.entries(stations).map(([name, s]) => ({ name, store: s.store })));
}

const hubLastApplied = async (ws: Workstation) => {
  const { client_id } = ws.store.sqlite.prepare('SELECT client_id FROM sync_state').get() as { client_id: string };
  const row = await hub.hub.hub.store.db.selectFrom('sync_client').select('last_applied').where('client_id', '=', client_id).executeTakeFirstOrThrow();
  return Number(row.last_applied);
};
const madeCount = (ws: Workstation) => (ws.store.sqlite.prepare('SELECT next_mutation_id - 1 FROM sync_state').pluck().get() as number);

describe('a fault-injecting TCP proxy between workstations and the hub', () => {
  it('partition and heal: both sides keep working, the running loop retries on its own timer, everything converges', async () => {
    const { a, b, pa, pb, clinicId } = await clinic();
    pa.partition();
    pb.partition();
    a.client.start();
    const [first, second] = patientIds(a);
    editPatient(a, first as string, { city: 'Partitioned A' });
    a.client.nudge();
    editPatient(b, second as string, { city: 'Partitioned B' });
    createPatient(b, clinicId, 'Made offline');
    await failsToSync(b);
    await a.client.idle();
    expect(a.client.getStatus()).toMatchObject({ state: 'offline', pending: 1 });
    expect(pending(b.store)).toBe(2);
    expect(pa.stats.refused + pb.stats.refused).toBeGreaterThan(0);

    pa.heal();
    pb.heal();
    // nobody nudges A: its backoff timer alone must bring the change through
    while (pending(a.store) > 0) await new Promise((r) => setTimeout(r, 50));
    a.client.stop();
    await a.client.idle();
    await settleAll([b, a]);
    expect(await converged(clinicId, { a, b })).toEqual([]);
  });

  it('connection reset: before the hub saw the push (sent again) and after it answered (stored result, applied once)', async () => {
    const { a, b, pa, clinicId } = await clinic();
    const [id] = patientIds(a);
    pa.dropRequests({ path: /\/push$/, how: 'reset', times: 2 });
    editPatient(a, id as string, { city: 'Reset twice' });
    const before = await hubLastApplied(a);
    await failsToSync(a);
    await failsToSync(a);
    expect(await hubLastApplied(a)).toBe(before);
    await a.client.syncOnce();
    expect(pending(a.store)).toBe(0);

    pa.cutResponses({ path: /\/push$/, afterBytes: 0, how: 'reset', times: 1 });
    editPatient(a, id as string, { city: 'Reset after the answer' });
    await failsToSync(a);
    expect(await hubLastApplied(a)).toBe(madeCount(a));
    expect(pending(a.store)).toBe(1);
    await settleAll([a, b]);
    expect(pa.stats).toMatchObject({ dropped: 2, cut: 1 });
    expect(await converged(clinicId, { a, b })).toEqual([]);
  });

  it('black hole: requests time out and settle nothing; a stalled snapshot is abandoned, not waited for forever', { timeout: 120_000 }, async () => {
    const { a, b, pa, clinicId } = await clinic({ timeoutMs: 1_000 });
    pa.blackHole();
    editPatient(a, patientIds(a)[0] as string, { city: 'Into the void' });
    await failsToSync(a);
    expect(pending(a.store)).toBe(1);
    expect(pa.stats.swallowed).toBeGreaterThan(0);
    pa.heal();

    // a workstation joining while its first snapshot disappears, once before any byte and once midway
    const pc = await proxy();
    pc.dropRequests({ path: /\/snapshot$/, how: 'blackhole', times: 1 });
    pc.cutResponses({ path: /\/snapshot$/, afterBytes: 4_000, how: 'stall', times: 1 });
    const c = await joiningWorkstation(hub, clinicId, via(pc, 1_000));
    closers.push(() => c.close());
    await failsToSync(c);
    await failsToSync(c);
    expect(c.store.sqlite.prepare('SELECT snapshot_done FROM sync_state').pluck().get()).toBe(0);
    await settleAll([a, b, c]);
    expect(pc.stats).toMatchObject({ dropped: 1, cut: 1 });
    expect(await converged(clinicId, { a, b, c })).toEqual([]);
  });

  it('cut after N bytes of push responses: the hub committed, the workstation never heard, the retry settles it once', async () => {
    const { a, b, pa, clinicId } = await clinic();
    const ids = patientIds(a);
    // inside the status line, inside the headers, and inside the JSON body
    for (const [i, afterBytes] of [0, 9, 60, 180].entries()) {
      pa.cutResponses({ path: /\/push$/, afterBytes, times: 1 });
      editPatient(a, ids[i] as string, { city: `Cut at ${afterBytes}` });
      createPatient(a, clinicId, `Cut at ${afterBytes}`);
      await failsToSync(a);
      expect(await hubLastApplied(a)).toBe(madeCount(a));
      expect(pending(a.store)).toBe(2 * (i + 1));
    }
    await settleAll([a, b]);
    expect(pa.stats.cut).toBe(4);
    const outcomes = a.store.sqlite.prepare("SELECT DISTINCT state FROM sync_outbox").pluck().all();
    expect(outcomes).toEqual(['applied']);
    expect(await converged(clinicId, { a, b })).toEqual([]);
  });

  it('cut after N bytes of pull responses: the page is not applied and the cursor stays; the next pull brings it whole', async () => {
    const { a, b, pb, clinicId } = await clinic();
    for (const id of patientIds(a).slice(0, 5)) editPatient(a, id, { city: 'Pulled in pieces' });
    await a.client.syncOnce();
    const cursor = () => b.store.sqlite.prepare('SELECT pull_cursor FROM sync_state').pluck().get();
    const before = cursor();
    for (const afterBytes of [0, 100, 700]) {
      pb.cutResponses({ path: /\/pull$/, afterBytes, times: 1 });
      await failsToSync(b);
      expect(cursor()).toBe(before);
    }
    await settleAll([a, b]);
    expect(pb.stats.cut).toBe(3);
    expect(await converged(clinicId, { a, b })).toEqual([]);
  });

  it('cut the snapshot stream after N bytes: the first sync starts over and ends complete', async () => {
    const { a, clinicId } = await clinic({ patients: 120 });
    const pc = await proxy();
    for (const afterBytes of [50, 3_000, 40_000]) pc.cutResponses({ path: /\/snapshot$/, afterBytes, times: 1 });
    const c = await joiningWorkstation(hub, clinicId, via(pc));
    closers.push(() => c.close());
    for (let i = 0; i < 3; i++) await failsToSync(c);
    await c.client.syncOnce();
    expect(pc.stats.cut).toBe(3);
    expect(await converged(clinicId, { a, c })).toEqual([]);
  });

  it('added latency and a bandwidth limit: slower, still exact', async () => {
    const { a, b, pa, pb, clinicId } = await clinic();
    for (const p of [pa, pb]) {
      p.latencyMs = 40;
      p.bytesPerSecond = 256 * 1024;
    }
    for (const id of patientIds(a).slice(0, 10)) editPatient(a, id, { city: 'Slow line' });
    for (let i = 0; i < 5; i++) createPatient(b, clinicId, `Slow ${i}`);
    const pc = await proxy();
    pc.latencyMs = 40;
    pc.bytesPerSecond = 64 * 1024;
    const c = await joiningWorkstation(hub, clinicId, via(pc));
    closers.push(() => c.close());
    await settleAll([a, b, c]);
    expect(await converged(clinicId, { a, b, c })).toEqual([]);
  });
});
