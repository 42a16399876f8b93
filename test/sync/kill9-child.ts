/**
 * The workstation side of the kill -9 harness (test/sync/kill9.ts), run as its own process: the
 * real SyncClient with the real HTTP transport on a real SQLite file, making local changes and
 * syncing until the parent kills it with SIGKILL.
 *
 * It loads everything first and then waits for one line on stdin (`go <json config>`), so the
 * parent can start the next child while the current one works and a restart costs no start-up.
 * Every write it commits is then appended to a journal file (written and fsynced after the local
 * commit returned), so the parent knows each write the workstation promised to keep.
 *
 * `broken` picks a deliberately wrong variant the harness must catch: `deferred-outbox` commits the
 * domain change and queues the mutation in memory, writing it to the outbox in a later transaction
 * (SYNC.md rule 1: the id is taken in the transaction that made the change); `cursor-first` commits
 * a pull's cursor before the page's rows (rule 4: rows and cursor in one transaction).
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { newId } from '../../common/ids';
import { pickSynced } from '../../common/sync/entities';
import type { MutationArgs } from '../../common/sync/mutations';
import { nowTimestamp, systemClock } from '../../common/time';
import { appendOutbox, runCommand, type Writer } from '../../db/command';
import { openStore } from '../../db/init';
import { writePatient } from '../../db/queries/patients';
import type { Store } from '../../db/store';
import { silentLogger } from '../../main/log';
import { SyncClient } from '../../main/sync/client';
import { credentialOf } from '../../main/sync/enroll';
import { httpTransport } from '../../main/sync/http';
import { pendingCount } from '../../main/sync/outbox';
import { TransportError, type SyncTransport } from '../../main/sync/transport';
import { MARKER_PREFIX, seeded, type ChildConfig } from './kill9-shared';

const CITIES = ['Aarhus', 'Odense', 'Vejle', 'Køge', 'Ribe'];
const actor = { staffId: null, workstationId: 'kill9' };

const say = (line: string) => writeSync(1, `${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const go = waitForGo();
  // Node loads its fetch implementation on first use, which takes long enough that kills would
  // mostly land before the first write: load it while waiting, as a running workstation has
  await fetch('data:text/plain,warm').then((r) => r.text());
  const config = await go;
  const store = openStore(config.dbFile);
  const rand = seeded(config.seed);
  const http = httpTransport(config.hubUrl, () => credentialOf(store));
  const transport = lingering(config.broken === 'cursor-first' ? cursorFirst(http, store) : http, rand);
  let synced = false;
  const client = new SyncClient({
    store, transport, clock: systemClock, log: silentLogger, hubUrl: config.hubUrl, random: rand,
    // the parent may time its kill from the end of the first full round as well as from the start
    onStatus: (status) => {
      if (status.state !== 'online' || synced) return;
      synced = true;
      say('synced');
    },
  });
  if (config.drain) return drain(store, client);

  const journal = openSync(config.journal, 'a');
  const deferred: Deferred = [];
  const queue = config.broken === 'deferred-outbox' ? deferred : null;
  say('ready');
  client.start();
  let n = 0;
  for (;;) {
    for (let burst = 1 + Math.floor(rand() * 3); burst > 0; burst--) {
      const marker = `${MARKER_PREFIX}${config.run}:${++n}`;
      const write = rand() < 0.3 ? createPatient(store, config.clinicId, marker, queue) : editPatient(store, rand, marker, queue);
      if (!write) continue;
      // only now, with the local commit returned, does the workstation promise to keep this write
      writeSync(journal, `${marker} ${write.op} ${write.id}\n`);
      fsyncSync(journal);
    }
    if (deferred.length && rand() < 0.2) flushDeferred(store, deferred);
    client.nudge();
    await sleep(Math.floor(rand() * 8));
  }
}

/**
 * The real transport, but the child lingers a few ms after each answer before the client acts on
 * it, as a busy PC would: the moments between "the hub committed" and "the workstation wrote
 * down that it did" are the ones a kill must hit, and they are otherwise very short.
 */
function lingering(transport: SyncTransport, rand: () => number): SyncTransport {
  const linger = async <T>(answer: T): Promise<T> => {
    await sleep(Math.floor(rand() * 15));
    return answer;
  };
  return { ...transport, push: async (m) => linger(await transport.push(m)), pull: async (req) => linger(await transport.pull(req)) };
}

/** The broken variant that moves the pull cursor in a transaction of its own, before the page's rows. */
function cursorFirst(transport: SyncTransport, store: Store): SyncTransport {
  return {
    ...transport,
    pull: async (req) => {
      const page = await transport.pull(req);
      if (page.status === 200) store.prepare('UPDATE sync_state SET pull_cursor = ? WHERE id = 1').run(page.body.cursor);
      return page;
    },
  };
}

function waitForGo(): Promise<ChildConfig> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (!line.startsWith('go ')) return;
      lines.close();
      resolve(JSON.parse(line.slice(3)) as ChildConfig);
    });
  });
}

type Write = { op: 'create' | 'edit'; id: string };
type PutArgs = MutationArgs<'rows.put'>;
type Deferred = Array<{ name: string; args: PutArgs }>;

/** The mutation goes into the command's transaction, or (broken variant) into a queue in memory. */
function mutate(w: Writer, args: PutArgs, queue: Deferred | null): void {
  if (queue) queue.push({ name: 'rows.put', args });
  else w.mutate('rows.put', args);
}

function createPatient(store: Store, clinicId: string, marker: string, queue: Deferred | null): Write {
  const id = newId();
  runCommand({ store, actor, clock: systemClock }, {
    run: (w) => {
      const row = {
        id, clinic_id: clinicId, mrn: `K9-${marker.slice(MARKER_PREFIX.length)}`, given_name: 'Kill', family_name: `Nine ${marker}`,
        date_of_birth: '1970-01-01', sex: 'U' as const, email: null, mobile: null, postal_code: null, address_line: marker, city: null,
        created_at: w.now, updated_at: w.now, version: 0, deleted_at: null,
      };
      writePatient(w.store, row);
      mutate(w, { put: { patient: [pickSynced('patient', row)] } }, queue);
    },
    audit: { action: 'patient.create', patientId: id },
  });
  return { op: 'create', id };
}

function editPatient(store: Store, rand: () => number, marker: string, queue: Deferred | null): Write | null {
  const count = store.prepare('SELECT count(*) FROM patient WHERE deleted_at IS NULL').pluck().get() as number;
  const id = store.prepare('SELECT id FROM patient WHERE deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET ?').pluck().get(Math.floor(rand() * count)) as string | undefined;
  if (!id) return null;
  const city = CITIES[Math.floor(rand() * CITIES.length)] as string;
  runCommand({ store, actor, clock: systemClock }, {
    run: (w) => {
      w.store.sqlite.prepare('UPDATE patient SET address_line = ?, city = ?, updated_at = ? WHERE id = ?').run(marker, city, w.now, id);
      const row = w.store.sqlite.prepare('SELECT * FROM patient WHERE id = ?').get(id) as Record<string, unknown>;
      mutate(w, { put: { patient: [pickSynced('patient', row)] } }, queue);
    },
    audit: { action: 'patient.edit', patientId: id },
  });
  return { op: 'edit', id };
}

/** The broken variant's late write of the queued mutations, in a transaction of their own. */
function flushDeferred(store: Store, deferred: Deferred): void {
  const now = nowTimestamp(systemClock);
  store.tx(() => {
    for (const m of deferred.splice(0)) appendOutbox(store, now, m.name, m.args);
  });
}

/** The last start, never killed: sync until nothing is pending and a full round went through. */
async function drain(store: Store, client: SyncClient): Promise<void> {
  for (;;) {
    try {
      await client.syncOnce();
      if (pendingCount(store) === 0) {
        await client.syncOnce();
        break;
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      await sleep(100);
    }
  }
  store.close();
  say('drained');
}

main().then(
  () => {
    closeSync(1);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`kill9 child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
