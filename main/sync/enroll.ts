import type { Clock } from '../../common/time';
import type { Store } from '../../db/store';
import type { SyncTransport } from './transport';
import { queueUnsyncedRows } from './upload';

/**
 * Enrolls this workstation with a hub using a one-time code. A code that founds a clinic takes
 * this workstation's clinic and queues its records for upload; a join code expects an empty
 * workstation, which then fills from the hub's snapshot.
 */
export async function enrollWorkstation(
  store: Store,
  transport: Pick<SyncTransport, 'enroll'>,
  opts: { hubUrl: string; code: string; label?: string; clock: Clock },
): Promise<{ clinicId: string; founded: boolean; queued: number }> {
  const st = store.first(store.k.selectFrom('sync_state').select(['client_id', 'credential']).where('id', '=', 1));
  if (!st) throw new Error('sync_state is missing');
  const clinic = store.first(store.k.selectFrom('clinic').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('created_at'));
  const res = await transport.enroll({
    code: opts.code,
    clientId: st.client_id,
    ...(clinic ? { clinic: { id: clinic.id, name: clinic.name } } : {}),
    ...(opts.label ? { label: opts.label } : {}),
  });
  if (clinic && res.clinicId !== clinic.id) {
    throw new Error('this workstation already holds another clinic; a workstation joins a clinic only when empty');
  }
  store.run(
    store.k.updateTable('sync_state')
      .set({ hub_url: opts.hubUrl, credential: res.credential, clinic_id: res.clinicId, hub_epoch: null, pull_cursor: 0, snapshot_done: 0, last_error: null })
      .where('id', '=', 1),
  );
  const founded = !!clinic;
  const queued = founded ? queueUnsyncedRows(store, res.clinicId, opts.clock) : 0;
  return { clinicId: res.clinicId, founded, queued };
}

export function credentialOf(store: Store): { clientId: string; secret: string } | null {
  const st = store.first(store.k.selectFrom('sync_state').select(['client_id', 'credential']).where('id', '=', 1));
  return st?.credential ? { clientId: st.client_id, secret: st.credential } : null;
}
