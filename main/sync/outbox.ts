import { isEntityName } from '../../common/sync/entities';
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, type MutationResult, type PushedMutation, type PushItemResult } from '../../common/sync/protocol';
import type { Store } from '../../db/store';
import { applyRow, releaseShadows, withdrawRow } from './apply';

/**
 * The next pending mutations in id order (none above `upTo`), as many as one push may carry. Read
 * one at a time and stopped at the byte limit: a founding workstation's upload mutations are
 * ~100 KB each and two fill a push, so reading a hundred to use two would read 50 times too much.
 */
export function nextBatch(store: Store, upTo = Number.MAX_SAFE_INTEGER): PushedMutation[] {
  const pending = store.prepare(
    "SELECT mutation_id, name, args, staff_id, staff_name FROM sync_outbox WHERE state = 'pending' AND mutation_id <= ? ORDER BY mutation_id LIMIT ?",
  );
  const batch: PushedMutation[] = [];
  let bytes = 0;
  for (const r of pending.iterate(upTo, MAX_PUSH_MUTATIONS) as IterableIterator<{ mutation_id: number; name: string; args: string; staff_id: string | null; staff_name: string | null }>) {
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
  // plain prepared statements: a push answers up to 100 mutations, each settled here
  const settleOne = store.prepare("UPDATE sync_outbox SET state = ?, result = ?, settled_at = ? WHERE mutation_id = ? AND state = 'pending'");
  const rowsOf = store.prepare('SELECT entity, entity_id FROM sync_outbox_row WHERE mutation_id = ?');
  for (const r of results) {
    if (!settleOne.run(r.status, JSON.stringify(r), now, r.id).changes) continue;
    settled++;
    touched.push(...(rowsOf.all(r.id) as Array<{ entity: string; entity_id: string }>));
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
