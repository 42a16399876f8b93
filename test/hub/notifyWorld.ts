import type { MutationArgs } from '../../common/sync/mutations';
import type { PushedMutation } from '../../common/sync/protocol';
import { runCommand } from '../../db/command';
import { createHub, listen, type HubOptions } from '../../hub/app';
import { silentHubLogger } from '../../hub/context';
import { entityDb } from '../../hub/sync/changes';
import { handlePush } from '../../hub/sync/push';
import { TestClock } from '../helpers/clock';
import { editPatient, foundingWorkstation, startTestHub, type TestHub, type Workstation } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

/** What a patient's record says that no email or SMS may repeat. */
export interface Phi {
  id: string;
  given_name: string;
  family_name: string;
  mrn: string;
  date_of_birth: string;
}

/** A date of birth in the ways it could be written in a message. */
export function dobForms(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return [iso, `${d}-${m}-${y}`, `${d}.${m}.${y}`, `${d}/${m}/${y}`, `${d}${m}${y.slice(2)}`];
}

export function assertNoPhi(text: string, p: Phi): string[] {
  return [p.given_name, p.family_name, p.mrn, ...dobForms(p.date_of_birth)].filter((s) => text.includes(s));
}

export interface NotifyWorld {
  t: TestHub;
  ws: Workstation & { clinicId: string };
  clock: TestClock;
  dir: string;
  patient: Phi;
  close(): Promise<void>;
}

/** A hub (its worker stepped by the test unless told otherwise) and a founding workstation, synced. */
export async function notifyWorld(notify: HubOptions['notify']): Promise<NotifyWorld> {
  const dir = tempDir('portal-hub-').dir;
  const clock = new TestClock();
  const t = await startTestHub(dir, clock, { notify: { autoStart: false, ...notify } });
  const ws = await foundingWorkstation(t, 5);
  const patient = ws.store.sqlite.prepare('SELECT id, given_name, family_name, mrn, date_of_birth FROM patient ORDER BY id LIMIT 1').get() as Phi;
  editPatient(ws, patient.id, { email: 'patient-7@example.dk', mobile: '+45 12 34 56 78' });
  await ws.client.syncOnce();
  const world: NotifyWorld = {
    t, ws, clock, dir, patient,
    async close() {
      ws.close();
      await world.t.close();
    },
  };
  return world;
}

/** Staff ask for a notification on the workstation: the write path queues `notifications.send`. */
export function askToNotify(ws: Workstation, args: MutationArgs<'notifications.send'>): void {
  runCommand({ store: ws.store, actor: { staffId: null, workstationId: 'test' }, clock: ws.clock }, {
    run: (w) => w.mutate('notifications.send', args),
    audit: { action: 'notification.send', patientId: args.patientId },
  });
}

/** Pushes a workstation's already-pushed mutations again, as a client that never heard the answer does. */
export async function replayPushes(world: NotifyWorld, name = 'notifications.send') {
  const { client_id: clientId } = world.ws.store.sqlite.prepare('SELECT client_id FROM sync_state').get() as { client_id: string };
  const rows = world.ws.store.sqlite.prepare('SELECT mutation_id, name, args FROM sync_outbox WHERE name = ? ORDER BY mutation_id').all(name) as Array<{ mutation_id: number; name: string; args: string }>;
  const out = [];
  for (const r of rows) {
    const m: PushedMutation = { id: r.mutation_id, name: r.name, args: JSON.parse(r.args) };
    out.push(await handlePush(world.t.hub.hub, { clientId, clinicId: world.ws.clinicId }, [m]));
  }
  return out;
}

export const hubNotifications = (world: NotifyWorld) =>
  entityDb(world.t.hub.hub.store.db).selectFrom('e_notification').selectAll().orderBy('id').execute() as Promise<Array<Record<string, unknown>>>;

export const outbox = (world: NotifyWorld) => world.t.hub.hub.store.db.selectFrom('notify_outbox').selectAll().orderBy('created_at').execute();

export const wsNotifications = (ws: Workstation) =>
  ws.store.sqlite.prepare('SELECT id, kind, channel, status, recipient_masked, sent_at, error, patient_id FROM notification ORDER BY id').all() as Array<Record<string, unknown>>;

/** The hub process stops and starts again on the same data and port (queued mail survives in the outbox). */
export async function restartHub(world: NotifyWorld, notify: HubOptions['notify']): Promise<void> {
  const port = Number(new URL(world.t.url).port);
  await world.t.close();
  const hub = await createHub({ dataDir: world.dir, clock: world.clock, log: silentHubLogger, notify });
  const url = await listen(hub, port);
  world.t = { hub, url, dir: world.dir, close: () => hub.close() };
}
