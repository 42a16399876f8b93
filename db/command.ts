import type { MutationArgs, MutationName } from '../common/sync/mutations';
import type { Clock, Timestamp } from '../common/time';
import { nowTimestamp } from '../common/time';
import { type Actor, type AuditInput, insertAudit } from './audit';
import type { Store } from './store';

export interface CommandContext {
  store: Store;
  actor: Actor;
  clock: Clock;
}

export interface Writer {
  readonly store: Store;
  readonly actor: Actor;
  /** One timestamp for everything the command writes. */
  readonly now: Timestamp;
  /**
   * Queues a mutation for the hub; it is appended to the outbox after the audit event. Rows it
   * carries under `put` are noted automatically; `touches` names other local rows it changed
   * optimistically (a hub-owned record), so a pull leaves them alone until the hub answers.
   */
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>, touches?: Array<{ entity: string; id: string }>): void;
}

export interface CommandSpec<T> {
  /** Checks preconditions (throwing DomainError) and writes the domain rows. */
  run(w: Writer): T;
  audit: AuditInput | ((result: T) => AuditInput | AuditInput[]);
}

/**
 * The write path: preconditions → domain rows → audit event → outbox mutation, in one
 * transaction. Either all of it is on disk or none of it is; nothing here awaits anything.
 */
export function runCommand<T>(ctx: CommandContext, spec: CommandSpec<T>): T {
  const { store, actor } = ctx;
  return store.tx(() => {
    const now = nowTimestamp(ctx.clock);
    const mutations: Array<{ name: string; args: unknown; touches?: Array<{ entity: string; id: string }> }> = [];
    const writer: Writer = { store, actor, now, mutate: (name, args, touches) => void mutations.push({ name, args, ...(touches ? { touches } : {}) }) };
    const result = spec.run(writer);
    const audits = typeof spec.audit === 'function' ? spec.audit(result) : spec.audit;
    for (const a of Array.isArray(audits) ? audits : [audits]) insertAudit(store, actor, now, a);
    for (const m of mutations) appendOutbox(store, now, m.name, m.args, actor.staffId, m.touches);
    return result;
  });
}

/**
 * Takes the next gapless mutation id in the caller's transaction (SYNC.md rule 1), and notes
 * which rows the mutation carries so that a pull does not overwrite them while it is pending.
 */
export function appendOutbox(
  store: Store,
  now: Timestamp,
  name: string,
  args: unknown,
  staffId: string | null = null,
  touches: Array<{ entity: string; id: string }> = [],
): number {
  const row = store.sqlite
    .prepare('UPDATE sync_state SET next_mutation_id = next_mutation_id + 1 WHERE id = 1 RETURNING next_mutation_id - 1 AS id')
    .get() as { id: number } | undefined;
  if (!row) throw new Error('sync_state is missing: the store was not initialised');
  store.run(
    store.k.insertInto('sync_outbox').values({
      mutation_id: row.id,
      name,
      args: JSON.stringify(args),
      state: 'pending',
      result: null,
      created_at: now,
      settled_at: null,
      staff_id: staffId,
      staff_name: staffId ? (store.first(store.k.selectFrom('staff_user').select('display_name').where('id', '=', staffId))?.display_name ?? null) : null,
    }),
  );
  const put = (args as { put?: Record<string, Array<{ id?: unknown }>> } | null)?.put ?? {};
  const carried = Object.entries(put).flatMap(([entity, rows]) => rows.filter((r) => typeof r.id === 'string').map((r) => ({ entity, id: r.id as string })));
  for (const t of [...carried, ...touches]) {
    store.run(store.k.insertInto('sync_outbox_row').values({ mutation_id: row.id, entity: t.entity, entity_id: t.id }).onConflict((oc) => oc.doNothing()));
  }
  return row.id;
}
