import type { Kysely } from 'kysely';
import { newId } from '../../common/ids';
import type { HubDB } from '../db/schema';

/**
 * A hub restored from a backup takes a new epoch (SYNC.md rule 7): every workstation notices at
 * its next hello, keeps its outbox, resyncs from a snapshot and pushes again what the restored hub
 * no longer has. Restoring without this would let workstations trust results the hub forgot.
 */
export async function startNewEpoch(db: Kysely<HubDB>): Promise<string> {
  const epoch = newId();
  await db.updateTable('hub_meta').set({ epoch }).where('id', '=', 1).execute();
  return epoch;
}
