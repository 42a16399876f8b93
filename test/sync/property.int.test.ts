import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CloneError } from '../../main/sync/client';
import { TransportError } from '../../main/sync/transport';
import { NO_FAULTS, type Faults } from '../helpers/faulty';
import { checkQuiescence } from './invariants';
import { World } from './world';

/** 1,000 schedules in CI; `SYNC_SCHEDULES=20000 npm run test:sync-long` for the longer run. */
const SCHEDULES = Number(process.env.SYNC_SCHEDULES ?? 1000);
const SEED = process.env.SYNC_SEED ? Number(process.env.SYNC_SEED) : undefined;

type Step =
  | { kind: 'edit'; station: number; pick: number; city: string }
  | { kind: 'create'; station: number }
  | { kind: 'patientRequest' }
  | { kind: 'handle'; station: number; pick: number; status: 'handled' | 'dismissed' }
  | { kind: 'sync'; station: number; faults: Faults }
  | { kind: 'crashStation'; station: number }
  | { kind: 'crashHub' }
  | { kind: 'backupHub' }
  | { kind: 'restoreHub' }
  | { kind: 'syncWhileEditing'; station: number; pick: number; faults: Faults };

const p = fc.constantFrom(0, 0, 0.2, 0.5);
const faults = fc.record({ dropRequest: p, dropResponse: p, duplicate: p, replayLater: p, cutSnapshot: p });
const station = fc.nat({ max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), station, pick: fc.nat({ max: 50 }), city: fc.constantFrom('Aarhus', 'Odense', 'Vejle', 'Køge') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), station }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('patientRequest' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('handle' as const), station, pick: fc.nat({ max: 9 }), status: fc.constantFrom('handled' as const, 'dismissed' as const) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('sync' as const), station, faults }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crashStation' as const), station }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crashHub' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backupHub' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restoreHub' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('syncWhileEditing' as const), station, pick: fc.nat({ max: 50 }), faults }) },
);

async function syncQuietly(world: World, i: number): Promise<void> {
  try {
    await world.stations[i]?.client.syncOnce();
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
  }
}

/** Heal the network, deliver the stragglers, and sync everyone until nothing moves. */
async function quiesce(world: World): Promise<void> {
  for (const s of world.stations) {
    s.transport.faults = NO_FAULTS;
    await s.transport.flushStash();
  }
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < world.stations.length; i++) await syncQuietly(world, i);
  }
}

async function runSchedule(stations: number, steps: Step[], seed: number): Promise<string[]> {
  let state = seed >>> 0 || 1;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const world = new World(rand);
  try {
    await world.setup(stations, 4);
    for (const s of steps) {
      const i = 'station' in s ? s.station % stations : 0;
      switch (s.kind) {
        case 'edit': world.editPatient(i, s.pick, s.city); break;
        case 'create': world.createPatient(i); break;
        case 'patientRequest': await world.patientRequest(); break;
        case 'handle': world.handleRequest(i, s.pick, s.status); break;
        case 'sync':
          (world.stations[i] as { transport: { faults: Faults } }).transport.faults = s.faults;
          await syncQuietly(world, i);
          break;
        case 'crashStation': world.crashStation(i); break;
        case 'crashHub': await world.crashHub(); break;
        case 'backupHub': await world.backupHub(); break;
        case 'restoreHub': await world.restoreHub(); break;
        case 'syncWhileEditing': {
          // staff keep working while a round is under way: the edit lands between its requests
          (world.stations[i] as { transport: { faults: Faults } }).transport.faults = s.faults;
          const round = syncQuietly(world, i);
          await new Promise((r) => setImmediate(r));
          world.editPatient(i, s.pick, 'Mid-sync');
          world.handleRequest(i, s.pick, 'handled');
          await round;
          break;
        }
      }
    }
    await quiesce(world);
    const problems = await checkQuiescence(world.hub, world.clinicId, world.stations);
    const hubPatients = await world.hub.store.db.selectFrom('e_patient' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst() as { n: number };
    if (Number(hubPatients.n) !== 4 + world.createdPatients.length) problems.push(`hub has ${hubPatients.n} patients, expected ${4 + world.createdPatients.length}`);
    return problems;
  } finally {
    world.close();
  }
}

describe('sync under faults (model: hub + 2-3 workstations, lossy network, crashes)', () => {
  it(`all six properties hold at quiescence over ${SCHEDULES} schedules`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }), fc.array(step, { minLength: 5, maxLength: 40 }), fc.integer(), async (n, steps, seed) => {
        const problems = await runSchedule(n, steps, seed);
        expect(problems).toEqual([]);
      }),
      { numRuns: SCHEDULES, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
    );
  }, Math.max(600_000, SCHEDULES * 1_000));

  it('a cloned workstation (same identity, different history) is stopped, not merged', async () => {
    const world = new World(() => 0.5);
    try {
      await world.setup(2, 2);
      await world.stations[0]?.client.syncOnce();
      // the clone: a copy of station 0's file that makes its own, different change
      const { copyFileSync } = await import('node:fs');
      const s0 = world.stations[0] as (typeof world.stations)[number];
      world.editPatient(0, 0, 'Original');
      s0.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(s0.file, `${s0.file}.clone`);
      await s0.client.syncOnce();
      world.editPatient(0, 1, 'Original again');
      await s0.client.syncOnce();
      world.stations.push({ ...s0, name: 'clone', file: `${s0.file}.clone` });
      world.crashStation(2);
      // the clone's own next change takes the id the original already used for something else
      world.editPatient(2, 0, 'Clone');
      await expect(world.stations[2]?.client.syncOnce()).rejects.toBeInstanceOf(CloneError);
    } finally {
      world.close();
    }
  });
});
