import { isEntityName } from '../../common/sync/entities';
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, type MutationResult, type PushedMutation, type PushItemResult } from '../../common/sync/protocol';
import type { Store } from '../../db/store';
import { applyRow, releaseShadows, withdrawRow } from './apply';

/** The next pending mutations in id order (none above `upTo`), as many as one push may carry. */
export function nextBatch(store: Store, upTo = Number.MAX_SAFE_INTEGER): PushedMutation[] {
  const rows = store.all(
    store.k.selectFrom('sync_outbox').select(['mutation_id', 'name', 'args', 'staff_id', 'staff_name'])
      .where('state', '=', 'pending').where('mutation_id', '<=', upTo).orderBy('mutation_id').limit(MAX_PUSH_MUTATIONS),
  );
  const batch: PushedMutation[] = [];
  let bytes = 0;
  for (const r of rows) {
    const prev = batch[batch.length - 1];
    if (prev && r.mutation_id !== prev.id + 1) break;
    bytes += r.args.length + 128;
    if (batch.length > 0 && bytes > MAX_PUSH_BYTES - 4096) break;
    batch.push({ id: r.mutation_id, name: r.name, args: JSON.parse(r.args), staffId: r.staff_id, staffName: r.staff_name });
  }
  return batch;
}

export function pendingCount(store: Store): number {
  return (store.sqlite.prepare("SELECT count(*) AS n FROM sync_outbox WHERE state = 'pending'").get() as { n: number }).n;
}

export const resultOf = (r: PushItemResult): MutationResult => (r.status === 'alreadyProcessed' ? r.result : r);

/**
 * Settles outbox rows by their results (SYNC.md rule 6: only a result settles a row). A refused
 * mutation's rows are put back to what the hub holds. Call inside the caller's transaction.
 */
export function settle(store: Store, results: MutationResult[], now: string): number {
  let settled = 0;
  const touched: Array<{ entity: string; entity_id: string }> = [];
  for (const r of results) {
    const changed = store.run(
      store.k.updateTable('sync_outbox')
        .set({ state: r.status, result: JSON.stringify(r), settled_at: now })
        .where('mutation_id', '=', r.id).where('state', '=', 'pending'),
    ).changes;
    if (!changed) continue;
    settled++;
    touched.push(...store.all(store.k.selectFrom('sync_outbox_row').select(['entity', 'entity_id']).where('mutation_id', '=', r.id)));
    if (r.status !== 'applied') {
      for (const c of r.current ?? []) {
        if (!isEntityName(c.entity)) continue;
        if (c.data) applyRow(store, c.entity, c.data, { force: true });
        else withdrawRow(store, c.entity, c.id, now);
      }
    }
  }
  releaseShadows(store, touched);
  const ack = store.sqlite.prepare(
    "SELECT coalesce(min(mutation_id) - 1, (SELECT max(mutation_id) FROM sync_outbox)) AS ack FROM sync_outbox WHERE state = 'pending'",
  ).get() as { ack: number | null };
  store.run(store.k.updateTable('sync_state').set({ last_ack_mutation_id: ack.ack ?? 0 }).where('id', '=', 1));
  return settled;
}
