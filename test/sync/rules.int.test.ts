import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../common/ids';
import type { MutationResult, PushedMutation } from '../../common/sync/protocol';
import { createHub, type Hub } from '../../hub/app';
import { silentHubLogger } from '../../hub/context';
import { writeAtHub } from '../../hub/sync/changes';
import { createEnrollmentCode, redeemEnrollment } from '../../hub/sync/enroll';
import { handlePull } from '../../hub/sync/pull';
import { handlePush, type AuthedClient } from '../../hub/sync/push';
import { backoffMs, BACKOFF_CAP_MS } from '../../main/sync/client';
import { TransportError, type SyncTransport } from '../../main/sync/transport';
import { TestClock } from '../helpers/clock';
import { tempDir } from '../helpers/tmp';
import { workstation } from '../helpers/sync';

let hub: Hub;
let client: AuthedClient;
const clinicId = newId();
const tmp = tempDir();

const patient = (id: string, city: string) => ({
  id, clinic_id: clinicId, version: 0, deleted_at: null, mrn: `M${id.slice(-6)}`, given_name: 'A', family_name: 'B',
  date_of_birth: '1980-01-01', sex: 'F', email: null, mobile: null, postal_code: null, address_line: null, city, created_at: 'x', updated_at: 'x',
});
const put = (id: number, row: Record<string, unknown>): PushedMutation => ({ id, name: 'rows.put', args: { put: { patient: [row] } } });
const lastApplied = async () => Number((await hub.hub.store.db.selectFrom('sync_client').select('last_applied').where('client_id', '=', client.clientId).executeTakeFirstOrThrow()).last_applied);

beforeEach(async () => {
  hub = await createHub({ dataDir: tempDir().dir, clock: new TestClock(), log: silentHubLogger });
  const r = await redeemEnrollment(hub.hub, { code: await createEnrollmentCode(hub.hub), clientId: newId(), clinic: { id: clinicId, name: 'C' } });
  if (!r.ok) throw new Error(r.error);
  client = { clientId: r.clientId, clinicId: r.clinicId };
  await handlePush(hub.hub, client, [{ id: 1, name: 'rows.put', args: { put: { clinic: [{ id: clinicId, clinic_id: clinicId, name: 'C', created_at: 'x', version: 0, deleted_at: null }] } } }]);
});
afterEach(async () => {
  await hub.close();
  tmp.cleanup();
});

describe('SYNC.md rules, one test each', () => {
  it('1. mutation ids are gapless and taken in the local transaction (see test/db/command.test.ts); the hub refuses non-consecutive batches', async () => {
    const r = await handlePush(hub.hub, client, [put(2, patient(newId(), 'a')), put(4, patient(newId(), 'b'))]);
    expect(r.status).toBe(400);
  });

  it('2. only last-applied + 1 applies; a lower id returns the stored result; a gap is 409', async () => {
    const id = newId();
    expect((await handlePush(hub.hub, client, [put(2, patient(id, 'Aarhus'))])).body).toEqual({ results: [{ id: 2, status: 'applied' }] });
    const again = await handlePush(hub.hub, client, [put(2, patient(id, 'Aarhus'))]);
    expect(again.body).toEqual({ results: [{ id: 2, status: 'alreadyProcessed', result: { id: 2, status: 'applied' } }] });
    expect(await handlePush(hub.hub, client, [put(5, patient(id, 'Odense'))])).toEqual({ status: 409, body: { expected: 3, reason: 'gap' } });
    const log = await hub.hub.store.db.selectFrom('change_log').select('seq').where('entity_id', '=', id).execute();
    expect(log).toHaveLength(1);
  });

  it('3. a mutation that can never apply is rejected, stored, and the queue moves on; its effects are rolled back', async () => {
    const a = newId();
    const r = await handlePush(hub.hub, client, [
      put(2, patient(a, 'Aarhus')),
      { id: 3, name: 'no.such.mutation', args: {} },
      { id: 4, name: 'rows.put', args: { put: { patient: [patient(newId(), 'x'), { ...patient(newId(), 'y'), clinic_id: 'another clinic' }] } } },
      put(5, patient(newId(), 'Vejle')),
    ]);
    const statuses = (r.body as { results: MutationResult[] }).results.map((x) => x.status);
    expect(statuses).toEqual(['applied', 'rejected', 'forbidden', 'applied']);
    expect(await lastApplied()).toBe(5);
    // mutation 4's first row was written before its second was refused: none of it may remain
    const rows = await hub.hub.store.db.selectFrom('change_log').select(['mutation_id']).where('entity', '=', 'patient').execute();
    expect(rows.map((x) => Number(x.mutation_id)).sort()).toEqual([2, 5]);
    // and the numbers it took came back: the change sequence has no hole and the counter is at its end
    const seqs = (await hub.hub.store.db.selectFrom('change_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(Number((await hub.hub.store.db.selectFrom('hub_meta').select('seq').executeTakeFirstOrThrow()).seq)).toBe(seqs.length);
    const conflicts = await hub.hub.store.db.selectFrom('e_sync_conflict' as never).select(['kind' as never, 'mutation_id' as never]).execute();
    expect(conflicts).toEqual(expect.arrayContaining([{ kind: 'rejected', mutation_id: 3 }, { kind: 'forbidden', mutation_id: 4 }]));
  });

  it('4. pull applies only newer versions and commits rows, cursor and settled results together: replaying a page changes nothing', async () => {
    const ws = workstation('in-process', {
      transport: () => ({
        enroll: () => Promise.reject(new Error('unused')),
        hello: async () => ({ epoch: 'e', protocol: 1, schema: 1, clinicId, clinicName: 'C', lastAppliedMutationId: 0 }),
        push: () => Promise.reject(new TransportError('offline')),
        pull: async (req) => (req.cursor === 0 ? pageOnce : { status: 200, body: { changes: [], cursor: req.cursor, hasMore: false, lastAppliedMutationId: 0, results: [] } }),
        snapshot: async function* () {
          yield { kind: 'header', epoch: 'e', cursor: 0, rows: 0 };
          yield { kind: 'end', rows: 0 };
        },
      }) as SyncTransport,
    });
    ws.store.run(ws.store.k.insertInto('clinic').values({ id: clinicId, name: 'C', created_at: 'x', version: 1, deleted_at: null }));
    const id = newId();
    const pageOnce = {
      status: 200 as const,
      body: {
        changes: [
          { seq: 7, entity: 'patient', id, op: 'put' as const, version: 7, data: { ...patient(id, 'New city'), version: 7 } },
          { seq: 8, entity: 'patient', id, op: 'put' as const, version: 5, data: { ...patient(id, 'Older city'), version: 5 } },
        ],
        cursor: 8, hasMore: false, lastAppliedMutationId: 0, results: [],
      },
    };
    await ws.client.syncOnce();
    expect(ws.store.sqlite.prepare('SELECT city, version FROM patient WHERE id = ?').get(id)).toEqual({ city: 'New city', version: 7 });
    expect(ws.store.sqlite.prepare('SELECT pull_cursor FROM sync_state').get()).toEqual({ pull_cursor: 8 });
    // the same page again (a cursor reset by a crash before it was saved would look like this)
    ws.store.run(ws.store.k.updateTable('sync_state').set({ pull_cursor: 0 }).where('id', '=', 1));
    await ws.client.syncOnce();
    expect(ws.store.sqlite.prepare('SELECT city, version FROM patient WHERE id = ?').get(id)).toEqual({ city: 'New city', version: 7 });
    ws.close();
  });

  it('6. the push loop retries on a timer with jittered exponential backoff capped at 60 s; errors settle nothing', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => backoffMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(backoffMs(3, () => 0)).toBe(2000);
    expect(backoffMs(3, () => 0.999)).toBe(5996);
    expect(backoffMs(20, () => 0.999)).toBe(BACKOFF_CAP_MS);

    vi.useFakeTimers();
    try {
      let calls = 0;
      const ws = workstation('in-process', {
        transport: () => ({
          enroll: () => Promise.reject(new Error('unused')),
          hello: () => {
            calls++;
            return Promise.reject(new TransportError('hub down'));
          },
          push: () => Promise.reject(new TransportError('hub down')),
          pull: () => Promise.reject(new TransportError('hub down')),
          snapshot: () => ({
            [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new TransportError('hub down')) }),
          }),
        }),
      });
      ws.store.run(ws.store.k.insertInto('sync_outbox').values({ mutation_id: 1, name: 'rows.put', args: '{}', state: 'pending', result: null, created_at: 'x', settled_at: null, staff_id: null, staff_name: null }));
      ws.client.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000); // 1 s later: second attempt, without any new write
      expect(calls).toBe(2);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(calls).toBe(3);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(calls).toBeLessThanOrEqual(3 + 4 + 10); // 4, 8, 16, 32 s, then every 60 s at most
      expect(ws.store.sqlite.prepare('SELECT state FROM sync_outbox').get()).toEqual({ state: 'pending' });
      expect(ws.client.getStatus()).toMatchObject({ state: 'offline', pending: 1, lastError: 'hub down' });
      ws.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('8. the change cursor follows commit order: concurrent writers leave no holes and no interleaved transactions', async () => {
    const others = await Promise.all([1, 2, 3].map(async () => {
      const r = await redeemEnrollment(hub.hub, { code: await createEnrollmentCode(hub.hub, { clinicId }), clientId: newId() });
      if (!r.ok) throw new Error(r.error);
      return { clientId: r.clientId, clinicId };
    }));
    await Promise.all([
      ...others.map((c) => handlePush(hub.hub, c, [1, 2, 3, 4, 5].map((i) => ({ id: i, name: 'rows.put', args: { put: { patient: [patient(newId(), `c${i}`), patient(newId(), `d${i}`)] } } })))),
      ...[0, 1, 2].map(() => writeAtHub(hub.hub, async (changes) => {
        await changes.put('result_request', { id: newId(), clinic_id: clinicId, status: 'new', created_at: 'x' });
        await changes.put('result_request', { id: newId(), clinic_id: clinicId, status: 'new', created_at: 'x' });
      })),
    ]);
    const log = await hub.hub.store.db.selectFrom('change_log').select(['seq', 'tx']).orderBy('seq').execute();
    const seqs = log.map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // each transaction's changes are one run of consecutive seqs
    const seen = new Set<number>();
    let prev = -1;
    for (const r of log) {
      const tx = Number(r.tx);
      if (tx !== prev) {
        expect(seen.has(tx)).toBe(false);
        seen.add(tx);
        prev = tx;
      }
    }
    // and a pull from any cursor sees exactly what follows it
    const p = await handlePull(hub.hub, client, { epoch: (await hub.hub.store.db.selectFrom('hub_meta').select('epoch').executeTakeFirstOrThrow()).epoch, cursor: 5, ack: 0 });
    expect(p.status).toBe(200);
    if (p.status === 200) expect(p.body.changes.map((c) => c.seq)).toEqual(seqs.filter((s) => s > 5));
  });
});

describe('rule 7: a hub restored from backup', () => {
  it('gets a new epoch; workstations keep their outbox, resync and push again what the backup lacks', async () => {
    const { World } = await import('./world');
    const { checkQuiescence } = await import('./invariants');
    const world = new World(() => 0.5);
    try {
      await world.setup(2, 3);
      for (const s of world.stations) await s.client.syncOnce();
      await world.backupHub();
      world.editPatient(0, 0, 'After the backup');
      world.createPatient(1);
      for (const s of world.stations) await s.client.syncOnce();
      const epochBefore = (world.stations[0]?.store.sqlite.prepare('SELECT hub_epoch FROM sync_state').get() as { hub_epoch: string }).hub_epoch;
      await world.restoreHub();
      for (let round = 0; round < 3; round++) for (const s of world.stations) await s.client.syncOnce();
      const epochAfter = (world.stations[0]?.store.sqlite.prepare('SELECT hub_epoch FROM sync_state').get() as { hub_epoch: string }).hub_epoch;
      expect(epochAfter).not.toBe(epochBefore);
      const cities = await world.hub.store.db.selectFrom('e_patient' as never).select('city' as never).execute() as Array<{ city: string }>;
      expect(cities.map((c) => c.city)).toContain('After the backup');
      expect(await world.hub.store.db.selectFrom('e_patient' as never).select('id' as never).where('id' as never, '=', world.createdPatients[0] as never).execute()).toHaveLength(1);
      expect(await checkQuiescence(world.hub, world.clinicId, world.stations)).toEqual([]);
    } finally {
      world.close();
    }
  });
});
